import type { SchemaCheck } from "../../schema/compare.js";
import { keyword } from "../../schema/view.js";
import { code } from "../../text.js";
import { pointersOf } from "./keyword.js";

/**
 * `format`. Whether a format narrows anything depends on the format (`uuid` does, `int64` on an integer hardly),
 * so a format the receiving side must now respect, or a different one, is risky; one the receiving side may now
 * rely on (added to a response) or no longer has to meet (removed from a request) is safe.
 */
export const format: SchemaCheck = (pair) => {
  const [before, after] = [keyword(pair.old, "format"), keyword(pair.new, "format")];
  if (before?.value === after?.value) return;
  const at = pointersOf(pair, "format");
  const request = pair.dir === "request";
  if (!before) pair.report(request ? "request-format-changed" : "response-constraint-tightened", `format ${code(after?.value)} added`, at);
  else if (!after) pair.report(request ? "request-constraint-relaxed" : "response-format-changed", `format ${code(before.value)} removed`, at);
  else if (widens(before.value, after.value)) {
    pair.report(request ? "request-constraint-relaxed" : "response-format-changed", `format widened from ${code(before.value)} to ${code(after.value)}`, at);
  } else if (widens(after.value, before.value)) {
    pair.report(
      request ? "request-constraint-tightened" : "response-constraint-tightened",
      `format narrowed from ${code(before.value)} to ${code(after.value)}`,
      at,
    );
  } else pair.report(request ? "request-format-changed" : "response-format-changed", `format changed from ${code(before.value)} to ${code(after.value)}`, at);
};

/**
 * Formats whose values all belong to a wider one (oasdiff's "generalized"): a change between them has a known
 * direction. A response `int32` → `int64` stays risky: JavaScript numbers lose precision past 2^53.
 */
const wider: Readonly<Record<string, string>> = { int32: "int64", float: "double" };

function widens(from: unknown, to: unknown): boolean {
  return typeof from === "string" && wider[from] === to;
}
