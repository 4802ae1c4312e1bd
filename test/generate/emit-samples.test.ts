import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { emitSamples } from "../../scripts/generate/emit-samples.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";
import { type Samples, seeded } from "../../src/testing/seed.js";

const json = (schema: unknown, extra: Record<string, unknown> = {}) => ({ content: { "application/json": { schema, ...extra } } });
const get = (responses: Record<string, unknown>) => ({ get: { responses } });
// biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax in a spec's names and values must stay text
const HOSTILE = '*/ "); globalThis.pwned = true; ("${1}\u2028';

const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  components: {
    schemas: {
      // Required recursion: null where allowed, else followed a bounded number of times.
      Node: { type: "object", required: ["name", "parent"], properties: { name: { type: "string" }, parent: { $ref: "#/components/schemas/Node" } } },
      Nullable: {
        type: "object",
        required: ["next"],
        properties: { next: { anyOf: [{ $ref: "#/components/schemas/Nullable" }, { type: "null" }] } },
      },
      Tree: {
        type: "object",
        required: ["child"],
        properties: { child: { oneOf: [{ $ref: "#/components/schemas/Tree" }, { type: "integer", minimum: 5 }] } },
      },
      Cat: { type: "object", required: ["kind", "lives"], properties: { kind: { type: "string" }, lives: { type: "integer" } } },
      Dog: { type: "object", required: ["kind"], properties: { kind: { type: "string" } } },
      Pet: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
      },
      Named: { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } },
    },
  },
  paths: {
    "/minimal": get({
      "200": json({
        type: "object",
        required: ["s", "n", "i", "b", "e", "c", "arr", "few", "at", "on", "x", "short", "long", "nul", "types", "all"],
        properties: {
          s: { type: "string" },
          n: { type: "number", minimum: 2.5 },
          i: { type: "integer", exclusiveMinimum: 3 },
          b: { type: "boolean" },
          e: { type: "string", enum: ["first", "second"] },
          c: { const: 7 },
          arr: { type: "array", items: { type: "string" } },
          few: { type: "array", minItems: 2, items: { type: "string", format: "uuid" } },
          at: { type: "string", format: "date-time" },
          on: { type: "string", format: "date" },
          x: { type: "integer", maximum: -4 },
          short: { type: "string", maxLength: 3 },
          long: { type: "string", minLength: 4 },
          nul: { type: "null" },
          types: { type: ["null", "boolean"] },
          all: { allOf: [{ $ref: "#/components/schemas/Named" }, { type: "object", required: ["extra"], properties: { extra: { type: "integer" } } }] },
          optional: { type: "string" },
        },
      }),
      "204": { description: "no body" },
      "400": { content: { "text/plain": { schema: { type: "string" } } } },
      default: json({ type: "object", properties: { message: { type: "string" } } }),
    }),
    "/recursive": get({
      "200": json({
        type: "object",
        required: ["node", "nullable", "tree"],
        properties: {
          node: { $ref: "#/components/schemas/Node" },
          nullable: { $ref: "#/components/schemas/Nullable" },
          tree: { $ref: "#/components/schemas/Tree" },
        },
      }),
    }),
    "/pets": get({ "200": json({ type: "array", minItems: 1, items: { $ref: "#/components/schemas/Pet" } }) }),
    "/examples": get({
      "200": json({ type: "object" }, { example: { from: "media" } }),
      "201": json({ type: "object" }, { examples: { one: { value: { from: "examples" } }, two: { value: 2 } } }),
      "202": json({
        type: "object",
        required: ["code", "kind", "list"],
        example: { code: 403, list: [{}] },
        properties: {
          code: { type: "string" },
          kind: { type: "string", enum: ["a", "b"] },
          list: { type: "array", items: { type: "object", required: ["id"], properties: { id: { type: "integer" } } } },
        },
      }),
    }),
    // Hostile names and values: quotes, comment ends, template syntax, line separators and __proto__.
    [`/h/${HOSTILE}`]: {
      post: {
        responses: {
          [HOSTILE]: json({
            type: "object",
            required: ["__proto__", HOSTILE],
            properties: { __proto__: { type: "object", required: ["polluted"], properties: { polluted: { const: true } } }, [HOSTILE]: { enum: [HOSTILE] } },
          }),
          "200": json({ type: "object" }, { example: JSON.parse(`{"__proto__": {"polluted": true}, "${"*/"}": "${"*/"}"}`) }),
        },
      },
    },
  },
};

