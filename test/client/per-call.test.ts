import { describe, expect, it } from "vitest";
import { createAxiomClient, createGalileoClient, TimeoutError } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { createdKey, instant, KEY, tokenResponse } from "../helpers/galileo.js";

const TOKEN = "xaat-0123456789abcdef";

describe("a call's own fetch", () => {
  it("replaces the client's for that call only, with credentials, retries and the attempt's signal", async () => {
    const client = observedFetch(json(200, { id: "t2" }));
    const own = observedFetch(json(503, {}), json(200, { id: "t1" }));
    const axiom = createAxiomClient({ token: TOKEN, fetch: client, clock: instant });
    const { data } = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t1" } }, fetch: own });
    expect(data).toEqual({ id: "t1" });
    expect(own.sent).toHaveLength(2);
    expect(own.sent[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(own.sent[1]!.signal).toBeInstanceOf(AbortSignal);
    expect(client.sent).toHaveLength(0);
    await axiom.tokens.get("t2");
    expect(client.sent).toHaveLength(1);
  });

  it("is held to the call's timeout, and to the redirect rule", async () => {
    const axiom = createAxiomClient({ token: TOKEN, fetch: observedFetch(json(200, {})), retry: false });
    await expect(axiom.tokens.get("t1", { fetch: observedFetch("hang"), timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    const away = new Response(null, { status: 302, headers: { location: "https://elsewhere.example/steal" } });
    const own = observedFetch(away);
    await expect(axiom.tokens.get("t1", { fetch: own })).rejects.toThrow("redirect from https://api.axiom.co to https://elsewhere.example not followed");
    expect(own.sent).toHaveLength(1);
  });
});

describe("a helper's own headers", () => {
  it("go with the request, next to the credentials", async () => {
    const fetch = observedFetch(json(200, tokenResponse), json(200, tokenResponse), json(200, createdKey), json(200, { id: "t1" }));
    const galileo = createGalileoClient({ apiKey: KEY, fetch });
    await galileo.auth.getToken({}, { headers: { "X-Trace": "1" } });
    await galileo.auth.loginWithApiKey(undefined, { headers: new Headers({ "X-Trace": "2" }) });
    await galileo.apiKeys.create({ description: "ci" }, { headers: { "X-Trace": 3 } });
    await createAxiomClient({ token: TOKEN, fetch }).tokens.get("t1", { headers: { "X-Trace": "4" } });
    expect(fetch.sent.map((sent) => sent.headers["x-trace"])).toEqual(["1", "2", "3", "4"]);
    expect(fetch.sent[2]!.headers["galileo-api-key"]).toBe(KEY);
  });
});

describe("openapi-fetch's serializers, on the client", () => {
  it("querySerializer shapes every query string", async () => {
    const fetch = observedFetch(json(200, tokenResponse));
    const galileo = createGalileoClient({ apiKey: KEY, fetch, querySerializer: (query) => `org=${String(query.organization_slug)}` });
    await galileo.GET("/v2/token", { params: { query: { organization_slug: "acme" } } });
    expect(fetch.sent[0]!.url).toBe("https://api.galileo.ai/v2/token?org=acme");
  });

  it("bodySerializer shapes every body", async () => {
    const fetch = observedFetch(json(200, createdKey));
    const galileo = createGalileoClient({ apiKey: KEY, fetch, bodySerializer: (body: unknown) => new URLSearchParams(body as Record<string, string>) });
    await galileo.apiKeys.create({ description: "ci" });
    expect(fetch.sent[0]!.body).toBe("description=ci");
  });
});
