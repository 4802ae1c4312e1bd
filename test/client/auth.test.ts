import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, createAxiomClient, createGalileoClient, GalaxiomError, TOKEN_POLICY } from "../../src/index.js";
import { json, jwt, observedFetch } from "../helpers/fetch.js";
import { createdKey as created, GALILEO, KEY } from "../helpers/galileo.js";
import { capture, useNock, type Captured } from "../helpers/nock.js";

const nock = useNock();
const T0 = Date.parse("2026-11-23T00:00:00Z");
const MINUTE = 60_000;

const token = (name: string, expiresInMs = 10 * MINUTE) => ({
  access_token: `jwt-${name}-0123456789`,
  token_type: "bearer",
  expires_at: new Date(Date.now() + expiresInMs).toISOString(),
});
/** How many token exchanges (v2 token or v1 login) were sent. */
const exchangesIn = (sent: { url: string }[]) => sent.filter((request) => /\/(v2\/token|v1\/login\/api_key)$/.test(request.url)).length;
const bearers = (sent: { url: string; headers: Record<string, string> }[]) =>
  sent.map((request) => `${new URL(request.url).pathname} ${request.headers.authorization ?? request.headers["galileo-api-key"]}`);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("Galileo credentials, by mode", () => {
  it("{ apiKey } as an async function: read for each request, so a rotated key is picked up", async () => {
    const keys = ["gk-first-0123456789", "gk-second-0123456789"];
    const fetch = observedFetch(json(200, token("a")), json(200, token("b")));
    const galileo = createGalileoClient({ apiKey: async () => keys.shift()!, fetch });
    await galileo.auth.getToken();
    await galileo.auth.getToken();
    expect(fetch.sent.map((request) => request.headers["galileo-api-key"])).toEqual(["gk-first-0123456789", "gk-second-0123456789"]);
  });

  it("{ username, password }: HTTP basic, no key, even with GALILEO_API_KEY set", async () => {
    vi.stubEnv("GALILEO_API_KEY", KEY);
    const fetch = observedFetch(json(200, token("a")));
    await createGalileoClient({ username: "ada@example.test", password: "pa:ss-wörd", fetch }).auth.getToken();
    expect(fetch.sent[0]!.headers.authorization).toBe(`Basic ${Buffer.from("ada@example.test:pa:ss-wörd").toString("base64")}`);
    expect(fetch.sent[0]!.headers["galileo-api-key"]).toBeUndefined();
  });

  it("{ accessToken }: a fixed bearer token", async () => {
    const fetch = observedFetch(json(200, created));
    await createGalileoClient({ accessToken: "jwt-fixed-0123456789", fetch }).apiKeys.create({ description: "ci" });
    expect(fetch.sent[0]!.headers.authorization).toBe("Bearer jwt-fixed-0123456789");
    expect(fetch.sent[0]!.headers["galileo-api-key"]).toBeUndefined();
  });

  it.each([
    ["undefined", () => undefined],
    ["an empty string", () => ""],
    ["a number, asynchronously", async () => 42],
  ])("an apiKey function returning %s: a GalaxiomError saying so, and nothing sent", async (_, apiKey) => {
    const fetch = observedFetch();
    const error = await createGalileoClient({ apiKey: apiKey as () => string, fetch })
      .auth.getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toMatch(/the apiKey function returned no key/);
    expect(fetch.sent).toEqual([]);
  });

  it.each(["\n", "\r", "\r\n"])("refuses a key with a line break (%j), without quoting it: a string at creation, a function's per call", async (lineBreak) => {
    const key = `gk-broken-0123${lineBreak}456789`;
    const created = (() => {
      try {
        return createGalileoClient({ apiKey: key });
      } catch (e) {
        return e;
      }
    })();
    const fetch = observedFetch();
    const called = await createGalileoClient({ apiKey: async () => key, fetch })
      .auth.getToken()
      .catch((e: unknown) => e);
    for (const error of [created, called]) {
      expect(error).toBeInstanceOf(GalaxiomError);
      expect((error as Error).message).toMatch(/the API key (from the apiKey function )?contains a line break/);
      expect(JSON.stringify(error) + (error as Error).stack).not.toContain("0123");
    }
    expect(fetch.sent).toEqual([]);
  });

  it("refuses an access token or an Axiom token with a line break at creation, without quoting it", () => {
    expect(() => createGalileoClient({ accessToken: "jwt-broken-0123\n456789" })).toThrow(
      /^createGalileoClient: the access token contains a line break[^0-9]*$/,
    );
    expect(() => createAxiomClient({ token: "xaat-broken-0123\n456789" })).toThrow(/^createAxiomClient: the token contains a line break[^0-9]*$/);
  });

  it("refuses organization options without the v2 token exchange", () => {
    expect(() => createGalileoClient({ apiKey: KEY, tokenExchange: "v1-login", organizationId: "org" } as never)).toThrow(
      /organizationId and organizationSlug need tokenExchange "v2-token"/,
    );
  });
});

