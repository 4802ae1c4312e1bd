import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../scripts/diff/index.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

const json = (schema: unknown) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Two operations reading the shared `Token`, one with an inline body of its own. */
function api(token: unknown, inline: unknown): OpenAPIDocument {
  return {
    openapi: "3.0.3",
    info: { title: "Tokens", version: "1" },
    paths: {
      "/tokens": {
        get: { responses: { "200": { description: "ok", content: json({ type: "array", items: ref("Token") }) } } },
        post: { requestBody: { content: json(inline) }, responses: { "201": { description: "ok", content: json(ref("Token")) } } },
      },
      "/tokens/{id}": {
        get: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: json(ref("Token")) } },
        },
      },
    },
    components: { schemas: { Token: token } },
  };
}

const before = api(
  { type: "object", required: ["id"], properties: { id: { type: "string" }, note: { type: "string" } } },
  { type: "object", properties: { name: { type: "string" } } },
);
const after = api({ type: "object", required: ["id"], properties: { id: { type: "string" } } }, { type: "object", properties: { name: { type: "integer" } } });

describe("diffSpecs", () => {
  it("reports a change inside a shared component once, with every operation it touches", () => {
    const shared = diffSpecs(before, after).changes.filter((change) => change.id === "response-property-removed");
    expect(shared).toEqual([
      {
        id: "response-property-removed",
        wire: "risky",
        types: "breaking",
        operations: [
          { method: "get", path: "/tokens" },
          { method: "post", path: "/tokens" },
          { method: "get", path: "/tokens/{id}" },
        ],
        pointer: { old: "/components/schemas/Token/properties/note", new: "/components/schemas/Token" },
        message: "Schema `Token`, field `note` (in responses): removed (it was optional)",
      },
    ]);
  });

  it("reports a change in an operation's own schema on that operation", () => {
    const own = diffSpecs(before, after).changes.find((change) => change.id === "request-type-changed");
    expect(own).toMatchObject({
      method: "post",
      path: "/tokens",
      message: "Request body (application/json), field `name`: type changed from `string` to `integer`",
    });
    expect(own?.pointer.new).toBe("/paths/~1tokens/post/requestBody/content/application~1json/schema/properties/name");
  });

  it("counts each change once in the summary", () => {
    const report = diffSpecs(before, after);
    expect(report.changes).toHaveLength(2);
    expect(report.summary).toEqual({ wire: { breaking: 1, risky: 1, safe: 0 }, types: { breaking: 2, risky: 0, safe: 0 } });
  });

  it("gives the same report whatever the key order of its inputs", () => {
    expect(JSON.stringify(diffSpecs(reversed(before), reversed(after)))).toBe(JSON.stringify(diffSpecs(before, after)));
  });

  it("leaves its inputs untouched", () => {
    const [a, b] = [structuredClone(before), structuredClone(after)];
    diffSpecs(deepFreeze(a), deepFreeze(b));
    expect([a, b]).toEqual([before, after]);
  });

  it("locates a removed operation in the old document only", () => {
    const gone = { ...after, paths: { "/tokens": after.paths?.["/tokens"] ?? {} } };
    expect(diffSpecs(before, gone).changes.find((change) => change.id === "operation-removed")).toMatchObject({
      method: "get",
      path: "/tokens/{id}",
      pointer: { old: "/paths/~1tokens~1{id}/get" },
    });
  });

  it("terminates on a recursive schema and reports a change inside it once", () => {
    const tree = (leaf: string) => ({
      openapi: "3.1.0",
      info: { title: "Tree", version: "1" },
      paths: { "/tree": { get: { responses: { "200": { description: "ok", content: json(ref("Node")) } } } } },
      components: { schemas: { Node: { type: "object", properties: { value: { type: leaf }, children: { type: "array", items: ref("Node") } } } } },
    });
    expect(diffSpecs(tree("string"), tree("integer")).changes.map((change) => [change.id, change.message])).toEqual([
      ["response-type-changed", "Schema `Node`, field `value` (in responses): type changed from `string` to `integer`"],
    ]);
  });
});

function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversed(item)]),
  ) as T;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("diffSpecs on mutually recursive schemas", () => {
  it("lists every operation that reaches a change, whichever schema of the cycle it starts from", () => {
    const docs = ["string", "integer"].map(
      (type): OpenAPIDocument => ({
        openapi: "3.0.3",
        info: { title: "Cycle", version: "1" },
        paths: {
          "/a": { get: { responses: { "200": { description: "ok", content: json(ref("A")) } } } },
          "/b": { get: { responses: { "200": { description: "ok", content: json(ref("B")) } } } },
        },
        components: {
          schemas: {
            A: { type: "object", properties: { x: { type }, b: ref("B") } },
            B: { type: "object", properties: { a: ref("A") } },
          },
        },
      }),
    );
    const [change, ...rest] = diffSpecs(docs[0] as OpenAPIDocument, docs[1] as OpenAPIDocument).changes;
    expect(rest).toEqual([]);
    expect(change?.operations).toEqual([
      { method: "get", path: "/a" },
      { method: "get", path: "/b" },
    ]);
  });
});
