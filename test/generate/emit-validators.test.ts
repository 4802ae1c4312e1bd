import { describe, expect, it } from "vitest";
import { emitValidators } from "../../scripts/generate/emit-validators.js";
import { typecheck } from "../../scripts/generate/typecheck.js";
import { checkerFor, documentOf, imported, importValidators, responseDocument } from "./emit-validators.helpers.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const issue = (pointer: string, expected: string, actual: string) => ({ pointer, expected, actual });
const emit = (document: Parameters<typeof emitValidators>[0]) => emitValidators(document, "test.openapi.yaml");

describe("generated validators: types", () => {
  it("checks the JSON types, integer as a whole number, and never quotes the value", async () => {
    const check = await checkerFor({
      type: "object",
      properties: { s: { type: "string" }, i: { type: "integer" }, n: { type: "number" }, b: { type: "boolean" }, z: { type: "null" } },
    });
    expect(check({ s: "a", i: 3, n: 1.5, b: false, z: null })).toEqual([]);
    expect(check({ s: 1, i: 1.5, n: "secret-token", b: "true", z: 0 })).toEqual([
      issue("/s", "string", "number"),
      issue("/i", "integer", "number"),
      issue("/n", "number", "string"),
      issue("/b", "boolean", "string"),
      issue("/z", "null", "number"),
    ]);
    expect(check([])).toEqual([issue("", "object", "array")]);
    expect(check(null)).toEqual([issue("", "object", "null")]);
  });

  it("takes a 3.1 type array as a union of its types, named in the issue", async () => {
    const check = await checkerFor({ type: ["string", "null"] });
    expect(check("a")).toEqual([]);
    expect(check(null)).toEqual([]);
    expect(check(1)).toEqual([issue("", "string or null", "number")]);
  });

  it("takes 3.0 nullable on a type, an enum and an allOf, but not beside a $ref (openapi-typescript drops a $ref's siblings)", async () => {
    const schemas = { Thing: { type: "object", properties: { a: { type: "string" } } } };
    const check = await checkerFor(
      {
        type: "object",
        properties: {
          type: { type: "string", nullable: true },
          enum: { type: "string", enum: ["a"], nullable: true },
          allOf: { allOf: [ref("Thing")], nullable: true },
          ref: { $ref: "#/components/schemas/Thing", nullable: true },
        },
      },
      schemas,
      "3.0.3",
    );
    expect(check({ type: null, enum: null, allOf: null })).toEqual([]);
    expect(check({ ref: null })).toEqual([issue("/ref", "object", "null")]);
  });

  it("checks an enum and a const by value, naming a few of the spec's values", async () => {
    const check = await checkerFor({
      type: "object",
      properties: {
        small: { type: "string", enum: ["a", "b"] },
        big: { enum: ["v1", "v2", "v3", "v4", "v5", 6] },
        fixed: { const: "llm" },
      },
    });
    expect(check({ small: "b", big: 6, fixed: "llm" })).toEqual([]);
    expect(check({ small: "c", big: "v6", fixed: "LLM" })).toEqual([
      issue("/small", 'one of: "a", "b"', "another value"),
      issue("/big", 'one of: "v1", "v2", "v3", "v4", …', "another value"),
      issue("/fixed", 'one of: "llm"', "another value"),
    ]);
    expect(check({ small: 1, big: true })).toEqual([
      issue("/small", 'one of: "a", "b"', "number"),
      issue("/big", 'one of: "v1", "v2", "v3", "v4", …', "boolean"),
    ]);
  });

  it("checks uuid (Pydantic's uuid4 as a UUID's shape), date-time and date formats, and lists every other format as unchecked", async () => {
    const schema = {
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        v4: { type: "string", format: "uuid4" },
        at: { type: "string", format: "date-time" },
        on: { type: "string", format: "date" },
        mail: { type: "string", format: "email" },
        big: { type: "integer", format: "int64" },
      },
    };
    const check = await checkerFor(schema);
    expect(check({ id: "123e4567-e89b-12d3-a456-426614174000", at: "2024-02-29T23:59:60.123+01:00", on: "2024-12-31", mail: "not an email" })).toEqual([]);
    expect(check({ v4: "0190c1f2-7e5a-7b3c-9d4e-5f6a7b8c9d0e" })).toEqual([]);
    expect(check({ id: "123e4567e89b12d3a456426614174000", v4: "7", at: "2024-02-29 25:00:00", on: "2024-13-01" })).toEqual([
      issue("/id", "string (uuid)", "string"),
      issue("/v4", "string (uuid4)", "string"),
      issue("/at", "string (date-time)", "string"),
      issue("/on", "string (date)", "string"),
    ]);
    expect(check({ at: "2024-02-29T10:00:00" })).toEqual([issue("/at", "string (date-time)", "string")]);
    const module = await importValidators(emit(responseDocument(schema)));
    expect(module.uncheckedFormats).toEqual(["email", "int64"]);
  });
});