describe("token exchange", () => {
  it("100 parallel calls on a cold client make exactly 1 exchange, with the API key; the calls carry its token", async () => {
    const exchanges: Captured[] = [];
    const calls: Captured[] = [];
    nock(GALILEO)
      .get("/v2/token")
      .query({ organization_slug: "acme" })
      .reply(capture(exchanges, 200, token("a")));
    nock(GALILEO)
      .post("/v2/users/api_keys")
      .times(100)
      .reply(capture(calls, 200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", organizationSlug: "acme" });

    await Promise.all(Array.from({ length: 100 }, () => galileo.apiKeys.create({ description: "ci" })));

    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.headers["galileo-api-key"]).toBe(KEY);
    expect(exchanges[0]!.headers.authorization).toBeUndefined();
    expect(calls).toHaveLength(100);
    expect(new Set(calls.map((call) => call.headers.authorization))).toEqual(new Set(["Bearer jwt-a-0123456789"]));
    expect(calls.some((call) => call.headers["galileo-api-key"])).toBe(false);
  });

  it("the auth helpers of an exchanging client use the API key itself", async () => {
    const fetch = observedFetch(json(200, token("a")));
    await createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch }).auth.getToken({ organization_id: "org-1" });
    expect(bearers(fetch.sent)).toEqual([`/v2/token ${KEY}`]);
  });

  it("reuses the token until refresh-ahead, then refreshes in the background while still using it", async () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const tokens = [token("a"), token("b")];
    const fetch = observedFetch((request) => json(200, request.url.endsWith("/v2/token") ? tokens.shift() : created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch });

    await galileo.apiKeys.create({ description: "ci" });
    vi.setSystemTime(T0 + 10 * MINUTE - TOKEN_POLICY.refreshAheadMs - 1_000);
    await galileo.apiKeys.create({ description: "ci" });
    expect(fetch.sent).toHaveLength(3);
    vi.setSystemTime(T0 + 10 * MINUTE - TOKEN_POLICY.refreshAheadMs + 1_000);
    await galileo.apiKeys.create({ description: "ci" });
    await vi.waitFor(() => expect(tokens).toEqual([]));
    await galileo.apiKeys.create({ description: "ci" });

    expect(bearers(fetch.sent).sort()).toEqual(
      [
        `/v2/token ${KEY}`,
        "/v2/users/api_keys Bearer jwt-a-0123456789",
        "/v2/users/api_keys Bearer jwt-a-0123456789",
        "/v2/users/api_keys Bearer jwt-a-0123456789",
        `/v2/token ${KEY}`,
        "/v2/users/api_keys Bearer jwt-b-0123456789",
      ].sort(),
    );
    expect(bearers(fetch.sent).at(-1)).toBe("/v2/users/api_keys Bearer jwt-b-0123456789");
  });

  it("never sends a token within the skew of its expiry: the call waits for a fresh one", async () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const fetch = observedFetch(json(200, token("a")), json(200, created), json(200, token("b")), json(200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch });

    await galileo.apiKeys.create({ description: "ci" });
    vi.setSystemTime(T0 + 10 * MINUTE - TOKEN_POLICY.skewMs + 1);
    await galileo.apiKeys.create({ description: "ci" });

    expect(bearers(fetch.sent)).toEqual([
      `/v2/token ${KEY}`,
      "/v2/users/api_keys Bearer jwt-a-0123456789",
      `/v2/token ${KEY}`,
      "/v2/users/api_keys Bearer jwt-b-0123456789",
    ]);
  });

  it("a failed exchange reaches every waiter, and the next call tries again", async () => {
    const fetch = observedFetch(json(401, { detail: "Invalid API key" }), json(200, token("b")), json(200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch });

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => galileo.apiKeys.create({ description: "ci" })));

    expect(results.map((result) => result.status)).toEqual(Array(10).fill("rejected"));
    const errors = results.map((result) => (result as PromiseRejectedResult).reason as AuthenticationError);
    expect(errors.every((error) => error instanceof AuthenticationError && error.operation.path === "/v2/token")).toBe(true);
    expect(fetch.sent).toHaveLength(1);

    await expect(galileo.apiKeys.create({ description: "ci" })).resolves.toMatchObject({ id: created.id });
    expect(bearers(fetch.sent).slice(1)).toEqual([`/v2/token ${KEY}`, "/v2/users/api_keys Bearer jwt-b-0123456789"]);
  });

  it("a 401 drops the token and replays the request once with a fresh one", async () => {
    const fetch = observedFetch(json(200, token("a")), json(401, { detail: "expired" }), json(200, token("b")), json(200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch });

    await expect(galileo.apiKeys.create({ description: "ci" })).resolves.toMatchObject({ id: created.id });

    expect(bearers(fetch.sent)).toEqual([
      `/v2/token ${KEY}`,
      "/v2/users/api_keys Bearer jwt-a-0123456789",
      `/v2/token ${KEY}`,
      "/v2/users/api_keys Bearer jwt-b-0123456789",
    ]);
    expect(fetch.sent[3]!.body).toBe(JSON.stringify({ description: "ci" }));
  });

  it("replays only once: a second 401 is the caller's", async () => {
    const fetch = observedFetch(json(200, token("a")), json(401, {}), json(200, token("b")), json(401, {}));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch });

    await expect(galileo.apiKeys.create({ description: "ci" })).rejects.toBeInstanceOf(AuthenticationError);
    expect(fetch.sent).toHaveLength(4);
  });

  it("does not replay a 401 on a credential that cannot be renewed", async () => {
    const fetch = observedFetch(json(401, {}));
    await expect(createGalileoClient({ apiKey: KEY, fetch }).apiKeys.create({ description: "ci" })).rejects.toBeInstanceOf(AuthenticationError);
    expect(fetch.sent).toHaveLength(1);
  });

  it("v1-login: the key in the body, no credential header, and the JWT's exp as the expiry", async () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const login = (name: string) => json(200, { access_token: jwt({ sub: name, exp: Date.now() / 1000 + 300 }), token_type: "bearer" });
    const fetch = observedFetch(login("a"), json(200, created), () => login("b"), json(200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v1-login", fetch });

    await galileo.apiKeys.create({ description: "ci" });
    vi.setSystemTime(T0 + 5 * MINUTE - TOKEN_POLICY.skewMs + 1);
    await galileo.apiKeys.create({ description: "ci" });

    expect(fetch.sent.map((request) => request.url.replace(GALILEO, ""))).toEqual([
      "/v1/login/api_key",
      "/v2/users/api_keys",
      "/v1/login/api_key",
      "/v2/users/api_keys",
    ]);
    expect(fetch.sent[0]!.body).toBe(JSON.stringify({ api_key: KEY }));
    expect(fetch.sent[0]!.headers).not.toHaveProperty("authorization");
    expect(fetch.sent[0]!.headers).not.toHaveProperty("galileo-api-key");
    expect(JSON.parse(atob(fetch.sent[3]!.headers.authorization!.split(".")[1]!))).toMatchObject({ sub: "b" });
  });

  it("v1-login without a JWT exp: the default lifetime", async () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const login = { access_token: "opaque-token-0123456789", token_type: "bearer" };
    const fetch = observedFetch(json(200, login), json(200, created), json(200, created), json(200, login), json(200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v1-login", fetch });

    await galileo.apiKeys.create({ description: "ci" });
    vi.setSystemTime(T0 + TOKEN_POLICY.defaultLifetimeMs - TOKEN_POLICY.refreshAheadMs - 1);
    await galileo.apiKeys.create({ description: "ci" });
    expect(fetch.sent).toHaveLength(3);
    vi.setSystemTime(T0 + TOKEN_POLICY.defaultLifetimeMs);
    await galileo.apiKeys.create({ description: "ci" });
    expect(fetch.sent.map((request) => new URL(request.url).pathname)).toEqual([
      "/v1/login/api_key",
      "/v2/users/api_keys",
      "/v2/users/api_keys",
      "/v1/login/api_key",
      "/v2/users/api_keys",
    ]);
  });

  it("reads a naive expires_at (no offset) as UTC", async () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const naive = { ...token("a"), expires_at: "2026-11-23T00:01:00" };
    const fetch = observedFetch(json(200, naive), json(200, created), json(200, token("b")), json(200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch });

    await galileo.apiKeys.create({ description: "ci" });
    vi.setSystemTime(T0 + MINUTE - 1_000);
    await galileo.apiKeys.create({ description: "ci" });
    expect(fetch.sent[3]!.headers.authorization).toBe("Bearer jwt-b-0123456789");
  });

  it("a token stated to expire already (a clock hours ahead of the server's) is used for the default lifetime, not exchanged per call", async () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const stale = { ...token("a"), expires_at: new Date(T0 - 3 * 60 * MINUTE).toISOString() };
    const fetch = observedFetch((request) => json(200, request.url.endsWith("/v2/token") ? stale : created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch });

    for (let call = 0; call < 5; call++) await galileo.apiKeys.create({ description: "ci" });
    expect(exchangesIn(fetch.sent)).toBe(1);
    vi.setSystemTime(T0 + TOKEN_POLICY.defaultLifetimeMs - TOKEN_POLICY.skewMs + 1);
    await galileo.apiKeys.create({ description: "ci" });
    expect(exchangesIn(fetch.sent)).toBe(2);
  });

  it("a JWT stated to expire already is used for the lifetime it states (exp - iat), from now", async () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const issued = T0 / 1000 - 3 * 3600;
    const login = json(200, { access_token: jwt({ sub: "a", iat: issued, exp: issued + 300 }), token_type: "bearer" });
    const fetch = observedFetch(login, json(200, created), json(200, created), () => json(200, { access_token: "opaque-0123456789" }), json(200, created));
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v1-login", fetch });

    await galileo.apiKeys.create({ description: "ci" });
    vi.setSystemTime(T0 + 5 * MINUTE - TOKEN_POLICY.refreshAheadMs - 1);
    await galileo.apiKeys.create({ description: "ci" });
    expect(exchangesIn(fetch.sent)).toBe(1);
    vi.setSystemTime(T0 + 5 * MINUTE - TOKEN_POLICY.skewMs + 1);
    await galileo.apiKeys.create({ description: "ci" });
    expect(exchangesIn(fetch.sent)).toBe(2);
  });

  it("an exchange answer without an access_token is a clean error, not a crash", async () => {
    const fetch = observedFetch(json(200, { token_type: "bearer" }));
    const error = await createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch })
      .apiKeys.create({ description: "ci" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe("GET /v2/token: the response has no access_token");
  });
});

