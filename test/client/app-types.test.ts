import { describe, expect, it } from "vitest";
import { createAxiomClient, createGalileoClient, GalaxiomError, type OperationSecurity } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";

// An app that generated its own types passes the security table generated with them: the client then sends what
// that table says, whatever the package's own says for the same operation.
describe("a client given an app's security table", () => {
  it("sends each credential in the headers the app's table names", async () => {
    const security: OperationSecurity = { "GET /v2/tokens/{id}": { bearer: ["X-Proxy-Authorization"] } };
    const fetch = observedFetch(json(200, {}));
    await createAxiomClient({ token: "xaat-app", security, fetch }).tokens.get("abc");
    expect(fetch.sent[0]!.headers["x-proxy-authorization"]).toBe("Bearer xaat-app");
    expect(fetch.sent[0]!.headers.authorization).toBeUndefined();
  });

  it("sends no credential to an operation the app's table makes public", async () => {
    const security: OperationSecurity = { "GET /v2/token": { apiKey: [], bearer: [], basic: [] } };
    const fetch = observedFetch(json(200, { access_token: "t" }));
    await createGalileoClient({ apiKey: "gk-app", security, fetch }).auth.getToken();
    expect(fetch.sent[0]!.headers["galileo-api-key"]).toBeUndefined();
  });

  it("refuses, before any request, an operation the app's table doesn't have, though the package's does", async () => {
    const fetch = observedFetch();
    const axiom = createAxiomClient({ token: "xaat-app", security: {}, fetch });
    const refusal = axiom.GET("/v2/tokens/{id}", { params: { path: { id: "abc" } } });
    await expect(refusal).rejects.toBeInstanceOf(GalaxiomError);
    await expect(refusal).rejects.toThrow("GET /v2/tokens/{id}: not in the client's security table");
    expect(fetch.sent).toEqual([]);
  });

  it("refuses a path outside every table, cast past the types, rather than sending it bare", async () => {
    const fetch = observedFetch();
    const galileo = createGalileoClient({ apiKey: "gk-app", fetch });
    await expect(galileo.GET("/v2/not-an-operation" as "/v2/token")).rejects.toThrow("GET /v2/not-an-operation: not in the client's security table");
    expect(fetch.sent).toEqual([]);
  });
});
