import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, createGalileoClient, GalaxiomError } from "../../src/index.js";
import { capture, useNock, type Captured } from "../helpers/nock.js";
import { createdKey, GALILEO, KEY, tokenResponse } from "../helpers/galileo.js";

const nock = useNock();

afterEach(() => vi.unstubAllEnvs());

const validationError = { detail: [{ loc: ["body", "description"], msg: "Field required", type: "missing" }] };

describe("GET /v2/token", () => {
  it("sends the organization query and the API key header, and returns the typed token", async () => {
    const seen: Captured[] = [];
    nock(GALILEO)
      .get("/v2/token")
      .query({ organization_slug: "acme" })
      .reply(capture(seen, 200, tokenResponse));
    const galileo = createGalileoClient({ apiKey: KEY });

    const { data, error } = await galileo.GET("/v2/token", { params: { query: { organization_slug: "acme" } } });

    expect(error).toBeUndefined();
    expect(data?.expires_at).toBe("2026-12-01T00:00:00Z");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("GET");
    expect(seen[0]!.path).toBe("/v2/token?organization_slug=acme");
    expect(seen[0]!.headers["galileo-api-key"]).toBe(KEY);
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.headers["content-type"]).toBeUndefined();
  });

  it("helper auth.getToken returns the data", async () => {
    nock(GALILEO).get("/v2/token").query({ organization_id: "7f1d3c52-0000-4000-8000-000000000003" }).reply(200, tokenResponse);
    const galileo = createGalileoClient({ apiKey: KEY });
    await expect(galileo.auth.getToken({ organization_id: "7f1d3c52-0000-4000-8000-000000000003" })).resolves.toEqual(tokenResponse);
  });
});

describe("POST /v1/login/api_key", () => {
  it("carries the key in the JSON body and no credential header (its security is [])", async () => {
    const seen: Captured[] = [];
    nock(GALILEO)
      .post("/v1/login/api_key")
      .reply(capture(seen, 200, { access_token: "jwt-login", token_type: "bearer" }));
    const galileo = createGalileoClient({ apiKey: KEY });

    const { data } = await galileo.POST("/v1/login/api_key", { body: { api_key: KEY } });

    expect(data).toEqual({ access_token: "jwt-login", token_type: "bearer" });
    expect(seen[0]!.body).toEqual({ api_key: KEY });
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(seen[0]!.headers["galileo-api-key"]).toBeUndefined();
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it("helper loginWithApiKey uses the client's key unless one is passed", async () => {
    const seen: Captured[] = [];
    nock(GALILEO)
      .post("/v1/login/api_key")
      .twice()
      .reply(capture(seen, 200, { access_token: "jwt-login", token_type: "bearer" }));
    const galileo = createGalileoClient({ apiKey: KEY });

    await galileo.auth.loginWithApiKey();
    await galileo.auth.loginWithApiKey("gk-other-key-456");

    expect(seen.map((request) => request.body)).toEqual([{ api_key: KEY }, { api_key: "gk-other-key-456" }]);
  });
});

describe("POST /v2/users/api_keys", () => {
  it("sends the JSON body with the API key header and returns the created key", async () => {
    const seen: Captured[] = [];
    nock(GALILEO)
      .post("/v2/users/api_keys")
      .reply(capture(seen, 200, createdKey));
    const galileo = createGalileoClient({ apiKey: KEY });

    const { data } = await galileo.POST("/v2/users/api_keys", { body: { description: "ci", project_role: "viewer" } });

    expect(data?.api_key).toBe("gk-new-secret-value");
    expect(seen[0]!.body).toEqual({ description: "ci", project_role: "viewer" });
    expect(seen[0]!.headers["galileo-api-key"]).toBe(KEY);
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it("helper apiKeys.create throws ApiError with typed validation detail on 422", async () => {
    nock(GALILEO).post("/v2/users/api_keys").reply(422, validationError);
    const galileo = createGalileoClient({ apiKey: KEY });

    const error = await galileo.apiKeys.create({ description: "" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(GalaxiomError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.operation).toEqual({ method: "POST", path: "/v2/users/api_keys" });
    expect(apiError.detail).toEqual(validationError.detail);
    expect(apiError.detail?.[0]?.loc).toEqual(["body", "description"]);
    expect(apiError.message).toBe("POST /v2/users/api_keys: 422 Unprocessable Entity: body.description: Field required");
  });

  it("a non-JSON error body gives an ApiError with a short excerpt", async () => {
    nock(GALILEO)
      .post("/v2/users/api_keys")
      .reply(502, `<html><body>${"Bad gateway ".repeat(50)}</body></html>`, { "content-type": "text/html" });
    const galileo = createGalileoClient({ apiKey: KEY });

    const error = (await galileo.apiKeys.create({ description: "ci" }).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.detail).toBeUndefined();
    expect(typeof error.body).toBe("string");
    expect(error.message).toMatch(/^POST \/v2\/users\/api_keys: 502 Bad Gateway: <html><body>Bad gateway/);
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("configuration", () => {
  it("refuses to create a client without a key, naming the option and the variable", () => {
    vi.stubEnv("GALILEO_API_KEY", "");
    expect(() => createGalileoClient()).toThrow(GalaxiomError);
    expect(() => createGalileoClient()).toThrow(/pass `apiKey` or set GALILEO_API_KEY/);
  });

  it("reads GALILEO_API_KEY and GALILEO_API_URL; explicit options win", async () => {
    vi.stubEnv("GALILEO_API_KEY", "gk-from-env-1234");
    vi.stubEnv("GALILEO_API_URL", "https://galileo.example.test/");
    const seen: Captured[] = [];
    nock("https://galileo.example.test")
      .get("/v2/token")
      .reply(capture(seen, 200, tokenResponse));
    nock("https://other.example.test")
      .get("/v2/token")
      .reply(capture(seen, 200, tokenResponse));

    await createGalileoClient().auth.getToken();
    await createGalileoClient({ apiKey: KEY, baseUrl: "https://other.example.test" }).auth.getToken();

    expect(seen.map((request) => request.headers["galileo-api-key"])).toEqual(["gk-from-env-1234", KEY]);
  });

  it("uses a custom fetch and headers", async () => {
    const requests: Request[] = [];
    const galileo = createGalileoClient({
      apiKey: KEY,
      headers: { "User-Agent": "my-app/1.0" },
      fetch: async (request) => {
        requests.push(request);
        return Response.json(tokenResponse);
      },
    });
    await galileo.auth.getToken();
    expect(requests[0]!.url).toBe("https://api.galileo.ai/v2/token");
    expect(requests[0]!.headers.get("user-agent")).toBe("my-app/1.0");
    expect(requests[0]!.headers.get("galileo-api-key")).toBe(KEY);
  });
});

describe("secrets", () => {
  it("never appear in an ApiError's message, properties or JSON, even when the server echoes them", async () => {
    const echoed = { detail: [{ loc: ["body", "api_key"], msg: `invalid key ${KEY}`, type: "value_error", input: KEY }], api_key: KEY };
    nock(GALILEO).post("/v1/login/api_key").reply(401, echoed, { "x-request-id": "req-123" });
    const galileo = createGalileoClient({ apiKey: KEY });

    const error = (await galileo.auth.loginWithApiKey().catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(401);
    expect(error.requestId).toBe("req-123");
    const serialised = [error.message, JSON.stringify(error), String(error.stack), JSON.stringify(error.body)].join("\n");
    expect(serialised).not.toContain(KEY);
    expect(serialised).toContain("[REDACTED]");
  });
});
