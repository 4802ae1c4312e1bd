import { describe, expect, it } from "vitest";
import { createAxiomClient, createGalileoClient, GalaxiomError } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { KEY, tokenResponse } from "../helpers/galileo.js";

const TOKEN = "xaat-arguments-0123456789";

it("reads a path parameter once: a getter cannot pass the check, then answer `..`", async () => {
  const fetch = observedFetch(json(200, {}));
  let reads = 0;
  const path = {
    get id() {
      return reads++ == 0 ? "ok" : "..";
    },
  };
  await createAxiomClient({ token: TOKEN, fetch }).GET("/v2/tokens/{id}", { params: { path } });
  expect(fetch.sent[0]!.url).toBe("https://api.axiom.co/v2/tokens/ok");
  expect(reads).toBe(1);
});

describe("query parameters that cannot be sent are refused, by name, before any I/O", () => {
  it.each([
    ["\uD800", "not well-formed Unicode"],
    [Symbol("x"), "a symbol"],
    [["ok", "\uDC00"], "not well-formed Unicode"],
    [Number.NaN, "NaN"],
  ])("%s", async (value, problem) => {
    const fetch = observedFetch();
    const error = await createGalileoClient({ apiKey: KEY, fetch })
      .auth.getToken({ organization_id: value as string })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(`GET /v2/token: query parameter \`organization_id\` is ${problem}`);
    expect(fetch.sent).toEqual([]);
  });
});

describe("a baseUrl is checked at creation, and never quoted", () => {
  it.each([
    [`not a url?key=${KEY}`, "baseUrl is not an absolute http:// or https:// URL"],
    [`ftp://files.example/${KEY}`, "baseUrl is not an absolute http:// or https:// URL"],
    [`https://ada:${KEY}@api.galileo.ai`, "baseUrl holds credentials (user:password@): pass them as options instead"],
  ])("%s", (baseUrl, message) => {
    expect(() => createGalileoClient({ apiKey: KEY, baseUrl })).toThrow(new GalaxiomError(`createGalileoClient: ${message}`));
  });
});

describe("values the runtime refuses as headers", () => {
  it("a token from the exchange with a line break: a GalaxiomError that does not quote it", async () => {
    const token = "exchanged-0123456789\r\nx-injected: 1";
    const fetch = observedFetch(json(200, { access_token: token, expires_at: "2099-01-01T00:00:00Z" }));
    const error = await createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", fetch })
      .apiKeys.create({ description: "ci" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe("POST /v2/users/api_keys: the bearer credential is not a valid header value (a line break or control character?)");
    expect(JSON.stringify(error) + String(error)).not.toContain("exchanged-0123456789");
    expect(fetch.sent).toHaveLength(1);
  });

  it("a call's own header with a line break: a GalaxiomError", async () => {
    const fetch = observedFetch(json(200, tokenResponse));
    const error = await createGalileoClient({ apiKey: KEY, fetch })
      .GET("/v2/token", { headers: { "x-trace": "a\r\nb" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe("GET /v2/token: the header `x-trace` has a value that can't be sent (a line break or NUL); the value is not shown");
    expect(fetch.sent).toEqual([]);
  });
});

it("a success whose body is not JSON rejects a raw call with a GalaxiomError", async () => {
  const fetch = observedFetch(new Response("{not json", { headers: { "content-type": "application/json" } }));
  const error = await createGalileoClient({ apiKey: KEY, fetch })
    .GET("/v2/token")
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GalaxiomError);
  expect((error as Error).message).toMatch(/^GET \/v2\/token: the response body is not valid JSON/);
});
