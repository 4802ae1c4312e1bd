import { mediaTypeKey } from "../validation/match.js";
import type { Issue } from "../validation/checks.js";

// The validators' shape, and how a response finds its checks, are galaxiom/validation's: a fake and a client's
// `validate` read the same tables the same way.
export type { Check, Issue, OperationChecks, ResponseChecks, Validators } from "../validation/checks.js";

/** The entry of `table` a Content-Type falls under (see mediaTypeKey), or undefined. */
export function byMediaType<T>(table: Record<string, T> | undefined, contentType: string | null): T | undefined {
  const key = table && contentType ? mediaTypeKey(contentType, table) : undefined;
  return key === undefined ? undefined : table![key];
}

/** What a check finds, as one line: at most three issues, each its pointer, the type expected and the type that came. */
export function describeIssues(issues: Issue[], root = "(the body itself)"): string {
  const shown = issues.slice(0, 3).map(({ pointer, expected, actual }) => `at ${pointer || root}: expected ${expected}, came ${actual}`);
  return `${shown.join("; ")}${issues.length > 3 ? `; and ${issues.length - 3} more` : ""}`;
}
