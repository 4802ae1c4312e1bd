import { describe, expect, it } from "vitest";
import { emitMediaTypes } from "../../scripts/generate/emit-media-types.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

/** The table emitted for `paths`, as data. */
function tableFor(paths: Record<string, unknown>, components: Record<string, unknown> = {}): Record<string, string> {
  const document = { openapi: "3.1.0", info: { title: "T", version: "1" }, paths, components };
  const text = emitMediaTypes(document as unknown as OpenAPIDocument, "test.openapi.yaml");
  return Object.fromEntries([...text.matchAll(/^ {2}("[^"]+"): ("[^"]+"),$/gm)].map(([, key, value]) => [JSON.parse(key!), JSON.parse(value!)]));
}

const body = (...types: string[]) => ({ content: Object.fromEntries(types.map((type) => [type, { schema: { type: "string" } }])) });

describe("the generated request media type table", () => {
  it("lists an operation by its first media type, and leaves out application/json first and no body", () => {
    const paths = {
      "/login": { post: { requestBody: body("application/x-www-form-urlencoded"), responses: {} } },
      "/ingest": {
        post: { requestBody: body("application/json", "text/csv"), responses: {} },
        put: { requestBody: body("text/csv", "application/json"), responses: {} },
      },
      "/things": { get: { responses: {} } },
    };
    expect(tableFor(paths)).toEqual({ "POST /login": "application/x-www-form-urlencoded", "PUT /ingest": "text/csv" });
  });

  it("follows a request body's $refs", () => {
    const paths = { "/upload": { post: { requestBody: { $ref: "#/components/requestBodies/Alias" }, responses: {} } } };
    const requestBodies = { Alias: { $ref: "#/components/requestBodies/Upload" }, Upload: body("multipart/form-data") };
    expect(tableFor(paths, { requestBodies })).toEqual({ "POST /upload": "multipart/form-data" });
  });

  it("emits a plain exported const, empty when every body is JSON first", () => {
    const text = emitMediaTypes({ openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {} }, "test.openapi.yaml");
    expect(text).toContain("export const requestMediaTypes: Record<string, string> = {\n};\n");
  });
});
