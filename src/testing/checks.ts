import type { Check, Issue, OperationChecks, ResponseChecks } from "../../generated/axiom.validators.js";

// The shape every generated <api>.validators.ts has (the package's and an app's alike), named from one of them.
export type { Check, Issue, OperationChecks, ResponseChecks };
export type Validators = Record<string, OperationChecks>;

/** The response key a status falls under, as the spec writes them: the status itself, its range ("4XX"), else "default". */
export function responseKey(keys: readonly string[], status: number): string | undefined {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return keys.find((key) => key == exact) ?? keys.find((key) => key.toUpperCase() == range) ?? keys.find((key) => key == "default");
}

/** The entry for a media type: exact (parameters dropped, any case), else `type/*`, else `*\/*`. */
export function byMediaType<T>(table: Record<string, T> | undefined, contentType: string | null): T | undefined {
  if (!table || !contentType) return undefined;
  const media = contentType.split(";")[0]!.trim().toLowerCase();
  const keys = Object.keys(table);
  const key =
    keys.find((name) => name.toLowerCase() == media) ??
    keys.find((name) => name.toLowerCase() == `${media.split("/")[0]}/*`) ??
    keys.find((name) => name == "*/*");
  return key === undefined ? undefined : table[key];
}

/** What a check finds, as one line: at most three issues, each its pointer, the type expected and the type that came. */
export function describeIssues(issues: Issue[], root = "(the body itself)"): string {
  const shown = issues.slice(0, 3).map(({ pointer, expected, actual }) => `at ${pointer || root}: expected ${expected}, came ${actual}`);
  return `${shown.join("; ")}${issues.length > 3 ? `; and ${issues.length - 3} more` : ""}`;
}
