import { describe, expect, it } from "vitest";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";
import { globToRegExp, selectOperations } from "../../scripts/generate/select.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

const document: OpenAPIDocument = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  security: [{ Root: [] }],
  tags: [{ name: "auth" }, { name: "datasets" }],
  paths: {
    "/v2/token": { get: { operationId: "get_token", tags: ["auth"], responses: { "200": { description: "ok", ...json(ref("Token")) } } } },
    "/v2/datasets/{id}": {
      parameters: [{ $ref: "#/components/parameters/DatasetId" }],
      get: { operationId: "get_dataset", tags: ["datasets"], security: [{ Key: [] }], responses: { "200": { description: "ok", ...json(ref("Dataset")) } } },
      delete: { operationId: "delete_dataset", tags: ["datasets"], responses: { "204": { description: "gone" } } },
    },
  },
  components: {
    schemas: {
      Token: { type: "object", properties: { value: { type: "string" } } },
      Dataset: { type: "object", properties: { owner: ref("User"), parent: ref("Dataset") } },
      User: { type: "object" },
      // Unused, and only referenced by each other: a reference count would keep them, reachability does not.
      CycleA: { type: "object", properties: { b: ref("CycleB") } },
      CycleB: { type: "object", properties: { a: ref("CycleA") } },
      Pet: { oneOf: [ref("Cat")], discriminator: { propertyName: "kind", mapping: { cat: "Cat" } } },
      Cat: { type: "object" },
    },
    parameters: { DatasetId: { name: "id", in: "path", required: true, schema: { type: "string" } } },
    securitySchemes: { Root: { type: "http", scheme: "bearer" }, Key: { type: "apiKey", in: "header", name: "K" }, Unused: { type: "http", scheme: "basic" } },
  },
};

const none = { operations: [], paths: [], tags: [], operationIds: [] };

describe("selectOperations", () => {
  it("keeps the selected operation and exactly the components it reaches", () => {
    const { document: selected, unmatched } = selectOperations(document, { ...none, operations: ["GET /v2/datasets/{id}"] });
    expect(unmatched).toEqual([]);
    expect(Object.keys(selected.paths!)).toEqual(["/v2/datasets/{id}"]);
    expect(Object.keys(selected.paths!["/v2/datasets/{id}"]!)).toEqual(["parameters", "get"]);
    expect(Object.keys(selected.components!.schemas!)).toEqual(["Dataset", "User"]);
    expect(Object.keys(selected.components!.parameters!)).toEqual(["DatasetId"]);
    expect(Object.keys(selected.components!.securitySchemes!)).toEqual(["Root", "Key"]);
    expect(selected.tags).toEqual([{ name: "datasets" }]);
    expect(document.components!.schemas!.CycleA).toBeDefined();
  });

  it("selects by path glob, tag and operationId", () => {
    const byGlob = selectOperations(document, { ...none, paths: ["/v2/datasets/*"] }).document;
    expect(Object.keys(byGlob.paths!["/v2/datasets/{id}"]!)).toEqual(["parameters", "get", "delete"]);
    const byTag = selectOperations(document, { ...none, tags: ["auth"] }).document;
    expect(Object.keys(byTag.paths!)).toEqual(["/v2/token"]);
    const byId = selectOperations(document, { ...none, operationIds: ["delete_dataset"] }).document;
    expect(Object.keys(byId.paths!["/v2/datasets/{id}"]!)).toEqual(["parameters", "delete"]);
    expect(byId.components!.schemas).toBeUndefined();
  });

  it("everything: all operations, still without unreachable components; discriminator mappings count as references", () => {
    const withPet: OpenAPIDocument = structuredClone(document);
    withPet.paths!["/pets"] = { get: { responses: { "200": { description: "ok", ...json(ref("Pet")) } } } };
    const { document: selected } = selectOperations(withPet, "all");
    expect(Object.keys(selected.paths!)).toHaveLength(3);
    expect(Object.keys(selected.components!.schemas!).sort()).toEqual(["Cat", "Dataset", "Pet", "Token", "User"]);
    expect(Object.keys(selected.components!.securitySchemes!)).toEqual(["Root", "Key"]);
  });

  it("reports criteria that match nothing", () => {
    const { unmatched } = selectOperations(document, { ...none, operations: ["GET /v2/tokens"], tags: ["auth", "nope"] });
    expect(unmatched).toEqual(["operations/0", "tags/1"]);
  });

  it("globs: * stays within a segment, ** crosses segments", () => {
    expect(globToRegExp("/v2/*").test("/v2/token")).toBe(true);
    expect(globToRegExp("/v2/*").test("/v2/users/api_keys")).toBe(false);
    expect(globToRegExp("/v2/**").test("/v2/users/api_keys")).toBe(true);
    expect(globToRegExp("/v2/tokens/{id}").test("/v2/tokens/{id}")).toBe(true);
  });
});