describe("generated validators: objects and arrays", () => {
  it("reports a missing required property, and lets an absent optional one (or undefined) through", async () => {
    const check = await checkerFor({ type: "object", required: ["id"], properties: { id: { type: "string" }, note: { type: "string" } } });
    expect(check({ id: "a", note: undefined })).toEqual([]);
    expect(check({})).toEqual([issue("/id", "present", "missing")]);
  });

  it("keeps a required read-only property required, as the type does", async () => {
    const check = await checkerFor({ type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true } } });
    expect(check({})).toEqual([issue("/id", "present", "missing")]);
  });

  it("lets undeclared properties through by default and with true, reports them with false, checks every one against a schema", async () => {
    const properties = { a: { type: "string" } };
    const open = await checkerFor({ type: "object", properties });
    const alsoOpen = await checkerFor({ type: "object", properties, additionalProperties: true });
    const closed = await checkerFor({ type: "object", properties, additionalProperties: false });
    const typed = await checkerFor({ type: "object", properties, additionalProperties: { type: "integer" } });
    const value = { a: "x", "b/c~d": "y" };
    expect(open(value)).toEqual([]);
    expect(alsoOpen(value)).toEqual([]);
    expect(closed(value)).toEqual([issue("/b~1c~0d", "a declared property only", "an undeclared property")]);
    expect(typed({ n: 1 })).toEqual([]);
    expect(typed({ n: "y" })).toEqual([issue("/n", "integer", "string")]);
    // openapi-typescript intersects the properties with the index signature: a declared property must fit it too.
    expect(typed(value)).toEqual([issue("/a", "integer", "string"), issue("/b~1c~0d", "integer", "string")]);
  });

  it("takes an object schema with nothing that shapes it as openapi-typescript does: an object without properties", async () => {
    const check = await checkerFor({ type: "object" });
    expect(check({})).toEqual([]);
    expect(check({ a: 1 })).toEqual([issue("/a", "a declared property only", "an undeclared property")]);
    expect(check(3)).toEqual([issue("", "object", "number")]);
    // No type and nothing else: unknown, anything goes.
    expect((await checkerFor({ description: "anything" }))(3)).toEqual([]);
  });

  it("checks array items by index, and tuple positions", async () => {
    const check = await checkerFor({ type: "array", items: { type: "object", required: ["name"], properties: { name: { type: "string" } } } });
    expect(check([{ name: "a" }, {}, { name: 1 }])).toEqual([issue("/1/name", "present", "missing"), issue("/2/name", "string", "number")]);
    expect(check({})).toEqual([issue("", "array", "object")]);
    const tuple = await checkerFor({ type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] });
    expect(tuple(["a", 1])).toEqual([]);
    expect(tuple([1, "a"])).toEqual([issue("/0", "string", "number"), issue("/1", "integer", "string")]);
  });
});

