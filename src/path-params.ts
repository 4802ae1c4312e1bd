import { GalaxiomError, type Operation } from "./errors.js";

/** Each template's parameter names, read once: templates are few and fixed by the spec. */
const names = new Map<string, string[]>();

/**
 * Refuses, before any I/O, a path parameter that would send the request somewhere else or nowhere: missing,
 * null, empty, `.` or `..` (which URL parsing resolves away), an object, NaN or Infinity, or not well-formed
 * Unicode (which cannot be percent-encoded). What passes is encoded by openapi-fetch's path serializer with
 * `encodeURIComponent`, so that `/`, `?` and `#` in a value stay inside its one segment.
 */
export function checkPathParams(operation: Operation, params: Record<string, unknown> | undefined): void {
  let found = names.get(operation.path);
  if (!found) {
    // openapi-fetch's path styles: `{id}`, `{id*}` (explode), `{.id}` (label), `{;id}` (matrix).
    found = [...operation.path.matchAll(/\{[.;]?([^{}*]+)\*?\}/g)].map((match) => match[1]!);
    names.set(operation.path, found);
  }
  for (const name of found) {
    const problem = problemWith(params?.[name]);
    if (problem) throw new GalaxiomError(`path parameter \`${name}\` is ${problem}`, { operation });
  }
}

function problemWith(value: unknown): string | undefined {
  if (value === undefined) return "missing";
  if (value === null || value === "" || value === "." || value === "..") return JSON.stringify(value);
  if (typeof value == "object") return "an object";
  if (typeof value == "function" || typeof value == "symbol") return `a ${typeof value}`;
  if (typeof value == "number" && !Number.isFinite(value)) return String(value);
  return /\p{Cs}/u.test(String(value)) ? "not well-formed Unicode" : undefined;
}
