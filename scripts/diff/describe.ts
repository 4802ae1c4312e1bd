import { fromPointer, toPointer } from "../lib/json-pointer.js";
import type { Side } from "./side.js";

/**
 * Name the schema at `pointer` for a person: "schema `Token`, field `owner.name`", "200 body (application/json)",
 * "query parameter `limit`". Messages are built from where a schema is, not from how the walk reached it, so a
 * change inside a shared component reads the same from every operation and can be reported once.
 */
export function describeSchema(side: Side, pointer: string): string {
  const keys = fromPointer(pointer);
  const [root, rest] = splitRoot(side, keys);
  return [root, ...fieldPath(rest)].join(", ");
}

function splitRoot(side: Side, keys: string[]): [string, string[]] {
  if (keys[0] === "components" && keys[1] === "schemas" && keys[2] !== undefined) return [`schema \`${keys[2]}\``, keys.slice(3)];
  const at = keys.indexOf("schema");
  if (at < 0) return [toPointer(...keys), []];
  return [describeContainer(side, keys.slice(0, at)), keys.slice(at + 1)];
}

/** The parameter, media type or header that holds a `schema`. */
function describeContainer(side: Side, keys: string[]): string {
  const [last, secondLast] = [keys.at(-1) ?? "", keys.at(-2) ?? ""];
  if (secondLast === "content") return `${describeContainer(side, keys.slice(0, -2))} (${last})`;
  if (secondLast === "parameters") return describeParameter(side, keys);
  if (secondLast === "headers") return keys[1] === "headers" ? `header \`${last}\`` : `${describeContainer(side, keys.slice(0, -2))} header \`${last}\``;
  if (last === "requestBody") return "request body";
  if (secondLast === "requestBodies") return `request body \`${last}\``;
  if (secondLast === "responses") return keys[0] === "components" ? `response \`${last}\`` : `${last} response`;
  return toPointer(...keys);
}

function describeParameter(side: Side, keys: string[]): string {
  const parameter = side.deref({ $ref: `#${toPointer(...keys)}` }, "")?.value;
  const where = typeof parameter?.in === "string" ? parameter.in : "";
  const name = typeof parameter?.name === "string" ? parameter.name : (keys.at(-1) ?? "");
  return `${where} parameter \`${name}\``.trimStart();
}

/** "field `owner.tags[]`", split where the path enters a `oneOf`/`anyOf` alternative ("alternative 2"). */
function fieldPath(keys: string[]): string[] {
  const phrases: string[] = [];
  let path = "";
  const flush = () => {
    if (path !== "") phrases.push(`field \`${path}\``);
    path = "";
  };
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? "";
    if (key === "properties") path += `${path === "" ? "" : "."}${keys[++i] ?? ""}`;
    else if (key === "items") path += "[]";
    else if (key === "additionalProperties") path += path === "" ? "*" : ".*";
    else if (key === "allOf") i++;
    else if (key === "oneOf" || key === "anyOf") {
      flush();
      phrases.push(`alternative ${Number(keys[++i] ?? 0) + 1}`);
    } else path += `/${key}`;
  }
  flush();
  return phrases;
}
