import type { Exchange } from "./recording.js";

/** The shape of a generated validators module's table (see scripts/generate/emit-validators.ts). */
type Check = (value: unknown, pointer: string, issues: Issue[]) => void;
export interface Issue {
  pointer: string;
  expected: string;
  actual: string;
}
export type Validators = Record<string, { responses: Record<string, { content?: Record<string, Check | null>; headers?: Record<string, Check> }> }>;

/** A way a recorded response differs from its operation, in the words the client's `validate` uses. */
export interface Mismatch extends Issue {
  /** "status", "content type", "header <name>" or "body". */
  part: string;
}

/** Issues kept per response; the rest are counted. */
const KEPT = 20;

/**
 * Each way a recorded response differs from what its operation declares, as the client's `validate` checks a
 * live one: the status's response (exact, `4XX`, `default`), then its headers, its content type (parameters and
 * case aside; exact, `type/*`, `*\/*`) and its body. `total` counts past the KEPT shown.
 */
export function mismatches(validators: Validators, operation: string, exchange: Exchange): { found: Mismatch[]; total: number } {
  const { responses } = validators[operation]!;
  const status = String(exchange.status);
  const key = [status, `${status[0]}XX`, "DEFAULT"].map((wanted) => Object.keys(responses).find((key) => key.toUpperCase() === wanted)).find(Boolean);
  if (key === undefined) return { found: [{ part: "status", pointer: "", expected: Object.keys(responses).join(", "), actual: status }], total: 1 };
  const declared = responses[key]!;
  const found: Mismatch[] = [];
  let total = 0;
  const collect = (part: string, run: (issues: Issue[]) => void) => {
    const issues = new Bounded();
    run(issues);
    total += issues.seen;
    for (const issue of issues.slice(0, KEPT - found.length)) found.push({ part, ...issue });
  };
  for (const [name, check] of Object.entries(declared.headers ?? {}))
    collect(`header ${name}`, (issues) => check(exchange.headers.get(name) ?? null, "", issues));
  const content = declared.content ?? {};
  const empty = exchange.method === "HEAD" || exchange.status === 204 || exchange.status === 304 || !exchange.body;
  const type = empty ? undefined : (exchange.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const media =
    type === undefined
      ? undefined
      : [type, `${type.split("/")[0]}/*`, "*/*"].map((wanted) => Object.keys(content).find((key) => mediaType(key) === wanted)).find(Boolean);
  if (media === undefined && (type !== undefined || Object.keys(content).length > 0)) {
    collect("content type", (issues) =>
      issues.push({
        pointer: "",
        expected: Object.keys(content).join(", ") || "no content",
        actual: type === undefined ? "none" : /^[\w!#$&^.+-]{1,60}\/[\w!#$&^.+-]{1,60}$/.test(type) ? type : "not a media type",
      }),
    );
  }
  const check = media === undefined ? undefined : content[media];
  if (check && exchange.body) collect("body", (issues) => check(exchange.body!.value, "", issues));
  return { found, total };
}

/** Keeps KEPT issues and counts them all: a recorded list of 200,000 wrong items costs a number, not 200,000 entries. */
class Bounded extends Array<Issue> {
  // What slice makes of it is a plain array.
  static override get [Symbol.species]() {
    return Array;
  }
  seen = 0;
  override push(...issues: Issue[]): number {
    this.seen += issues.length;
    return super.push(...issues.slice(0, Math.max(0, KEPT - this.length)));
  }
}

const mediaType = (key: string) => key.split(";")[0]!.trim().toLowerCase();
