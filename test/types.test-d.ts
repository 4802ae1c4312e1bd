import { describe, expectTypeOf, it } from "vitest";
import {
  createAxiomClient,
  createGalileoClient,
  type ApiError,
  type AxiomSchemas,
  type GalileoSchemas,
  type ValidationIssue,
} from "../src/index.js";

const galileo = createGalileoClient({ apiKey: "gk-types" });
const axiom = createAxiomClient({ token: "xaat-types" });

describe("compile-time contract", () => {
  it("types results from the spec", async () => {
    const { data } = await galileo.GET("/v2/token", { params: { query: { organization_slug: "acme" } } });
    expectTypeOf(data).toEqualTypeOf<GalileoSchemas["GetTokenResponse"] | undefined>();
    expectTypeOf(await galileo.apiKeys.create({ description: "ci" })).toEqualTypeOf<GalileoSchemas["CreateApiKeyResponse"]>();
    expectTypeOf(await axiom.tokens.get("abc")).toEqualTypeOf<AxiomSchemas["APIToken"]>();
    expectTypeOf<GalileoSchemas["CreateApiKeyRequest"]["project_role"]>().toEqualTypeOf<
      "owner" | "editor" | "annotator" | "viewer" | null | undefined
    >();
  });

  it("makes the validation detail readable as typed data", () => {
    expectTypeOf<ApiError["detail"]>().toEqualTypeOf<ValidationIssue[] | undefined>();
    expectTypeOf<ValidationIssue>().toEqualTypeOf<GalileoSchemas["ValidationError"]>();
  });

  it("rejects a wrong path", () => {
    // @ts-expect-error: not a Galileo path
    void galileo.GET("/v2/tokens");
    // @ts-expect-error: /v2/token has no POST
    void galileo.POST("/v2/token", {});
  });

  it("rejects a Galileo path on the Axiom client and the reverse", () => {
    // @ts-expect-error: Galileo path on the Axiom client
    void axiom.GET("/v2/token");
    // @ts-expect-error: Axiom path on the Galileo client
    void galileo.GET("/tokens/{id}", { params: { path: { id: "abc" } } });
  });

  it("rejects a missing required parameter or body field", () => {
    // @ts-expect-error: the path parameter id is required
    void axiom.GET("/tokens/{id}");
    // @ts-expect-error: the path parameter id is required
    void axiom.GET("/tokens/{id}", { params: { path: {} } });
    // @ts-expect-error: the body is required
    void galileo.POST("/v2/users/api_keys", {});
    // @ts-expect-error: description is required
    void galileo.POST("/v2/users/api_keys", { body: { project_role: "viewer" } });
    // @ts-expect-error: api_key is required
    void galileo.POST("/v1/login/api_key", { body: {} });
    // @ts-expect-error: description is required
    void galileo.apiKeys.create({});
  });

  it("rejects a misspelt key and an enum value outside the spec", () => {
    // @ts-expect-error: organisation_slug is misspelt
    void galileo.GET("/v2/token", { params: { query: { organisation_slug: "acme" } } });
    // @ts-expect-error: descripton is misspelt
    void galileo.POST("/v2/users/api_keys", { body: { descripton: "ci" } });
    // @ts-expect-error: "admin" is not a CollaboratorRole
    void galileo.POST("/v2/users/api_keys", { body: { description: "ci", project_role: "admin" } });
    // @ts-expect-error: "admin" is not a CollaboratorRole
    void galileo.apiKeys.create({ description: "ci", project_role: "admin" });
    // @ts-expect-error: id must be a string
    void axiom.tokens.get(42);
  });
});
