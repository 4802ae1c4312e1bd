import { describe, expect, it } from "vitest";
import { createContext, type DiffContext } from "../../scripts/diff/context.js";
import { diffSpecs } from "../../scripts/diff/index.js";
import { sameThroughRefs } from "../../scripts/diff/schema/same.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

const document = (schemas: Record<string, unknown>): OpenAPIDocument => ({ openapi: "3.1.0", info: { title: "T", version: "1" }, components: { schemas } });

function context(oldSchemas: Record<string, unknown>, newSchemas: Record<string, unknown>): DiffContext {
  return createContext(document(oldSchemas), document(newSchemas));
}

const A = { $ref: "#/components/schemas/A" };
const node = { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } };

describe("sameThroughRefs", () => {
  it("holds for equal schemas whatever their key order", () => {
    const ctx = context({}, {});
    const [a, b] = [
      { type: "object", properties: { a: { type: "string", enum: ["x"] } } },
      { properties: { a: { enum: ["x"], type: "string" } }, type: "object" },
    ];
    expect(sameThroughRefs(ctx, a, b)).toBe(true);
  });

  it.each([
    ["a different value", { type: "string" }, { type: "integer" }],
    ["a missing key", { type: "string", format: "uuid" }, { type: "string" }],
    ["a different array", { enum: ["a", "b"] }, { enum: ["b", "a"] }],
    ["$refs to different places", { items: A }, { items: { $ref: "#/components/schemas/B" } }],
  ])("does not hold for %s", (_, a, b) => {
    expect(sameThroughRefs(context({ A: { type: "string" }, B: { type: "string" } }, { A: { type: "string" }, B: { type: "string" } }), a, b)).toBe(false);
  });

  it("follows a $ref: the same name is not enough when what it names changed", () => {
    expect(sameThroughRefs(context({ A: { type: "string" } }, { A: { type: "string" } }), { items: A }, { items: A })).toBe(true);
    const changed = context({ A: { type: "string" } }, { A: { type: "integer" } });
    expect(sameThroughRefs(changed, { items: A }, { items: A })).toBe(false);
    expect(changed.sameRefs.get(A.$ref)).toBe(false);
  });

  it("follows $refs to any depth, through recursive schemas", () => {
    const deep = (leaf: string) => ({ A: { type: "array", items: { $ref: "#/components/schemas/Node" } }, Node: { ...node, title: leaf } });
    expect(sameThroughRefs(context(deep("x"), deep("x")), A, A)).toBe(true);
    expect(sameThroughRefs(context(deep("x"), deep("y")), A, A)).toBe(false);
  });

  it("does not remember a reference as equal when it was judged on an assumption that failed", () => {
    // Y is compared inside X and only reaches X, which is assumed equal meanwhile; then X's own type differs.
    const before = {
      X: { properties: { y: { $ref: "#/components/schemas/Y" } }, type: "string" },
      Y: { properties: { x: { $ref: "#/components/schemas/X" } } },
    };
    const ctx = context(before, { ...before, X: { ...before.X, type: "integer" } });
    expect(sameThroughRefs(ctx, { $ref: "#/components/schemas/X" }, { $ref: "#/components/schemas/X" })).toBe(false);
    expect(ctx.sameRefs.get("#/components/schemas/Y")).toBeUndefined();
    expect(sameThroughRefs(ctx, { $ref: "#/components/schemas/Y" }, { $ref: "#/components/schemas/Y" })).toBe(false);
  });

  it("takes a property named $ref for a property, not a reference", () => {
    const schema = { properties: { $ref: { type: "string" } } };
    expect(sameThroughRefs(context({}, {}), schema, structuredClone(schema))).toBe(true);
  });
});

describe("the diff skips equal schemas", () => {
  it("still reports a change deep behind a $ref that is written the same on both sides", () => {
    const spec = (leaf: string): OpenAPIDocument => ({
      ...document({
        Outer: { type: "object", properties: { inner: { $ref: "#/components/schemas/Inner" } } },
        Inner: { type: "object", properties: { v: { type: leaf } } },
      }),
      paths: {
        "/t": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Outer" } } } } } } },
      },
    });
    expect(diffSpecs(spec("string"), spec("string")).changes).toEqual([]);
    expect(diffSpecs(spec("string"), spec("integer")).changes.map((change) => change.id)).toEqual(["response-type-changed"]);
  });
});

describe("the diff skips operations equal in both documents", () => {
  const op = { responses: { "204": { description: "ok" } } };
  const spec = (extra: Partial<OpenAPIDocument>): OpenAPIDocument => ({
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths: { "/t": { get: op } },
    ...extra,
  });
  const ids = (before: OpenAPIDocument, after: OpenAPIDocument) => diffSpecs(before, after).changes.map((change) => change.id);

  it("but not one whose inherited document security changed", () => {
    const schemes = { components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "K" } } } } as Partial<OpenAPIDocument>;
    expect(ids(spec(schemes), spec({ ...schemes, security: [{ key: [] }] }))).toContain("security-requirement-added");
  });

  it("nor one whose path item's parameters changed", () => {
    const parameters = [{ name: "org", in: "query", required: true, schema: { type: "string" } }];
    expect(ids(spec({}), spec({ paths: { "/t": { parameters, get: op } } }))).toEqual(["required-parameter-added"]);
  });

  it("nor one whose path parameter was renamed", () => {
    const path = (name: string) => ({ [`/t/{${name}}`]: { get: { ...op, parameters: [{ name, in: "path", required: true, schema: { type: "string" } }] } } });
    expect(ids(spec({ paths: path("id") }), spec({ paths: path("tid") }))).toContain("path-param-renamed");
  });
});