describe("transport", () => {
  it("refuses plain http:// to a remote host at creation, and says why", () => {
    expect(() => createGalileoClient({ apiKey: KEY, baseUrl: "http://galileo.example.test" })).toThrow(
      "createGalileoClient: refusing to send a request over http:// to galileo.example.test: use https://, or a loopback host",
    );
    expect(() => createAxiomClient({ token: "xaat-0123456789", baseUrl: "http://axiom.example.test/v2" })).toThrow(GalaxiomError);
  });

  it.each(["http://127.0.0.1:8080", "http://localhost:3000", "http://[::1]:9000"])("allows plain http:// to loopback %s", async (baseUrl) => {
    const fetch = observedFetch(json(200, token("a")));
    await createGalileoClient({ apiKey: KEY, baseUrl, fetch }).auth.getToken();
    expect(fetch.sent[0]!.url.startsWith(baseUrl)).toBe(true);
  });

  it("checks a per-call baseUrl too, before anything is sent", async () => {
    const fetch = observedFetch();
    const galileo = createGalileoClient({ apiKey: KEY, fetch });
    await expect(galileo.GET("/v2/token", { baseUrl: "http://galileo.example.test" })).rejects.toThrow(
      /refusing to send a request over http:\/\/ to galileo.example.test/,
    );
    expect(fetch.sent).toEqual([]);
  });
});

describe("Axiom personal tokens", () => {
  beforeEach(() => vi.stubEnv("AXIOM_ORG_ID", ""));

  it("refuses a personal token without an org id before any request", () => {
    expect(() => createAxiomClient({ token: "xapt-0123456789abcdef" })).toThrow(
      "createAxiomClient: a personal token (xapt-…) needs the organization: pass `orgId` or set AXIOM_ORG_ID",
    );
  });

  it("accepts a personal token with an org id, and an API token without one", async () => {
    const fetch = observedFetch(json(200, {}), json(200, {}));
    await createAxiomClient({ token: "xapt-0123456789abcdef", orgId: "acme", fetch }).GET("/v2/tokens/{id}", { params: { path: { id: "a" } } });
    await createAxiomClient({ token: "xaat-0123456789abcdef", fetch }).GET("/v2/tokens/{id}", { params: { path: { id: "a" } } });
    expect(fetch.sent.map((request) => request.headers["x-axiom-org-id"])).toEqual(["acme", undefined]);
  });
});
