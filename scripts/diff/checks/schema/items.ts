import type { SchemaCheck } from "../../schema/compare.js";
import { keyword, subschema } from "../../schema/view.js";

/** Array items are compared as a schema of their own. */
export const items: SchemaCheck = (pair) => {
  if (keyword(pair.old, "items") || keyword(pair.new, "items")) pair.recurse(subschema(pair.old, "items"), subschema(pair.new, "items"));
};
