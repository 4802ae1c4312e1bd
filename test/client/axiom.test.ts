import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, createAxiomClient, GalaxiomError } from "../../src/index.js";
import { capture, useNock, type Captured } from "../helpers/nock.js";

const nock = useNock();
const TOKEN = "xaat-0123456789abcdef";
const BASE = "https://api.axiom.co";

afterEach(() => vi.unstubAllEnvs());

const apiToken = {
  id: "abc",
  name: "ingest",
  datasetCapabilities: { logs: { ingest: ["create"] } },
  orgCapabilities: { apiTokens: ["read"] },
  expiresAt: null,
};

describe("GET /v2/tokens/{id}", () => {
  it("requests /v2/tokens/{id} with the bearer token and org id, and returns the typed token", async () => {
    const seen: Captured[] = [];
    nock(BASE)
      .get("/v2/tokens/abc")
      .reply(capture(seen, 200, apiToken));
    const axiom = createAxiomClient({ token: TOKEN, orgId: "acme-x1y2" });

    const { data, error } = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "abc" } } });

    expect(error).toBeUndefined();
    expect(data?.orgCapabilities.apiTokens).toEqual(["read"]);
    expect(seen[0]!.method).toBe("GET");
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers["x-axiom-org-id"]).toBe("acme-x1y2");
    expect(seen[0]!.headers["galileo-api-key"]).toBeUndefined();
  });

  it("helper tokens.get returns the data and omits the org header when no org id is set", async () => {
    vi.stubEnv("AXIOM_ORG_ID", "");
    const seen: Captured[] = [];
    nock(BASE)
      .get("/v2/tokens/abc")
      .reply(capture(seen, 200, apiToken));
    await expect(createAxiomClient({ token: TOKEN }).tokens.get("abc")).resolves.toEqual(apiToken);
    expect(seen[0]!.headers["x-axiom-org-id"]).toBeUndefined();
  });

  it("helper throws ApiError naming the operation, with the parsed body", async () => {
    nock(BASE).get("/v2/tokens/nope").reply(404, { message: "token not found" });
    const error = (await createAxiomClient({ token: TOKEN })
      .tokens.get("nope")
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.operation).toEqual({ method: "GET", path: "/v2/tokens/{id}" });
    expect(error.body).toEqual({ message: "token not found" });
    expect(error.message).toBe("GET /v2/tokens/{id}: 404 Not Found: token not found");
  });
});

describe("configuration", () => {
  it("refuses to create a client without a token, naming the option and the variable", () => {
    vi.stubEnv("AXIOM_TOKEN", "");
    expect(() => createAxiomClient()).toThrow(GalaxiomError);
    expect(() => createAxiomClient()).toThrow(/pass `token` or set AXIOM_TOKEN/);
  });

  it("reads AXIOM_TOKEN, AXIOM_ORG_ID and AXIOM_URL (the origin); explicit options win", async () => {
    vi.stubEnv("AXIOM_TOKEN", "xaat-from-env-1234");
    vi.stubEnv("AXIOM_ORG_ID", "env-org");
    vi.stubEnv("AXIOM_URL", "https://axiom.example.test/");
    const seen: Captured[] = [];
    nock("https://axiom.example.test")
      .get("/v2/tokens/abc")
      .reply(capture(seen, 200, apiToken));
    nock("https://eu.example.test")
      .get("/v2/tokens/abc")
      .reply(capture(seen, 200, apiToken));

    await createAxiomClient().tokens.get("abc");
    await createAxiomClient({ token: TOKEN, orgId: "explicit-org", baseUrl: "https://eu.example.test" }).tokens.get("abc");

    expect(seen.map((request) => [request.headers.authorization, request.headers["x-axiom-org-id"]])).toEqual([
      ["Bearer xaat-from-env-1234", "env-org"],
      [`Bearer ${TOKEN}`, "explicit-org"],
    ]);
  });

  it("finds nock even when the client was created before the interceptor existed", async () => {
    const axiom = createAxiomClient({ token: TOKEN });
    nock(BASE)
      .get("/v2/tokens/late")
      .reply(200, { ...apiToken, id: "late" });
    await expect(axiom.tokens.get("late")).resolves.toMatchObject({ id: "late" });
  });
});