describe("generated validators: composition", () => {
  const schemas = {
    Cat: { type: "object", required: ["kind", "meow"], properties: { kind: { const: "cat" }, meow: { type: "boolean" } } },
    Dog: { type: "object", required: ["kind", "bark"], properties: { kind: { const: "dog" }, bark: { type: "boolean" } } },
    Named: { type: "object", properties: { name: { type: "string" } } },
  };

  it("needs every allOf member, and makes the parent's required properties of a $ref member required", async () => {
    const check = await checkerFor({ allOf: [ref("Named"), { type: "object", properties: { age: { type: "integer" } } }], required: ["name"] }, schemas);
    expect(check({ name: "a", age: 1 })).toEqual([]);
    expect(check({ age: 1.5 })).toEqual([issue("/name", "present", "missing"), issue("/age", "integer", "number")]);
  });

  it("reports a union no branch accepts as one issue at its pointer", async () => {
    const check = await checkerFor({ anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] });
    expect(check("a")).toEqual([]);
    expect(check(["a"])).toEqual([]);
    expect(check([1])).toEqual([issue("", "one of the anyOf shapes", "array")]);
  });

  it("won't let an object pass an all-optional branch by having none of its properties (TypeScript's weak type check)", async () => {
    const check = await checkerFor({ anyOf: [{ type: "object", required: ["id"], properties: { id: { type: "string" } } }, ref("Named")] }, schemas);
    expect(check({ id: "a" })).toEqual([]);
    expect(check({ name: "a" })).toEqual([]);
    expect(check({})).toEqual([]);
    expect(check({ other: 1 })).toEqual([issue("", "one of the anyOf shapes", "object")]);
    const nullable = await checkerFor({ anyOf: [ref("Named"), { type: "null" }] }, schemas);
    expect(nullable({ other: 1 })).toEqual([issue("", "an object with a declared property", "an object without one")]);
  });

  it("reports the other branch's issues precisely for anyOf with null", async () => {
    const check = await checkerFor({ anyOf: [ref("Named"), { type: "null" }] }, schemas);
    expect(check(null)).toEqual([]);
    expect(check({ name: 1 })).toEqual([issue("/name", "string", "number")]);
  });

  it("accepts a value two oneOf branches match: openapi-typescript types oneOf as a plain union, and the type wins", async () => {
    const check = await checkerFor({
      oneOf: [
        { type: "object", properties: { a: { type: "string" } } },
        { type: "object", properties: { b: { type: "string" } } },
      ],
    });
    expect(check({ a: "x", b: "y" })).toEqual([]);
    expect(check("x")).toEqual([issue("", "one of the oneOf shapes", "string")]);
  });

  it("dispatches on a discriminator, by mapping or by component name, and reports the chosen branch's issues", async () => {
    const mapped = await checkerFor(
      { oneOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "Dog" } } },
      schemas,
    );
    expect(mapped({ kind: "dog", bark: true })).toEqual([]);
    expect(mapped({ kind: "dog", bark: 1 })).toEqual([issue("/bark", "boolean", "number")]);
    expect(mapped({ kind: "cow" })).toEqual([issue("/kind", 'discriminator `kind`: one of: "cat", "dog"', "another value")]);
    expect(mapped({ kind: 1 })).toEqual([issue("/kind", 'discriminator `kind`: one of: "cat", "dog"', "number")]);
    expect(mapped({})).toEqual([issue("/kind", 'discriminator `kind`: one of: "cat", "dog"', "missing")]);
    expect(mapped([])).toEqual([issue("", "one of the oneOf shapes", "array")]);
    const hostile = await checkerFor(
      { oneOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "__proto__", mapping: { ["__proto__"]: "#/components/schemas/Cat" } } },
      schemas,
    );
    expect(hostile(JSON.parse('{"__proto__": "__proto__", "kind": "cat", "meow": true}'))).toEqual([]);
    expect(hostile({ kind: "cat", meow: true })).toEqual([issue("/__proto__", 'discriminator `__proto__`: one of: "__proto__", "Dog"', "missing")]);
    // A mapping to a schema that isn't there: no dispatch, the branches are tried.
    const unmapped = await checkerFor(
      { oneOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "kind", mapping: { cow: "#/components/schemas/Cow" } } },
      schemas,
    );
    expect(unmapped({ kind: "dog", bark: true })).toEqual([]);
    expect(unmapped({ kind: "cow" })).toEqual([issue("", "one of the oneOf shapes", "object")]);
    const implicit = await checkerFor({ anyOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "kind" } }, schemas);
    expect(implicit({ kind: "Cat", meow: "no" })).toEqual([issue("/kind", 'one of: "cat"', "another value"), issue("/meow", "boolean", "string")]);
  });
});

