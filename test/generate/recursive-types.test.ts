import { describe, expect, it } from "vitest";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";
import { emitTypes } from "../../scripts/generate/emit-types.js";
import { eagerlyRecursiveSchemas } from "../../scripts/generate/recursive-types.js";
import { typecheck } from "../../scripts/generate/typecheck.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const schemas = {
  Arr: { type: "array", items: ref("Arr") },
  Map: { type: "object", additionalProperties: ref("Map") },
  Obj: { type: "object", properties: { next: ref("Obj") } },
  UnionObj: { anyOf: [{ type: "string" }, { type: "object", properties: { n: ref("UnionObj") } }] },
  UnionArr: { anyOf: [{ type: "string" }, { type: "array", items: ref("UnionArr") }] },
  MutA: { anyOf: [{ type: "string" }, ref("MutB")] },
  MutB: { type: "array", items: ref("MutA") },
  Tuple: { type: "array", prefixItems: [ref("Tuple")] },
  JsonPrimitive: { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "null" }] },
  JsonValue: {
    anyOf: [ref("JsonPrimitive"), { type: "array", items: ref("JsonValue") }, { type: "object", additionalProperties: ref("JsonValue") }],
  },
};
const documentWith = (extra: Record<string, unknown> = {}): OpenAPIDocument => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: { "/v": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: ref("JsonValue") } } } } } } },
  components: { schemas: { ...schemas, ...extra } },
});

describe("recursive schemas", () => {
  it("finds exactly the schemas TypeScript would reject: recursion through unions, arrays and tuples only", () => {
    expect([...eagerlyRecursiveSchemas(schemas)].sort()).toEqual(["Arr", "JsonValue", "MutA", "MutB", "Tuple", "UnionArr"]);
  });

  it("generates them as precise recursive types that compile", async () => {
    const { text, aliases } = await emitTypes(documentWith());
    expect(text).toContain("JsonValue: $JsonValue;");
    expect(text).toMatch(/export type \$JsonValue = components\["schemas"\]\["JsonPrimitive"\] \| \$JsonValue\[\] \| \{\s+\[key: string\]: \$JsonValue;\s+\};/);
    // Schemas TypeScript already accepts are left exactly as openapi-typescript wrote them.
    expect(text).toContain('next?: components["schemas"]["Obj"];');

    const app = `import type { components } from "./api.js";
type Json = components["schemas"]["JsonValue"];
export const ok: Json = { a: [1, "x", null, { b: true }] };
export const list: components["schemas"]["MutA"] = ["a", ["b", []]];
// @ts-expect-error: a function is not JSON
export const notJson: Json = { f: () => 1 };
// @ts-expect-error: undefined is not JSON
export const alsoNot: Json = [undefined];
`;
    expect(
      typecheck(
        new Map([
          ["api.ts", text],
          ["app.ts", app],
        ]),
        new Map([["api.ts", aliases]]),
      ),
    ).toEqual([]);
  });

  it("reports a schema that only contains itself, by name", async () => {
    const { text, aliases } = await emitTypes(documentWith({ Direct: { anyOf: [{ type: "string" }, ref("Direct")] } }));
    expect(typecheck(new Map([["api.ts", text]]), new Map([["api.ts", aliases]]))).toEqual([
      { file: "api.ts", schema: "Direct", message: "TS2456: Type alias '$Direct' circularly references itself." },
    ]);
  });
});
