import type { Issue, OperationChecks } from "./checks.js";
import { essence, mediaTypeKey, responseKey } from "./match.js";

/** Which part of a response an issue is about. */
export type Part = "operation" | "status" | "content type" | `header ${string}` | "body";

/** An issue, and the part of the response it is in. */
export interface PartIssue extends Issue {
  part: Part;
}

/** What was seen of one response. */
export interface Observed {
  status: number;
  /** The Content-Type, or null when the response has no content. */
  contentType: string | null;
  header(name: string): string | null;
  /** The body as parsed JSON (or text where it wasn't JSON), when it was parsed at all. */
  body?: { value: unknown };
}

/** How many issues of one response are kept: a body of 200,000 wrong items gives a count, not 200,000 entries. */
const KEPT_ISSUES = 50;

/**
 * An issue list that keeps the first KEPT_ISSUES and counts the rest: the generated checks only push, so a
 * drifted huge body costs no memory past the cap.
 */
class CappedIssues extends Array<Issue> {
  // What map and slice make of it is a plain array.
  static override get [Symbol.species]() {
    return Array;
  }
  total = 0;
  override push(...items: Issue[]): number {
    this.total += items.length;
    for (const item of items) if (this.length < KEPT_ISSUES) super.push(item);
    return this.length;
  }
}

/**
 * Each way a response differs from what its operation declares, in order: an undeclared status ends the checking
 * (nothing else is declared for it), then the headers, then the content type, then the body. `total` counts
 * issues past the cap too. Pure: what to report, and how, is the caller's.
 */
export function responseIssues(checks: OperationChecks | undefined, observed: Observed): { issues: PartIssue[]; total: number } {
  if (!checks) return only({ part: "operation", pointer: "", expected: "an operation the validators know", actual: "unknown" });
  const key = responseKey(observed.status, checks.responses);
  if (key === undefined) return only({ part: "status", pointer: "", expected: declared(checks.responses), actual: String(observed.status) });
  const { content = {}, headers = {} } = checks.responses[key]!;
  const issues: PartIssue[] = [];
  let total = 0;
  for (const name in headers) {
    const found = new CappedIssues();
    headers[name]!(observed.header(name), "", found);
    issues.push(...found.map((issue) => ({ part: `header ${name}` as const, ...issue })));
    total += found.total;
  }
  const { contentType } = observed;
  const media = contentType === null ? undefined : mediaTypeKey(contentType, content);
  if (media === undefined && (contentType !== null || Object.keys(content).length > 0)) {
    const actual = contentType === null ? "none" : mediaTypeText(contentType);
    issues.push({ part: "content type", pointer: "", expected: declared(content) || "no content", actual });
    total++;
  }
  const check = media === undefined ? undefined : content[media];
  if (check && observed.body) {
    const found = new CappedIssues();
    check(observed.body.value, "", found);
    issues.push(...found.map((issue) => ({ part: "body" as const, ...issue })));
    total += found.total;
  }
  return { issues, total };
}

const only = (issue: PartIssue) => ({ issues: [issue], total: 1 });

/** The keys an object declares, listed: "200, 404" (at most ten, then "…"). */
function declared(keys: Record<string, unknown>): string {
  const all = Object.keys(keys);
  return all.slice(0, 10).join(", ") + (all.length > 10 ? ", …" : "");
}

/** A server's Content-Type as a report may show it: its media type when it is one, else a description. */
function mediaTypeText(contentType: string): string {
  const type = essence(contentType);
  return /^[\w!#$&^.+-]{1,60}\/[\w!#$&^.+-]{1,60}$/.test(type) ? type : "not a media type";
}
