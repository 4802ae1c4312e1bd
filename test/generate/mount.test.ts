import { describe, expect, it } from "vitest";
import { mergeDocuments } from "../../scripts/generate/merge.js";
import { mountDocument } from "../../scripts/generate/mount.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

const format = { name: "format", in: "query", required: true, schema: { type: "string", enum: ["legacy", "tabular"] } };

function document(overrides: Partial<OpenAPIDocument> = {}): OpenAPIDocument {
  return {
    openapi: "3.0.1",
    info: { title: "Axiom", version: "1" },
    servers: [{ url: "https://api.axiom.co/v1/" }],
    security: [{ Auth: [] }],
    paths: {
      "/datasets": {
        get: { operationId: "getDatasets", responses: { 200: { content: { "application/json": { schema: { $ref: "#/components/schemas/Dataset" } } } } } },
      },
      "/datasets/_apl?format=tabular": { post: { operationId: "queryApl", parameters: [format], security: [{ Auth: ["CanQuery"] }], responses: {} } },
    },
    components: {
      schemas: {
        Dataset: { type: "object", properties: { fields: { type: "array", items: { $ref: "#/components/schemas/Field" } } } },
        Field: {
          oneOf: [{ $ref: "#/components/schemas/Dataset" }],
          discriminator: { propertyName: "kind", mapping: { a: "Dataset", b: "#/components/schemas/Field" } },
        },
      },
      securitySchemes: { Auth: { type: "http", scheme: "bearer" } },
    },
    ...overrides,
  };
}

describe("mountDocument", () => {
  it("mounts the paths under the server's base path and serves them from its origin", () => {
    const mounted = mountDocument(document(), { pathPrefix: "/v1" }, "axiom/v1.json");
    expect(Object.keys(mounted.paths!)).toEqual(["/v1/datasets", "/v1/datasets/_apl"]);
    expect(mounted.servers).toEqual([{ url: "https://api.axiom.co" }]);
  });

  it("drops a path key's query string when its operations declare those query parameters", () => {
    const mounted = mountDocument(document(), {}, "axiom/v1.json");
    expect(mounted.paths!["/datasets/_apl"]).toEqual(document().paths!["/datasets/_apl?format=tabular"]);
  });

  it("refuses a query string in a path key that no parameter declares, naming the operation", () => {
    const paths = { "/q?format=tabular&x=1": { post: { parameters: [format], responses: {} } } };
    expect(() => mountDocument(document({ paths }), {}, "axiom/v1.json")).toThrow(
      'axiom/v1.json #/paths/~1q?format=tabular&x=1/post: the path key fixes the query parameter "x", which POST doesn\'t declare; declare it in an overlay',
    );
  });

  it("refuses two path keys that differ only by their query string", () => {
    const paths = { "/q": { get: { responses: {} } }, "/q?format=legacy": { post: { parameters: [format], responses: {} } } };
    expect(() => mountDocument(document({ paths }), {}, "v1.json")).toThrow(
      'v1.json #/paths/~1q?format=legacy: the path "/q" is also declared with a query string',
    );
  });

  it("refuses a document whose server is not at the pathPrefix, or that has none, naming the pointer", () => {
    expect(() => mountDocument(document({ servers: [{ url: "https://api.axiom.co/v2/" }] }), { pathPrefix: "/v1" }, "axiom/v1.json")).toThrow(
      'axiom/v1.json #/servers/0/url: the server "https://api.axiom.co/v2/" is not at /v1, the pathPrefix apis.yaml gives this spec; is it another version?',
    );
    expect(() => mountDocument(document({ servers: [] }), { pathPrefix: "/v1" }, "axiom/v1.json")).toThrow("axiom/v1.json #/servers: has no servers");
  });

  it("prefixes component names, every $ref, discriminator mapping, security requirement and operationId", () => {
    const mounted = mountDocument(document(), { namePrefix: "V1" }, "v1.json");
    expect(Object.keys(mounted.components!.schemas!)).toEqual(["V1Dataset", "V1Field"]);
    expect(mounted.components!.securitySchemes).toEqual({ V1Auth: { type: "http", scheme: "bearer" } });
    expect(mounted.security).toEqual([{ V1Auth: [] }]);
    const apl = (mounted.paths!["/datasets/_apl"] as { post: { operationId: string; security: unknown } }).post;
    expect(apl).toMatchObject({ operationId: "V1queryApl", security: [{ V1Auth: ["CanQuery"] }] });
    expect(JSON.stringify(mounted.paths)).toContain('"$ref":"#/components/schemas/V1Dataset"');
    expect(mounted.components!.schemas!.V1Field).toEqual({
      oneOf: [{ $ref: "#/components/schemas/V1Dataset" }],
      discriminator: { propertyName: "kind", mapping: { a: "V1Dataset", b: "#/components/schemas/V1Field" } },
    });
    // A property that happens to be called operationId is data, not an operation's id.
    const schema = { type: "object", properties: { operationId: { type: "string" } } };
    const withProperty = mountDocument(document({ components: { schemas: { S: schema } } }), { namePrefix: "V1" }, "v1.json");
    expect(withProperty.components!.schemas!.V1S).toEqual(schema);
  });

  it("leaves two versions' clashing paths apart, and a clash that remains is a merge error naming both files", () => {
    const v1 = mountDocument(document(), { pathPrefix: "/v1", namePrefix: "V1" }, "axiom/v1.json");
    const v2 = mountDocument(document({ servers: [{ url: "https://api.axiom.co/v2/" }] }), { pathPrefix: "/v2" }, "axiom/v2.json");
    const { document: merged } = mergeDocuments([
      { file: "axiom/v1.json", document: v1 },
      { file: "axiom/v2.json", document: v2 },
    ]);
    expect(Object.keys(merged.paths!)).toEqual(["/v1/datasets", "/v1/datasets/_apl", "/v2/datasets", "/v2/datasets/_apl"]);
    const clash = mountDocument(document({ servers: [{ url: "https://api.axiom.co/v1/" }] }), { pathPrefix: "/v1" }, "axiom/v1-next.json");
    expect(() =>
      mergeDocuments([
        { file: "axiom/v1.json", document: v1 },
        { file: "axiom/v1-next.json", document: clash },
      ]),
    ).toThrow(/^axiom\/v1-next\.json #\/paths\/~1v1~1datasets\/get: conflicts with axiom\/v1\.json/);
  });
});
