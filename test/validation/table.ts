import type { Check, Issue, Validators } from "../../src/validation/index.js";

// A hand-written table of the generated validators' shape, for tests of the runtime alone.

const typeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

const string: Check = (value, pointer, issues) => {
  if (typeof value != "string") issues.push({ pointer, expected: "string", actual: typeOf(value) });
};

/** An object whose properties are each checked, undeclared ones refused, as the generator's additionalProperties: false. */
const object =
  (properties: Record<string, Check>, closed = false): Check =>
  (value, pointer, issues) => {
    if (typeOf(value) != "object") return void issues.push({ pointer, expected: "object", actual: typeOf(value) });
    const record = value as Record<string, unknown>;
    for (const name in properties) {
      const at = `${pointer}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (!(name in record)) issues.push({ pointer: at, expected: "present", actual: "missing" });
      else properties[name]!(record[name], at, issues);
    }
    if (closed) {
      for (const name in record) {
        if (!(name in properties))
          issues.push({
            pointer: `${pointer}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`,
            expected: "a declared property only",
            actual: "an undeclared property",
          });
      }
    }
  };

const array =
  (items: Check): Check =>
  (value, pointer, issues) => {
    if (!Array.isArray(value)) return void issues.push({ pointer, expected: "array", actual: typeOf(value) });
    for (const [index, item] of value.entries()) items(item, `${pointer}/${index}`, issues);
  };

const dateTime: Check = (value, pointer, issues) => {
  if (typeof value != "string") issues.push({ pointer, expected: "string (date-time)", actual: typeOf(value) });
};

const integerHeader =
  (required: boolean): Check =>
  (value, pointer, issues: Issue[]) => {
    if (value === null) {
      if (required) issues.push({ pointer, expected: "present", actual: "missing" });
    } else if (!/^-?\d+$/.test(String(value))) issues.push({ pointer, expected: "integer", actual: "string" });
  };

const token = object({ id: string, name: string, expiresAt: dateTime, owner: object({ name: string }, true) }, true);
const message = object({ message: string });

export const validators: Validators = {
  "GET /v2/tokens/{id}": {
    responses: {
      "200": { content: { "application/json": token }, headers: { "x-ratelimit-remaining": integerHeader(false) } },
      "404": { content: { "application/json": message } },
      "5XX": { content: { "application/json": message } },
    },
  },
  "GET /v2/tokens": { responses: { "200": { content: { "application/json": array(token) } } } },
  "DELETE /v2/tokens/{id}": { responses: { "204": {} } },
  "POST /v2/tokens/{id}/regenerate": {
    responses: { "200": { content: { "text/*": null, "application/json; charset=utf-8": token }, headers: { "x-request-id": integerHeader(true) } } },
  },
};
