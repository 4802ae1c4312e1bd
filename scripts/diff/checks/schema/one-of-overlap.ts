import type { SchemaCheck } from "../../schema/compare.js";
import { isAssertion, properties, requiredNames, viewOf, type SchemaView } from "../../schema/view.js";
import { isJson } from "../../side.js";
import { covers } from "./type.js";

/**
 * A request rewritten into a `oneOf` whose alternatives one old body satisfies at once (`required: [a, b]` →
 * `oneOf: [{required: [a]}, {required: [b]}]`): the body with both now matches two alternatives, which `oneOf`
 * rejects. Alternative by alternative it looks like a relaxation, so only this check sees the break.
 */
export const oneOfOverlap: SchemaCheck = (pair, ctx) => {
  if (pair.dir !== "request" || !pair.new.exclusive || !pair.new.variants || pair.old.exclusive) return;
  const matched = pair.new.variants.filter((position) => acceptsAll(viewOf(ctx.new, position.slice(-1)), pair.old));
  if (matched.length < 2) return;
  pair.report("request-one-of-ambiguous", `a body valid before matches ${matched.length} of the \`oneOf\` alternatives at once, which \`oneOf\` rejects`);
};

/** Every instance of `old` matches `alternative`, as far as its `type`, `required` and `properties` (as in `old`) tell. */
function acceptsAll(alternative: SchemaView, old: SchemaView): boolean {
  const required = requiredNames(old);
  const known = properties(old);
  const same = (name: string, schema: unknown) => JSON.stringify(known.get(name)?.[0]?.value) === JSON.stringify(schema);
  return alternative.nodes.every((node) =>
    Object.entries(node.value).every(([key, value]) => {
      if (!isAssertion(key)) return true;
      if (key === "type") return covers(alternative.types, old.types);
      if (key === "required") return Array.isArray(value) && value.every((name) => required.has(String(name)));
      if (key === "properties") return isJson(value) && Object.entries(value).every(([name, schema]) => same(name, schema));
      return false;
    }),
  );
}
