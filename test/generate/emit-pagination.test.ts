import { describe, expect, it } from "vitest";
import { emitPagination } from "../../scripts/generate/emit-pagination.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const list = (items: unknown = { type: "object" }) => ({ type: "array", items });
const query = (name: string, schema: unknown = { type: "integer" }) => ({ name, in: "query", schema });
/** A Galileo-style page: the position it started at, the next one (null after the last), and `lists`. */
const page = (lists: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "object",
  properties: { starting_token: { type: "integer" }, next_starting_token: { anyOf: [{ type: "integer" }, { type: "null" }] }, ...lists },
  ...extra,
});

const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  components: {
    schemas: {
      Records: page({ records: list() }),
      Search: { type: "object", properties: { starting_token: { type: "integer" }, limit: { type: "integer" } } },
      Content: page({ column_names: list({ type: "string" }), rows: list() }, { "x-galaxiom-page-items": "rows" }),
    },
    parameters: { Limit: query("limit", { type: "integer", default: 100, maximum: 1000 }), Offset: query("offset") },
    requestBodies: { Search: json({ $ref: "#/components/schemas/Search" }) },
  },
  paths: {
    // By token, in the query; the response through a `$ref`.
    "/records": { get: { parameters: [query("starting_token")], responses: { "200": json({ $ref: "#/components/schemas/Records" }) } } },
    // By token, in the body (a `$ref`d request body); the list nullable.
    "/records/search": {
      post: {
        requestBody: { $ref: "#/components/requestBodies/Search" },
        responses: { "200": json(page({ records: { anyOf: [list(), { type: "null" }] } })) },
      },
    },
    // Any `T` whose `next_T` the response has: Galileo's audit log pages by `cursor_id`.
    "/audit": {
      get: {
        parameters: [query("cursor_id")],
        responses: { "200": json({ type: "object", properties: { next_cursor_id: { type: "integer" }, records: list() } }) },
      },
    },
    // Two arrays, one named by the extension; two arrays, none named; the extension naming a non-array.
    "/content": { get: { parameters: [query("starting_token")], responses: { "200": json({ $ref: "#/components/schemas/Content" }) } } },
    "/content/raw": { get: { parameters: [query("starting_token")], responses: { "200": json(page({ column_names: list(), rows: list() })) } } },
    "/content/misnamed": {
      get: { parameters: [query("starting_token")], responses: { "200": json(page({ rows: list() }, { "x-galaxiom-page-items": "starting_token" })) } },
    },
    // Pages, but nothing to take the items from.
    "/count": { get: { parameters: [query("starting_token")], responses: { "200": json(page({})) } } },
    // A token in, none out (Galileo's recompute-metrics); a `next_…` out with nothing in: neither pages.
    "/recompute": { post: { requestBody: { $ref: "#/components/requestBodies/Search" }, responses: { "200": json({ type: "object" }) } } },
    "/next": { get: { responses: { "200": json(page({ records: list() })) } } },
    // By offset, with the limit's default and maximum; the response is the list.
    "/dashboards": {
      get: { parameters: [{ $ref: "#/components/parameters/Limit" }, { $ref: "#/components/parameters/Offset" }], responses: { "200": json(list()) } },
    },
    // An offset whose limit has no default: the end of the list can't be told.
    "/starred": { get: { parameters: [query("limit"), query("offset")], responses: { "200": json(list()) } } },
  },
};

const { text, warnings } = emitPagination(document as unknown as OpenAPIDocument, "test.openapi.yaml");
/** The emitted table, entry by entry. */
const table = Object.fromEntries([...text.matchAll(/^ {2}("[^"]+"): (.*),$/gm)].map(([, key, value]) => [JSON.parse(key!), JSON.parse(value!)]));

describe("the generated pagination table", () => {
  it("lists an operation that takes `T` and answers `next_T`, with where the token goes and the response's one array", () => {
    expect(table["GET /records"]).toEqual({ token: { in: "query", name: "starting_token" }, next: "next_starting_token", items: "records" });
    expect(table["POST /records/search"]).toEqual({ token: { in: "body", name: "starting_token" }, next: "next_starting_token", items: "records" });
    expect(table["GET /audit"]).toEqual({ token: { in: "query", name: "cursor_id" }, next: "next_cursor_id", items: "records" });
  });

  it("lists an operation taking `offset` and a `limit` with a default, with the limit's default and maximum", () => {
    expect(table["GET /dashboards"]).toEqual({ offset: { in: "query", name: "offset" }, limit: { in: "query", name: "limit", default: 100, maximum: 1000 } });
  });

  it("takes the items from the array the schema's x-galaxiom-page-items names, where there are several", () => {
    expect(table["GET /content"]).toMatchObject({ items: "rows" });
  });

  it("leaves out, with a warning, an operation that pages but whose items can't be found", () => {
    for (const key of ["GET /content/raw", "GET /content/misnamed", "GET /count"]) expect(table).not.toHaveProperty([key]);
    expect(warnings).toEqual([
      {
        rule: "pagination",
        message:
          "generated/test.openapi.yaml #/paths/~1content~1raw/get: pages by `starting_token`, but its response has several array properties (column_names, rows); name the items' one with x-galaxiom-page-items on the response schema, in the overlay; paginate() leaves it out",
      },
      {
        rule: "pagination",
        message:
          "generated/test.openapi.yaml #/paths/~1content~1misnamed/get: pages by `starting_token`, but its x-galaxiom-page-items names no array property of the response; paginate() leaves it out",
      },
      {
        rule: "pagination",
        message:
          "generated/test.openapi.yaml #/paths/~1count/get: pages by `starting_token`, but its response has no array property to take the items from; paginate() leaves it out",
      },
    ]);
  });

  it("leaves out, silently, what doesn't page: a token with no next one, a next one with no token, an offset with no default limit", () => {
    expect(Object.keys(table)).toEqual(["GET /records", "POST /records/search", "GET /audit", "GET /content", "GET /dashboards"]);
  });

  it("is a module with the table as a constant and its keys as a type", () => {
    expect(text).toMatch(
      /^export const pagination = \{\n[\s\S]*\n\} as const;\n\n\/\*\* The operations `paginate` takes\. \*\/\nexport type Paginated = keyof typeof pagination;\n$/m,
    );
    expect(emitPagination({ openapi: "3.1.0", info: { title: "t", version: "1" } }, "empty.openapi.yaml").text).toContain(
      "export const pagination = {\n} as const;",
    );
  });
});
