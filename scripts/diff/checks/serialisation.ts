import type { DiffContext } from "../context.js";
import { subschema, viewOf, type Position } from "../schema/view.js";
import { isJson, type Located } from "../side.js";
import { code } from "../text.js";
import type { Finding } from "../types.js";
import { schemaOf } from "./parameters.js";

interface Serialisation {
  style: string;
  explode: boolean;
  allowReserved: boolean;
}

const defaultStyles: Record<string, string> = { query: "form", cookie: "form", path: "simple", header: "simple" };
const scalars = new Set(["string", "integer", "number", "boolean"]);

/**
 * How a parameter's value is written into the URL or a header, compared. A scalar becoming an array of the same
 * values in an exploded `form` query (`?tag=a` → `?tag=a&tag=b`) is still sent the same way for one value, so old
 * clients keep working: the old schema is then compared with the new items (`schema`), not with the array.
 * Likewise a scalar becoming any string: a number or boolean is written as text, which the new schema takes as it
 * is, so nothing is left for the schemas to say (`valuesKept`). Another style or explode for an array or object on
 * both sides, or reserved characters that must now be percent-encoded (`allowReserved` removed), change how the
 * same value is written.
 */
export function compareSerialisation(ctx: DiffContext, old: Located, now: Located): { findings: Finding[]; schema?: Position; valuesKept?: true } {
  const [before, after] = [serialisationOf(old), serialisationOf(now)];
  const [was, is] = [viewOf(ctx.old, schemaOf(old)).types, viewOf(ctx.new, schemaOf(now)).types];
  const name = code(now.value.name);
  const pointer = { old: old.pointer, new: now.pointer };
  const scalar = was !== undefined && [...was].every((type) => scalars.has(type));
  const array = is !== undefined && is.size === 1 && is.has("array");
  if (scalar && array && after.style === "form" && after.explode) {
    const message = `${now.value.in} parameter ${name} now takes several values (an array); one value is sent as before`;
    return { findings: [{ id: "parameter-became-array", message, pointer }], schema: subschema(viewOf(ctx.new, schemaOf(now)), "items") };
  }
  if (scalar && !was.has("string") && isPlainString(now)) {
    const message = `${now.value.in} parameter ${name} now takes any string; the values sent before are sent as before`;
    return { findings: [{ id: "parameter-became-string", message, pointer }], valuesKept: true };
  }
  const structured = [was, is].every((types) => types === undefined || types.has("array") || types.has("object"));
  const changed = structured && (before.style !== after.style || before.explode !== after.explode);
  const reserved = before.allowReserved && !after.allowReserved;
  if (!changed && !reserved) return { findings: [] };
  const detail = changed
    ? `is now written as \`style: ${after.style}, explode: ${after.explode}\` (was \`style: ${before.style}, explode: ${before.explode}\`)`
    : "must now percent-encode reserved characters (`allowReserved` removed)";
  return { findings: [{ id: "parameter-serialisation-changed", message: `${now.value.in} parameter ${name} ${detail}`, pointer }] };
}

/**
 * A `schema` (not `content`, whose values are JSON: `5` is no `"5"` there) that takes any string: nothing but `type:
 * string` and annotations, so the text of any number or boolean passes.
 */
function isPlainString(parameter: Located): boolean {
  const schema = parameter.value.schema;
  if (!isJson(schema)) return false;
  const annotations = new Set(["type", "title", "description", "example", "examples", "deprecated", "default"]);
  return schema.type === "string" && Object.keys(schema).every((key) => annotations.has(key));
}

function serialisationOf(parameter: Located): Serialisation {
  const style = typeof parameter.value.style === "string" ? parameter.value.style : (defaultStyles[String(parameter.value.in)] ?? "simple");
  const explode = typeof parameter.value.explode === "boolean" ? parameter.value.explode : style === "form";
  return { style, explode, allowReserved: parameter.value.allowReserved === true };
}