describe("generated validators: operations", () => {
  const document = documentOf(
    {
      "/items/{id}": {
        put: {
          requestBody: { $ref: "#/components/requestBodies/Item" },
          responses: {
            "200": {
              description: "ok",
              headers: {
                "X-Rate-Remaining": { required: true, schema: { type: "integer" } },
                "X-Flag": { schema: { type: "boolean" } },
                "X-Mode": { schema: { type: "string", enum: ["a", "b"] } },
                "X-Count": { $ref: "#/components/headers/Count" },
                "Content-Type": { schema: { type: "integer" } },
              },
              content: {
                "application/json": { schema: { type: "string" } },
                "application/problem+json; charset=utf-8": { schema: { type: "integer" } },
                "text/csv": { schema: { type: "string" } },
                "*/*": { schema: { type: "string" } },
                "application/octet-stream": {},
              },
            },
            "4XX": { $ref: "#/components/responses/Error" },
            default: { description: "anything" },
          },
        },
      },
    },
    { Count: { type: "integer" } },
    "3.1.0",
    {
      requestBodies: { Item: { content: { "application/json": { schema: { type: "boolean" } }, "multipart/form-data": { schema: { type: "object" } } } } },
      headers: { Count: { schema: { $ref: "#/components/schemas/Count" } } },
      responses: {
        Error: {
          description: "no",
          content: { "application/json": { schema: { type: "object", required: ["message"], properties: { message: { type: "string" } } } } },
        },
      },
    },
  );

  it("keys operations, responses, media types and lowercase header names as the contract says; non-JSON bodies get null", async () => {
    const { validators } = await importValidators(emit(document));
    const operation = validators["PUT /items/{id}"]!;
    expect(Object.keys(validators)).toEqual(["PUT /items/{id}"]);
    expect(Object.keys(operation.request!)).toEqual(["application/json", "multipart/form-data"]);
    expect(operation.request!["multipart/form-data"]).toBeNull();
    expect(Object.keys(operation.responses)).toEqual(["200", "4XX", "default"]);
    const ok = operation.responses["200"]!;
    expect(Object.keys(ok.headers!)).toEqual(["x-rate-remaining", "x-flag", "x-mode", "x-count"]);
    expect(ok.content!["text/csv"]).toBeNull();
    expect(ok.content!["*/*"]).toBeNull();
    expect(ok.content!["application/octet-stream"]).toBeNull();
    expect(typeof ok.content!["application/problem+json; charset=utf-8"]).toBe("function");
    expect(operation.responses.default).toEqual({});
    const issues: Array<{ pointer: string; expected: string; actual: string }> = [];
    operation.request!["application/json"]!("yes", "", issues);
    operation.responses["4XX"]!.content!["application/json"]!({}, "", issues);
    expect(issues).toEqual([issue("", "boolean", "string"), issue("/message", "present", "missing")]);
  });

  it("parses a header's raw text per its schema's type, and reports a required header that is absent", async () => {
    const { validators } = await importValidators(emit(document));
    const headers = validators["PUT /items/{id}"]!.responses["200"]!.headers!;
    const run = (name: string, value: string | null) => {
      const issues: Array<{ pointer: string; expected: string; actual: string }> = [];
      headers[name]!(value, "", issues);
      return issues;
    };
    expect(run("x-rate-remaining", "12")).toEqual([]);
    expect(run("x-rate-remaining", "-3")).toEqual([]);
    expect(run("x-rate-remaining", "1.5")).toEqual([issue("", "integer", "string")]);
    expect(run("x-rate-remaining", null)).toEqual([issue("", "present", "missing")]);
    expect(run("x-flag", null)).toEqual([]);
    expect(run("x-flag", "true")).toEqual([]);
    expect(run("x-flag", "yes")).toEqual([issue("", "boolean", "string")]);
    expect(run("x-mode", "b")).toEqual([]);
    expect(run("x-mode", "c")).toEqual([issue("", 'one of: "a", "b"', "another value")]);
    expect(run("x-count", "7")).toEqual([]);
    expect(run("x-count", "seven")).toEqual([issue("", "integer", "string")]);
  });
});

describe("generated validators: hostile values", () => {
  const schemas = { Tree: { type: "object", properties: { child: ref("Tree"), items: { type: "array", items: ref("Tree") } } } };

  it("follows recursion through component functions, and cuts off a value 100,000 levels deep with one issue", async () => {
    const check = await checkerFor(ref("Tree"), schemas);
    expect(check({ child: { child: { items: [{}, { child: 1 }] } } })).toEqual([issue("/child/child/items/1/child", "object", "number")]);
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 100_000; level++) deep = { child: deep };
    const issues = check(deep);
    expect(issues).toEqual([issue(`${"/child".repeat(256)}`, "at most 256 levels of nesting", "too deeply nested")]);
    // The cut-off leaves the nesting count where it was: the next value is checked in full.
    expect(check({ child: { child: 1 } })).toEqual([issue("/child/child", "object", "number")]);
  });

  it("leaves the nesting count as it was when an app's object throws from a getter", async () => {
    const check = await checkerFor(ref("Tree"), schemas);
    const throwing = { child: { child: {} } };
    Object.defineProperty(throwing.child.child, "child", {
      enumerable: true,
      get: () => {
        throw new Error("getter");
      },
    });
    for (let attempt = 0; attempt < 300; attempt++) expect(() => check(throwing)).toThrow("getter");
    expect(check({ child: { child: 1 } })).toEqual([issue("/child/child", "object", "number")]);
  });

  it("checks a 1,000,000-item array", async () => {
    const check = await checkerFor({ type: "array", items: { type: "integer" } });
    const items = Array.from({ length: 1_000_000 }, (_, index) => index);
    items[999_999] = 0.5;
    expect(check(items)).toEqual([issue("/999999", "integer", "number")]);
  });

  it("reads a `__proto__` or `constructor` property only when the value has it as its own", async () => {
    const check = await checkerFor({
      type: "object",
      required: ["__proto__", "constructor"],
      // A computed key: `{ __proto__: … }` in a literal would set the prototype instead.
      properties: { ["__proto__"]: { type: "string" }, constructor: { type: "string" }, toString: { type: "string" } },
      additionalProperties: false,
    });
    expect(check(JSON.parse('{"__proto__": "a", "constructor": "b"}'))).toEqual([]);
    expect(check({})).toEqual([issue("/__proto__", "present", "missing"), issue("/constructor", "present", "missing")]);
    expect(check(JSON.parse('{"__proto__": 1, "constructor": "b", "hasOwnProperty": 2}'))).toEqual([
      issue("/__proto__", "string", "number"),
      issue("/hasOwnProperty", "a declared property only", "an undeclared property"),
    ]);
  });
});

