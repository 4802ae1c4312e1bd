import { beforeAll, describe, expect, it } from "vitest";
import { emitTypes } from "../../scripts/generate/emit-types.js";
import { emitValidators } from "../../scripts/generate/emit-validators.js";
import { typecheck } from "../../scripts/generate/typecheck.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";
import { type Issue, importValidators } from "../generate/emit-validators.helpers.js";

/**
 * The compiler-confirmed type wins: for each schema with a quirk, openapi-typescript's type (emit-types.ts) and the
 * generated validator must accept exactly the same values, as TypeScript decides `const x: T = <value>`. The
 * exceptions are listed, each with why: where the validator is stricter on purpose (integer, formats), where
 * TypeScript's check of a literal is stricter than its types (the excess property check), and TypeScript's weak type
 * check outside unions.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pet = { type: "object", required: ["name"], properties: { name: { type: "string" } } };

const schemas30 = {
  Pet: pet,
  NullableEnum: { type: "string", enum: ["a", "b"], nullable: true },
  NullableAllOf: { allOf: [ref("Pet")], nullable: true },
  // openapi-typescript drops a $ref's siblings: `nullable` beside a $ref doesn't make it nullable.
  NullableRefBeside: { type: "object", properties: { pet: { $ref: "#/components/schemas/Pet", nullable: true } } },
  ReadOnlyRequired: { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true } } },
  // A `default` doesn't make a property required (emit-types.ts turns openapi-typescript's defaultNonNullable off).
  WithDefault: { type: "object", properties: { description: { type: "string", default: "" } } },
  Closed: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
  Open: { type: "object", properties: { a: { type: "string" } } },
  MapOfInt: { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "integer" } },
  MapOfUuid: { type: "object", additionalProperties: { type: "string", format: "uuid" } },
  FreeObject: { type: "object" },
  Integer: { type: "integer" },
  // A type openapi-typescript doesn't know: like `type: object` alone, an object without properties.
  UnknownType: { type: "datetime" },
  Uuid: { type: "string", format: "uuid" },
  DateTime: { type: "string", format: "date-time" },
};

const schemas31 = {
  Pet: pet,
  NullString: { type: ["string", "null"] },
  AnyOfNull: { anyOf: [ref("Pet"), { type: "null" }] },
  OneOfOverlap: {
    oneOf: [
      { type: "object", properties: { a: { type: "string" } } },
      { type: "object", properties: { b: { type: "string" } } },
    ],
  },
  Cat: { type: "object", required: ["kind"], properties: { kind: { const: "cat" }, meow: { type: "boolean" } } },
  Dog: { type: "object", required: ["kind"], properties: { kind: { const: "dog" }, bark: { type: "boolean" } } },
  Pet2: {
    oneOf: [ref("Cat"), ref("Dog")],
    discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } },
  },
  Tree: { type: "object", required: ["value"], properties: { value: { type: "string" }, children: { type: "array", items: ref("Tree") } } },
  Const: { const: "x" },
  // openapi-typescript: (properties) | (each anyOf branch); a branch with no type is unknown, so is the union.
  AnyOfBesideProperties: { type: "object", properties: { a: { type: "string" } }, anyOf: [{ required: ["a"] }, { required: ["b"] }] },
};

/** Where the validator disagrees with the compiler on purpose. */
type Exception = "stricter: integer" | "stricter: format" | "literal only: excess property" | "looser: weak type outside a union";

interface Case {
  schema: string;
  value: unknown;
  /** How TypeScript is asked: a literal (fresh, excess properties checked) or a variable holding it. */
  variable?: boolean;
  exception?: Exception;
}

const cases30: Case[] = [
  { schema: "NullableEnum", value: null },
  { schema: "NullableEnum", value: "a" },
  { schema: "NullableEnum", value: "c" },
  { schema: "NullableEnum", value: 1 },
  { schema: "NullableAllOf", value: null },
  { schema: "NullableAllOf", value: { name: "rex" } },
  { schema: "NullableAllOf", value: {} },
  { schema: "NullableRefBeside", value: { pet: { name: "rex" } } },
  { schema: "NullableRefBeside", value: { pet: null } },
  { schema: "ReadOnlyRequired", value: { id: "1" } },
  { schema: "ReadOnlyRequired", value: {} },
  { schema: "WithDefault", value: {} },
  { schema: "WithDefault", value: { description: 1 } },
  { schema: "Closed", value: { a: "x" } },
  { schema: "Closed", value: { a: "x", b: 1 } },
  { schema: "Open", value: { a: "x" } },
  { schema: "Open", value: { a: 1 } },
  { schema: "Open", value: { a: "x", b: 1 }, variable: true },
  { schema: "Open", value: { a: "x", b: 1 }, exception: "literal only: excess property" },
  { schema: "Open", value: { b: 1 }, variable: true, exception: "looser: weak type outside a union" },
  { schema: "MapOfInt", value: { n: 1 } },
  { schema: "MapOfInt", value: { n: "1" } },
  { schema: "MapOfInt", value: { a: "x" } },
  { schema: "MapOfUuid", value: { a: "123e4567-e89b-12d3-a456-426614174000" } },
  { schema: "MapOfUuid", value: { a: 1 } },
  { schema: "FreeObject", value: {} },
  { schema: "FreeObject", value: { a: 1 } },
  { schema: "FreeObject", value: [] },
  { schema: "UnknownType", value: "2024-01-01" },
  { schema: "UnknownType", value: {} },
  { schema: "Integer", value: 1 },
  { schema: "Integer", value: "1" },
  { schema: "Integer", value: 1.5, exception: "stricter: integer" },
  { schema: "Uuid", value: "123e4567-e89b-12d3-a456-426614174000" },
  { schema: "Uuid", value: "not a uuid", exception: "stricter: format" },
  { schema: "DateTime", value: "2024-01-01T00:00:00Z" },
  { schema: "DateTime", value: "yesterday", exception: "stricter: format" },
];

