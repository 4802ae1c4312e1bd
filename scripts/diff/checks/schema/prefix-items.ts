import type { SchemaCheck } from "../../schema/compare.js";
import { keyword, type Part, type SchemaView, subschema } from "../../schema/view.js";
import { child } from "../../side.js";

/**
 * `prefixItems`, position by position. openapi-typescript emits them as a tuple, so each position is compared like
 * a property; a position added constrains the items there, one removed frees them, unless the new schema has `items`:
 * then `items` constrains the position instead, and the two are compared.
 */
export const prefixItems: SchemaCheck = (pair) => {
  const [before, after] = [positions(keyword(pair.old, "prefixItems")), positions(keyword(pair.new, "prefixItems"))];
  const request = pair.dir === "request";
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const [old, now] = [before[i], after[i]];
    if (old && now) pair.recurse([old], [now]);
    else if (now)
      pair.report(request ? "request-prefix-items-added" : "response-prefix-items-added", `item ${i + 1} is now constrained (\`prefixItems\`)`, {
        old: pair.old.pointer,
        new: now.pointer,
      });
    else if (old && hasItemsSchema(pair.new)) pair.recurse([old], subschema(pair.new, "items"));
    else if (old)
      pair.report(request ? "request-prefix-items-removed" : "response-prefix-items-removed", `item ${i + 1} is no longer constrained (\`prefixItems\`)`, {
        old: old.pointer,
        new: pair.new.pointer,
      });
  }
};

/** An `items` schema (not `true`/`false`) applies to the positions after `prefixItems`. */
function hasItemsSchema(view: SchemaView): boolean {
  const found = keyword(view, "items");
  return typeof found?.value === "object" && found.value !== null;
}

function positions(found: { value: unknown; pointer: string } | undefined): Part[] {
  return Array.isArray(found?.value) ? found.value.map((value, i) => ({ value, pointer: child(found.pointer, i) })) : [];
}
