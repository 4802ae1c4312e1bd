import type { SchemaCheck } from "../../schema/compare.js";
import { keyword } from "../../schema/view.js";
import { code } from "../../text.js";
import { hasEnum } from "./enum.js";
import { pointersOf } from "./keyword.js";

/**
 * `const`, a one-value enum with ids of its own: openapi-typescript emits it as a literal type. When either side has
 * an `enum` (`enum: [a]` → `const: a`, `const: a` → `enum: [a, b]`), the enum check compares the values instead.
 */
export const constValue: SchemaCheck = (pair) => {
  const [before, after] = [keyword(pair.old, "const"), keyword(pair.new, "const")];
  if (JSON.stringify(before?.value) === JSON.stringify(after?.value) || hasEnum(pair)) return;
  const at = pointersOf(pair, "const");
  const request = pair.dir === "request";
  if (!before)
    pair.report(request ? "request-const-added" : "response-const-added", `${request ? "now only accepts" : "is now always"} ${code(after?.value)}`, at);
  else if (!after) pair.report(request ? "request-const-removed" : "response-const-removed", `is no longer fixed to ${code(before.value)}`, at);
  else
    pair.report(
      request ? "request-const-changed" : "response-const-changed",
      `${request ? "must now be" : "is now"} ${code(after.value)} instead of ${code(before.value)}`,
      at,
    );
};