let samples: Samples;
beforeAll(async () => {
  const text = emitSamples(document as unknown as OpenAPIDocument, "test.openapi.yaml");
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  ({ samples } = (await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`)) as { samples: Samples });
});
const sample = (key: string, status: string, seed = 0) => samples[key]![status]!(seeded(seed));

describe("the generated samples", () => {
  it("build the smallest valid value: required properties only, enum's first, const, minimums, empty arrays or minItems copies, formats", () => {
    expect(sample("GET /minimal", "200")).toEqual({
      s: "",
      n: 2.5,
      i: 4,
      b: false,
      e: "first",
      c: 7,
      arr: [],
      few: ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"],
      at: "2024-01-01T00:00:03.000Z",
      on: "2024-01-01",
      x: -4,
      short: "",
      long: "xxxx",
      nul: null,
      types: false,
      all: { id: "00000000-0000-4000-8000-000000000007", extra: 0 },
    });
  });

  it("vary strings and ids with the seed, the same for the same seed, within minLength and maxLength", () => {
    const seeded7 = sample("GET /minimal", "200", 7) as Record<string, unknown>;
    expect(seeded7).toEqual(sample("GET /minimal", "200", 7));
    expect(seeded7).toMatchObject({ s: "s7-0", short: "s7-", long: "s7-6", at: "2024-01-08T00:00:03.000Z" });
    expect(seeded7.few).toEqual(["00000007-0000-4000-8000-000000000001", "00000007-0000-4000-8000-000000000002"]);
  });

  it("are null for a response without a JSON body, and cover every declared response", () => {
    expect(Object.keys(samples["GET /minimal"]!)).toEqual(["200", "204", "400", "default"]);
    expect(samples["GET /minimal"]!["204"]).toBeNull();
    expect(samples["GET /minimal"]!["400"]).toBeNull();
    expect(sample("GET /minimal", "default")).toEqual({});
  });

  it("break required recursion: null where allowed, a non-recursive branch where there is one, else stop after a few levels", () => {
    expect(sample("GET /recursive", "200")).toEqual({
      node: { name: "", parent: { name: "", parent: {} } },
      nullable: { next: null },
      tree: { child: 5 },
    });
  });

  it("set a discriminator's property to the value naming the branch taken", () => {
    expect(sample("GET /pets", "200")).toEqual([{ kind: "cat", lives: 0 }]);
  });

  it("use the spec's example: the media type's, the first of its examples, the schema's, completing or replacing what contradicts the schema", () => {
    expect(sample("GET /examples", "200")).toEqual({ from: "media" });
    expect(sample("GET /examples", "201")).toEqual({ from: "examples" });
    // The example's `code` is a number where the schema says string; `kind` is missing; the item lacks `id`.
    expect(sample("GET /examples", "202")).toEqual({ code: "", list: [{ id: 0 }], kind: "a" });
  });

  it("carry hostile names and values as data: no code runs, and __proto__ is a property, never the prototype", () => {
    const key = `POST /h/${HOSTILE}`;
    expect(Object.keys(samples[key]!)).toEqual(["200", HOSTILE]);
    const built = sample(key, HOSTILE) as Record<string, unknown>;
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    expect(Object.keys(built)).toEqual(["__proto__", HOSTILE]);
    expect(built[HOSTILE]).toBe(HOSTILE);
    const example = sample(key, "200") as Record<string, unknown>;
    expect(Object.getPrototypeOf(example)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(example, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});
