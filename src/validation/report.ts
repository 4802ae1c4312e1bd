import type { Operation } from "../errors.js";
import type { PartIssue } from "./issues.js";

/** One way a response differed from the spec, as reported: never a value, only where and which types. */
export interface ResponseIssue {
  operation: Operation;
  status: number;
  /** The part of the response: "status", "content type", "header <name>", "body", or "operation" (no checks for it). */
  part: PartIssue["part"];
  /** A JSON pointer into the part ("" = the part itself). */
  pointer: string;
  expected: string;
  actual: string;
}

const MAX_TEXT = 100;
/**
 * A pointer segment that looks like a credential, which a server may echo as a property name: 20+ characters
 * without spaces, letters and at least 4 digits (random tokens have them; `created_at_timestamp_v2` doesn't).
 */
const SECRET_LOOKING = /^(?=(?:\D*\d){4})(?=.*[a-z])[\w.~+=:-]{20,}$/i;

/**
 * An issue as it may leave the library: its text comes from the server (property names in pointers) and the spec,
 * so control characters are escaped (no ANSI, no line breaks to forge log lines), each text is cut to
 * MAX_TEXT characters, known secrets are masked by the client's redactor and credential-looking segments by shape.
 */
export function reportable(issue: PartIssue, operation: Operation, status: number, redact: (text: string) => string): ResponseIssue {
  const safe = (text: string) => cut(escapeControls(redact(masked(text))));
  return { operation, status, part: issue.part, pointer: safe(issue.pointer), expected: safe(issue.expected), actual: safe(issue.actual) };
}

/** The text with each credential-looking `/`-separated segment (of a pointer, of a media type) masked. */
const masked = (text: string) =>
  text
    .split("/")
    .map((segment) => (SECRET_LOOKING.test(segment) ? "[REDACTED]" : segment))
    .join("/");

const escapeControls = (text: string) => text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);

const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** `GET /v2/datasets → 200: /0/created: expected string (date-time), got number (and 2 more)`. */
export function summary(operation: Operation, status: number, issues: ResponseIssue[], total: number): string {
  const more = total - 1;
  return `${operation.method} ${operation.path} → ${status}: ${describe(issues[0]!)}${more > 0 ? ` (and ${more} more)` : ""}`;
}

function describe({ part, pointer, expected, actual }: ResponseIssue): string {
  if (part == "operation") return "the validation has no checks for this operation (were its validators generated from another spec?)";
  if (part == "status" || part == "content type") return `${part} ${actual} is not declared (declared: ${expected})`;
  return `${part == "body" ? pointer || "body" : `${part}${pointer}`}: expected ${expected}, got ${actual}`;
}

/** How many distinct issues warn mode reports in a process: past it, a long-lived process with drift logs no more. */
export const MAX_REPORTED = 1000;
const reported = new Set<string>();

/**
 * The issues not yet reported in this process, by operation, status, part and pointer with array indices folded
 * to `*`, so that the same drift in every item of a list, or in every call, is reported once. Once MAX_REPORTED
 * are, `full` says so, once, and nothing more is.
 */
export function unreported(issues: ResponseIssue[]): { fresh: ResponseIssue[]; full: boolean } {
  if (reported.size > MAX_REPORTED) return { fresh: [], full: false };
  let full = false;
  const fresh = issues.filter((issue) => {
    const { method, path } = issue.operation;
    const key = `${method} ${path} ${issue.status} ${issue.part} ${issue.pointer.replace(/\/\d+(?=\/|$)/g, "/*")}`;
    if (reported.has(key)) return false;
    if (reported.size == MAX_REPORTED) full = true;
    else reported.add(key);
    return !full;
  });
  // A key no issue has, which takes the set past MAX_REPORTED: the sign that `full` was said.
  if (full) reported.add("");
  return { fresh, full };
}
