import type { Client } from "openapi-fetch";
import createQueryClient, { type OpenapiQueryClient } from "openapi-react-query";
import pino from "pino";
import { describe, expectTypeOf, it } from "vitest";
import {
  fieldsFirst,
  type AxiomClient,
  type AxiomPaths,
  type GalileoClient,
  type OperationSecurity,
  type GalileoPaths,
  createAxiomClient,
  createGalileoClient,
  type ApiError,
  type AxiomSchemas,
  type GalileoSchemas,
  type Operation,
  type RateLimitError,
  type UnprocessableEntityError,
  type ValidationIssue,
} from "../src/index.js";

const galileo = createGalileoClient({ apiKey: "gk-types" });
const axiom = createAxiomClient({ token: "xaat-types" });

/** An app's own types, as openapi-typescript writes them for `galaxiom generate`: a path the package doesn't have. */
interface AppPaths {
  "/v2/app-only/{id}": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { name: string } } } };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
/** The table `galaxiom generate` writes beside them. */
const appSecurity: OperationSecurity = { "GET /v2/app-only/{id}": { bearer: ["Authorization"], apiKey: ["Galileo-API-Key"] } };

describe("compile-time contract", () => {
  it("types results from the spec", async () => {
    const { data } = await galileo.GET("/v2/token", { params: { query: { organization_slug: "acme" } } });
    expectTypeOf(data).toEqualTypeOf<GalileoSchemas["GetTokenResponse"] | undefined>();
    expectTypeOf(await galileo.apiKeys.create({ description: "ci" })).toEqualTypeOf<GalileoSchemas["CreateApiKeyResponse"]>();
    expectTypeOf(await axiom.tokens.get("abc")).toEqualTypeOf<AxiomSchemas["APIToken"]>();
    expectTypeOf<GalileoSchemas["CreateApiKeyRequest"]["project_role"]>().toEqualTypeOf<"owner" | "editor" | "annotator" | "viewer" | null | undefined>();
  });

  it("makes the validation detail readable as typed data", () => {
    expectTypeOf<ApiError["detail"]>().toEqualTypeOf<ValidationIssue[] | undefined>();
    expectTypeOf<UnprocessableEntityError["detail"]>().toEqualTypeOf<ValidationIssue[]>();
    expectTypeOf<ValidationIssue>().toEqualTypeOf<GalileoSchemas["ValidationError"]>();
    expectTypeOf<ApiError["operation"]>().toEqualTypeOf<Operation>();
    expectTypeOf<RateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
  });

  it("types the per-call options on raw calls and helpers, and keeps the result types", async () => {
    const signal = new AbortController().signal;
    const { data } = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "a" } }, timeout: 5_000, deadline: 20_000, retry: false, signal });
    expectTypeOf(data).toEqualTypeOf<AxiomSchemas["APIToken"] | undefined>();
    void galileo.POST("/v2/users/api_keys", { body: { description: "ci" }, retry: { idempotent: true, attempts: 5 } });
    void galileo.request("get", "/v2/token", { timeout: false });
    void galileo.apiKeys.create({ description: "ci" }, { retry: { idempotent: true } });
    void axiom.tokens.get("abc", { signal, timeout: 100 });
    // @ts-expect-error: attempts is a number
    void galileo.auth.getToken({}, { retry: { attempts: "3" } });
    // @ts-expect-error: timeout is milliseconds or false
    void galileo.apiKeys.create({ description: "ci" }, { timeout: "5s" });
    // @ts-expect-error: timeout is milliseconds or false, on a raw call too
    void galileo.GET("/v2/token", { timeout: "5s" });
    // @ts-expect-error: attempts is a number, on a raw call too
    void galileo.request("get", "/v2/token", { retry: { attempts: "3" } });
    // @ts-expect-error: retryOn lists statuses, "5xx", "connection" and "timeout"
    void axiom.tokens.get("abc", { retry: { retryOn: ["4xx"] } });
    // @ts-expect-error: the signal is an AbortSignal
    void galileo.auth.getToken({}, { signal: "stop" });
  });

  it("takes one way to authenticate a Galileo client, not a mixture", () => {
    createGalileoClient({ apiKey: async () => "gk-from-a-vault" });
    createGalileoClient({ apiKey: "gk", tokenExchange: "v2-token", organizationSlug: "acme" });
    createGalileoClient({ tokenExchange: "v1-login" });
    createGalileoClient({ username: "ada", password: "secret", timeout: 5_000 });
    createGalileoClient({ accessToken: "jwt" });
    // @ts-expect-error: an API key and a bearer token at once
    createGalileoClient({ apiKey: "gk", accessToken: "jwt" });
    // @ts-expect-error: basic needs a password
    createGalileoClient({ username: "ada" });
    // @ts-expect-error: the organization applies to the v2 token exchange only
    createGalileoClient({ apiKey: "gk", tokenExchange: "v1-login", organizationId: "org" });
    // @ts-expect-error: not a token exchange galaxiom knows
    createGalileoClient({ apiKey: "gk", tokenExchange: "v3" });
    // @ts-expect-error: idempotent is a call's promise, not a client's
    createGalileoClient({ apiKey: "gk", retry: { idempotent: true } });
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
    void galileo.GET("/v2/tokens/{id}", { params: { path: { id: "abc" } } });
  });

  it("rejects a missing required parameter or body field", () => {
    // @ts-expect-error: the path parameter id is required
    void axiom.GET("/v2/tokens/{id}");
    // @ts-expect-error: the path parameter id is required
    void axiom.GET("/v2/tokens/{id}", { params: { path: {} } });
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

  it("takes a body as galaxiom sends it: binary data for a binary string, a FormData or fields with a file, a form", () => {
    const ingest = { params: { path: { dataset_name: "logs" } } };
    const stream = new ReadableStream<Uint8Array>();
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", { ...ingest, body: '[{"a":1}]' });
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", { ...ingest, body: new Blob(["a,b\n1,2\n"]), headers: { "Content-Type": "text/csv" } });
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", { ...ingest, body: new TextEncoder().encode('{"a":1}\n') });
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", { ...ingest, body: new ArrayBuffer(8) });
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", { ...ingest, body: stream, headers: { "Content-Type": "application/x-ndjson" } });
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", {
      ...ingest,
      body: "a,b",
      params: { ...ingest.params, header: { "X-Axiom-CSV-Fields": ["a", "b"] } },
    });
    const form = new FormData();
    void galileo.POST("/v2/datasets", { body: form, params: { query: { format: "csv" } } });
    void galileo.POST("/v2/datasets", { body: { file: new Blob(["a,b\n"]), name: "d", draft: false, hidden: false, append_suffix_if_duplicate: true } });
    void galileo.POST("/v1/login", { body: { username: "ada", password: "pw", scope: "" } });
    void galileo.POST("/v1/login", { body: new URLSearchParams({ username: "ada", password: "pw" }) });
    // @ts-expect-error: ingest's body is required
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", ingest);
    // @ts-expect-error: a JSON object body takes no binary data
    void galileo.POST("/v2/users/api_keys", { body: new Blob(["{}"]) });
    // @ts-expect-error: nor text
    void galileo.POST("/v2/users/api_keys", { body: '{"description": "ci"}' });
    // @ts-expect-error: nor a form
    void galileo.POST("/v2/users/api_keys", { body: new FormData() });
    // @ts-expect-error: a form's fields are the spec's: draft is a boolean
    void galileo.POST("/v2/datasets", { body: { draft: new Blob([]), hidden: false, append_suffix_if_duplicate: true } });
    // @ts-expect-error: a URL-encoded form carries no file
    void galileo.POST("/v1/login", { body: { username: "ada", password: new Blob(["pw"]), scope: "" } });
    // @ts-expect-error: an operation with no body takes none
    void galileo.GET("/v2/token", { body: "x" });
  });

  it("types the query of a path whose spec key held one: required, and its enum", () => {
    const body = { apl: "['logs'] | limit 1" };
    void axiom.POST("/v1/datasets/_apl", { params: { query: { format: "tabular" } }, body });
    void axiom.POST("/v1/datasets/_apl", { params: { query: { format: "legacy", nocache: true } }, body });
    // @ts-expect-error: "csv" is not a format
    void axiom.POST("/v1/datasets/_apl", { params: { query: { format: "csv" } }, body });
    // @ts-expect-error: format is required
    void axiom.POST("/v1/datasets/_apl", { params: { query: {} }, body });
    // @ts-expect-error: the path key lost its query string
    void axiom.POST("/v1/datasets/_apl?format=tabular", { body });
    // @ts-expect-error: "yaml" is not a DatasetFormat
    void galileo.POST("/v2/datasets", { body: new FormData(), params: { query: { format: "yaml" } } });
    // @ts-expect-error: CSV fields are a list
    void axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: { path: { dataset_name: "logs" }, header: { "X-Axiom-CSV-Fields": "a,b" } }, body: "" });
  });

  it("fits the openapi-fetch ecosystem: an openapi-fetch Client, taken by openapi-react-query, throwing or not", () => {
    expectTypeOf(galileo).toMatchTypeOf<Client<GalileoPaths>>();
    expectTypeOf(axiom).toMatchTypeOf<Client<AxiomPaths>>();
    const throwing = createAxiomClient({ token: "xaat-types", throwOnError: true });
    expectTypeOf(throwing).toMatchTypeOf<Client<AxiomPaths>>();
    // The paths are inferred from the client.
    const query = createQueryClient(galileo);
    void query.useQuery("get", "/v2/token", { params: { query: { organization_slug: "acme" } } });
    void createQueryClient(axiom).useQuery("get", "/v2/tokens/{id}", { params: { path: { id: "abc" } } });
    void createQueryClient(throwing).useQuery("get", "/v2/tokens/{id}", { params: { path: { id: "abc" } } });
    const inferred: OpenapiQueryClient<GalileoPaths> = createQueryClient(galileo);
    void inferred;
    // @ts-expect-error: not an Axiom path
    void createQueryClient(axiom).useQuery("get", "/v2/token");
    // @ts-expect-error: the path parameter id is required
    void createQueryClient(axiom).useQuery("get", "/v2/tokens/{id}");
  });

  it("takes openapi-fetch's serializers on the client, a fetch on any call and headers on helpers", () => {
    const fetch = (request: Request) => globalThis.fetch(request);
    createAxiomClient({ token: "t", querySerializer: { array: { style: "form", explode: false } }, bodySerializer: (body) => JSON.stringify(body) });
    createGalileoClient({ apiKey: "gk", querySerializer: (query) => new URLSearchParams(query as Record<string, string>).toString() });
    void axiom.GET("/v2/tokens/{id}", { params: { path: { id: "a" } }, fetch });
    void axiom.tokens.get("abc", { fetch, headers: { "X-Trace": "1" } });
    void galileo.auth.getToken({}, { headers: new Headers() });
    void galileo.auth.loginWithApiKey("gk", { headers: { "X-Trace": null } });
    void galileo.apiKeys.create({ description: "ci" }, { headers: { "X-Trace": 1 } });
    // @ts-expect-error: a serializer is a function or openapi-fetch's options
    createAxiomClient({ token: "t", bodySerializer: "json" });
    // @ts-expect-error: a fetch is a function
    void axiom.tokens.get("abc", { fetch: "https://elsewhere" });
    // @ts-expect-error: helpers always throw
    void axiom.tokens.get("abc", { throwOnError: false });
  });

  it("gives a throwing client's calls a non-optional data, and the union back per call", async () => {
    const throwing = createGalileoClient({ apiKey: "gk", throwOnError: true });
    const ok = await throwing.GET("/v2/token");
    expectTypeOf(ok.data).toEqualTypeOf<GalileoSchemas["GetTokenResponse"]>();
    expectTypeOf(ok.response).toEqualTypeOf<Response>();
    expectTypeOf((await throwing.request("get", "/v2/token")).data).toEqualTypeOf<GalileoSchemas["GetTokenResponse"]>();
    const union = await throwing.GET("/v2/token", { throwOnError: false });
    expectTypeOf(union.data).toEqualTypeOf<GalileoSchemas["GetTokenResponse"] | undefined>();

    const perCall = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "a" } }, throwOnError: true });
    expectTypeOf(perCall.data).toEqualTypeOf<AxiomSchemas["APIToken"]>();
    expectTypeOf((await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "a" } } })).data).toEqualTypeOf<AxiomSchemas["APIToken"] | undefined>();
  });

  it("adapts a fields-first logger (pino) to the Logger", () => {
    createAxiomClient({ token: "t", logger: fieldsFirst(pino()) });
    createAxiomClient({ token: "t", logger: console });
    // @ts-expect-error: a logger has debug, info, warn and error
    fieldsFirst({ info: () => undefined });
  });

  it("takes an app's own paths as a type argument, with its security table, keeping the helpers", async () => {
    const app = createAxiomClient<AppPaths>({ token: "t", security: appSecurity });
    expectTypeOf(app).toEqualTypeOf<AxiomClient<false, AppPaths>>();
    expectTypeOf((await app.GET("/v2/app-only/{id}", { params: { path: { id: "a" } } })).data).toEqualTypeOf<{ name: string } | undefined>();
    expectTypeOf(await app.tokens.get("abc")).toEqualTypeOf<AxiomSchemas["APIToken"]>();
    expectTypeOf(app).toMatchTypeOf<Client<AppPaths>>();
    // @ts-expect-error: the package's path is not in the app's types
    void app.GET("/v2/tokens/{id}", { params: { path: { id: "a" } } });
    // @ts-expect-error: the path parameter id is required
    void app.GET("/v2/app-only/{id}");

    const galileoApp = createGalileoClient<AppPaths>({ apiKey: "gk", security: appSecurity });
    expectTypeOf(galileoApp).toEqualTypeOf<GalileoClient<false, AppPaths>>();
    void galileoApp.GET("/v2/app-only/{id}", { params: { path: { id: "a" } } });
    expectTypeOf(await galileoApp.auth.getToken()).toEqualTypeOf<GalileoSchemas["GetTokenResponse"]>();
    // @ts-expect-error: the package's path is not in the app's types
    void galileoApp.GET("/v2/token");
    // @ts-expect-error: a table maps each operation to lists of headers
    createAxiomClient<AppPaths>({ token: "t", security: { "GET /v2/app-only/{id}": { bearer: "Authorization" } } });
  });

  it("throws with an app's paths too, by the option alone", async () => {
    const throwing = createAxiomClient<AppPaths>({ token: "t", security: appSecurity, throwOnError: true });
    expectTypeOf(throwing).toEqualTypeOf<AxiomClient<true, AppPaths>>();
    expectTypeOf((await throwing.GET("/v2/app-only/{id}", { params: { path: { id: "a" } } })).data).toEqualTypeOf<{ name: string }>();
    const galileoThrowing = createGalileoClient<AppPaths>({ apiKey: "gk", security: appSecurity, throwOnError: true });
    expectTypeOf(galileoThrowing).toEqualTypeOf<GalileoClient<true, AppPaths>>();
    // Without a type argument, the package's paths, as before.
    expectTypeOf(createAxiomClient({ token: "t", throwOnError: true })).toEqualTypeOf<AxiomClient<true>>();
    expectTypeOf(createGalileoClient({ apiKey: "gk", throwOnError: false })).toEqualTypeOf<GalileoClient<false>>();
  });
});