describe("generated validators: hostile specs", () => {
  // Closes a string, a template (its placeholder spelled in two pieces) and a comment; a line break and U+2028.
  const injection = `x"); globalThis.injected = 1; ("\`$\{globalThis.injected = 2}\`*/\n\u2028`;

  it("emits names, enum values, media types and keys from the spec inertly: the module compiles, runs nothing of them, and keeps them as data", async () => {
    // Computed keys throughout: `{ __proto__: … }` in a literal would set the prototype instead of naming a key.
    const schemas = {
      [injection]: { type: "string", enum: [injection, "__proto__"] },
      ["__proto__"]: {
        type: "object",
        required: ["__proto__"],
        properties: { ["__proto__"]: { $ref: `#/components/schemas/${encodeURIComponent(injection)}` } },
      },
      constructor: { type: "integer" },
      "a-b": { type: "boolean" },
      a_b: { type: "null" },
    };
    const content = (schema: unknown) => ({ content: { "application/json": { schema } } });
    const document = documentOf(
      {
        [`/${injection}`]: {
          get: {
            responses: {
              ["__proto__"]: content(ref("__proto__")),
              constructor: content(ref("constructor")),
              "200": { description: "ok", headers: { [injection]: { schema: { type: "integer" } } }, content: { [injection]: { schema: { type: "string" } } } },
              "201": content({ anyOf: [ref("a-b"), ref("a_b")] }),
            },
          },
        },
      },
      schemas,
    );
    const text = emit(document);
    expect(typecheck(new Map([["test.validators.ts", text]]))).toEqual([]);
    const { validators } = await importValidators(text);
    expect((globalThis as { injected?: unknown }).injected).toBeUndefined();

    const operation = validators[`GET /${injection}`]!;
    expect(Object.keys(operation.responses)).toEqual(["200", "201", "__proto__", "constructor"]);
    expect(Object.getPrototypeOf(operation.responses)).toBeNull();
    const issues: Array<{ pointer: string; expected: string; actual: string }> = [];
    // Typed as any key: TypeScript would take `.constructor` for Object's.
    const [proto, ctor]: string[] = ["__proto__", "constructor"];
    operation.responses[proto!]!.content!["application/json"]!(JSON.parse(`{"__proto__": "nope"}`), "", issues);
    operation.responses[ctor!]!.content!["application/json"]!(1.5, "", issues);
    operation.responses["200"]!.headers![injection.toLowerCase()]!("x", "", issues);
    expect(operation.responses["200"]!.content![injection]).toBeNull();
    operation.responses["201"]!.content!["application/json"]!("x", "", issues);
    expect(issues).toEqual([
      issue("/__proto__", `one of: ${JSON.stringify(injection).slice(0, 39)}…, "__proto__"`, "another value"),
      issue("", "integer", "number"),
      issue("", "integer", "string"),
      issue("", "one of the anyOf shapes", "string"),
    ]);
    // Nothing the spec wrote lands outside a JSON string literal.
    expect(text).not.toContain('globalThis.injected = 1; ("');
    expect(validators.constructor).toBeUndefined();
  });

  it("emits a schema nested inline as deep as a description may be (500 levels, scripts/lib/document-bounds.ts)", async () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let level = 0; level < 249; level++) schema = { type: "object", properties: { a: schema } };
    const check = await checkerFor(schema);
    let value: unknown = 1;
    for (let level = 0; level < 249; level++) value = { a: value };
    expect(check(value)).toEqual([issue("/a".repeat(249), "string", "number")]);
  });
});

describe("generated validators: as an app compiles them", () => {
  it("compiles every module emitted above under strict TypeScript", () => {
    expect(imported.length).toBeGreaterThan(20);
    expect(typecheck(new Map(imported.map((text, index) => [`module${index}.ts`, text])))).toEqual([]);
  });
});