const cases31: Case[] = [
  { schema: "NullString", value: null },
  { schema: "NullString", value: "x" },
  { schema: "NullString", value: 1 },
  { schema: "AnyOfNull", value: null },
  { schema: "AnyOfNull", value: { name: "rex" } },
  { schema: "AnyOfNull", value: { name: 1 } },
  { schema: "OneOfOverlap", value: { a: "x", b: "y" } },
  // Only TypeScript's weak type check rejects it as the second branch: the validator checks that in unions.
  { schema: "OneOfOverlap", value: { a: 1 } },
  { schema: "OneOfOverlap", value: { c: 1 }, variable: true },
  { schema: "OneOfOverlap", value: {} },
  { schema: "OneOfOverlap", value: "x" },
  { schema: "Pet2", value: { kind: "cat", meow: true } },
  { schema: "Pet2", value: { kind: "dog", bark: true } },
  { schema: "Pet2", value: { kind: "dog", bark: "loud" } },
  { schema: "Pet2", value: { kind: "cow" } },
  { schema: "Pet2", value: {} },
  { schema: "Tree", value: { value: "a", children: [{ value: "b", children: [] }] } },
  { schema: "Tree", value: { value: "a", children: [{ value: 1 }] } },
  { schema: "Tree", value: { children: [] } },
  { schema: "Const", value: "x" },
  { schema: "Const", value: "y" },
  { schema: "AnyOfBesideProperties", value: { a: 1 } },
  { schema: "AnyOfBesideProperties", value: "anything" },
];

interface Verdict {
  compiles: boolean;
  valid: boolean;
}

/** For each case: does TypeScript accept the value as the schema's type, and does the validator? */
async function verdicts(openapi: string, schemas: Record<string, unknown>, cases: Case[]): Promise<Verdict[]> {
  const paths = Object.fromEntries(
    Object.keys(schemas).map((name) => [
      `/${name}`,
      { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: ref(name) } } } } } },
    ]),
  );
  const document = () => JSON.parse(JSON.stringify({ openapi, info: { title: "T", version: "1" }, paths, components: { schemas } })) as OpenAPIDocument;
  const text = emitValidators(document(), "agreement.openapi.yaml");
  const { validators } = await importValidators(text);
  const files = new Map([
    ["types.ts", (await emitTypes(document())).text],
    ["validators.ts", text],
  ]);
  cases.forEach(({ schema, value, variable }, index) => {
    const type = `components["schemas"][${JSON.stringify(schema)}]`;
    const literal = JSON.stringify(value);
    const body = variable ? `const value = ${literal};\nexport const x: ${type} = value;` : `export const x: ${type} = ${literal};`;
    files.set(`case${index}.ts`, `import type { components } from "./types.js";\n${body}\n`);
  });
  const rejected = new Set(typecheck(files).map((problem) => problem.file));
  expect([rejected.has("types.ts"), rejected.has("validators.ts")]).toEqual([false, false]);
  return cases.map(({ schema, value }, index) => {
    const issues: Issue[] = [];
    validators[`GET /${schema}`]!.responses["200"]!.content!["application/json"]!(value, "", issues);
    return { compiles: !rejected.has(`case${index}.ts`), valid: issues.length == 0 };
  });
}

/** What each exception says of the two verdicts. */
const EXCEPTIONS: Record<Exception, Verdict> = {
  // The type says number, the schema a whole number: the validator checks the schema.
  "stricter: integer": { compiles: true, valid: false },
  // The type says string: uuid, date-time and date are checked besides.
  "stricter: format": { compiles: true, valid: false },
  // Without additionalProperties the type has no index signature: TypeScript rejects an extra property in a literal
  // only, and the same value held in a variable compiles (see the `variable` case), as a parsed response would.
  "literal only: excess property": { compiles: false, valid: true },
  // An all-optional type rejects an object with none of its properties, even from a variable (TypeScript's weak type
  // check). The validator checks that only in unions, where a branch would otherwise accept any object; elsewhere
  // such an object is what the spec allows, and the app reading the type's properties finds them absent, as typed.
  "looser: weak type outside a union": { compiles: false, valid: true },
};

describe.each([
  ["3.0", "3.0.3", schemas30, cases30],
  ["3.1", "3.1.0", schemas31, cases31],
])("validators agree with openapi-typescript's types (OpenAPI %s)", (_version, openapi, schemas, cases) => {
  let results: Verdict[];
  beforeAll(async () => {
    results = await verdicts(openapi, schemas, cases);
  }, 60_000);

  it.each(cases.map((testCase, index) => [testCase.schema, JSON.stringify(testCase.value), testCase.exception ?? "the same", index] as const))(
    "%s ← %s: %s",
    (_schema, _value, exception, index) => {
      const { compiles, valid } = results[index]!;
      if (exception == "the same") expect({ compiles, valid }).toEqual({ compiles, valid: compiles });
      else expect({ compiles, valid }).toEqual(EXCEPTIONS[exception]);
    },
  );
});
