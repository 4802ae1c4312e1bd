import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadValidators } from "../../scripts/check/load-validators.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";
import { createAxiomClient } from "../../src/index.js";
import { createValidation, ResponseValidationError, type Validators } from "../../src/validation/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { repo } from "../helpers/workspace.js";

// An app's own API, as `galaxiom generate` would write its validators beside its types: `createValidation` over
// them, given to a client with the app's paths.
interface ShopPaths {
  "/v1/items/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string; created: string; price?: number } } } };
    };
  };
}

async function shopValidators(): Promise<Validators> {
  const text = await readFile(path.join(repo, "test/fixtures/check/specs/shop/openapi.yaml"), "utf8");
  return (await loadValidators(parse(text) as OpenAPIDocument, "shop")).validators as Validators;
}

describe("createValidation over an app's own validators", () => {
  it("checks the app's operations", async () => {
    const validation = createValidation(await shopValidators());
    const item = { id: "6f1c2a9e-1b2c-4d5e-8f90-0123456789ab", created: "2026-01-01T00:00:00Z" };
    const fetch = observedFetch(json(200, item), json(200, { ...item, created: "yesterday" }));
    const shop = createAxiomClient<ShopPaths>({
      token: "xaat-app",
      baseUrl: "https://api.shop.test",
      security: { "GET /v1/items/{id}": { bearer: ["Authorization"] } },
      validate: "throw",
      validation,
      fetch,
    });
    expect((await shop.GET("/v1/items/{id}", { params: { path: { id: "1" } } })).data).toEqual(item);
    const error = await shop.GET("/v1/items/{id}", { params: { path: { id: "1" } } }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toBe("GET /v1/items/{id} → 200: /created: expected string (date-time), got string");
  });
});
