import { describe, expect, it } from "vitest";
import { emitSecurity } from "../../scripts/generate/emit-security.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

const schemes = {
  key: { type: "apiKey", in: "header", name: "X-Key" },
  otherKey: { type: "apiKey", in: "header", name: "X-Other" },
  queryKey: { type: "apiKey", in: "query", name: "key" },
  bearer: { type: "http", scheme: "Bearer" },
  basic: { type: "http", scheme: "basic" },
  oauth: { type: "oauth2", flows: {} },
  oidc: { type: "openIdConnect", openIdConnectUrl: "https://id.example.test" },
};

/** The table emitted for one GET /x whose `security` is `security`, and a root `security`. */
function tableFor(security: unknown, root?: unknown): Record<string, unknown> {
  const document = { openapi: "3.1.0", security: root, components: { securitySchemes: schemes }, paths: { "/x": { get: { security, responses: {} } } } };
  const text = emitSecurity(document as unknown as OpenAPIDocument, "test.openapi.yaml");
  const line = /^ {2}"GET \/x": (.*),$/m.exec(text)![1]!;
  return JSON.parse(line) as Record<string, unknown>;
}

describe("the generated security table", () => {
  it("gives every kind no headers for `security: []`, and for an operation with no security under no root security", () => {
    expect(tableFor([])).toEqual({ apiKey: [], bearer: [], basic: [] });
    expect(tableFor(undefined)).toEqual({ apiKey: [], bearer: [], basic: [] });
  });

  it("inherits the root security when the operation has none", () => {
    expect(tableFor(undefined, [{ bearer: [] }])).toEqual({ bearer: ["Authorization"] });
  });

  it("maps each scheme type to its kind and header; a key outside a header never fits", () => {
    expect(tableFor([{ key: [] }, { oauth: [] }, { basic: [] }])).toEqual({ apiKey: ["X-Key"], bearer: ["Authorization"], basic: ["Authorization"] });
    expect(tableFor([{ oidc: ["read"] }])).toEqual({ bearer: ["Authorization"] });
    expect(tableFor([{ queryKey: [] }])).toEqual({});
  });

  it("takes the first alternative a kind satisfies, in spec order, with every header of an alternative", () => {
    expect(tableFor([{ key: [], otherKey: [] }, { key: [] }])).toEqual({ apiKey: ["X-Key", "X-Other"] });
    expect(tableFor([{ key: [], bearer: [] }, { otherKey: [] }])).toEqual({ apiKey: ["X-Other"] });
  });

  it("treats an empty requirement (`{}`) as credentials being optional: none sent", () => {
    expect(tableFor([{}, { key: [] }])).toEqual({ apiKey: [], bearer: [], basic: [] });
  });
});
