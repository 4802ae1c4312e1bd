import type { SchemaCheck } from "../../schema/compare.js";
import { keywordValues, subschema, type SchemaView } from "../../schema/view.js";
import { isJson } from "../../side.js";

type Extras = "closed" | "open" | "typed";

/** Undeclared properties: forbidden (`false`), free (`true`, `{}` or unset) or typed by a schema, which is compared. */
export const additionalProperties: SchemaCheck = (pair) => {
  const [before, after] = [extras(pair.old), extras(pair.new)];
  if (before === after && before !== "typed") return;
  const request = pair.dir === "request";
  if (after === "closed") {
    pair.report(
      request ? "request-additional-properties-restricted" : "response-additional-properties-restricted",
      request ? "no longer accepts undeclared properties" : "no longer returns undeclared properties",
    );
  } else if (before === "closed") {
    pair.report(
      request ? "request-additional-properties-allowed" : "response-additional-properties-allowed",
      request ? "now accepts undeclared properties" : "may now return undeclared properties",
    );
  } else {
    pair.recurse(subschema(pair.old, "additionalProperties"), subschema(pair.new, "additionalProperties"));
  }
};

function extras(view: SchemaView): Extras {
  const values = keywordValues(view, "additionalProperties");
  if (values.includes(false)) return "closed";
  return values.some((value) => isJson(value) && Object.keys(value).length > 0) ? "typed" : "open";
}
