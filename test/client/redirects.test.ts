import { describe, expect, it } from "vitest";
import { createGalileoClient, GalaxiomError } from "../../src/index.js";
import { KEY, tokenResponse } from "../helpers/galileo.js";
import { useLoopback } from "../helpers/server.js";

const loopback = useLoopback();

const redirectTo = (status: number, location: string) => (_: unknown, response: import("node:http").ServerResponse) => {
  response.writeHead(status, { location }).end();
};
const answer = (body: unknown) => (_: unknown, response: import("node:http").ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
};

describe("a redirect to another origin", () => {
  it.each([301, 302, 303, 307, 308])("%i is refused, naming both origins, and the other origin gets nothing", async (status) => {
    const elsewhere = await loopback(answer(tokenResponse));
    const api = await loopback(redirectTo(status, `${elsewhere.origin}/steal?key=${KEY}`));
    const error = await createGalileoClient({ apiKey: KEY, baseUrl: api.origin, retry: false })
      .auth.getToken()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(
      `GET /v2/token: ${status} redirect from ${api.origin} to ${elsewhere.origin} not followed: credentials are sent only to ${api.origin}`,
    );
    expect(api.received[0]!.headers["galileo-api-key"]).toBe(KEY);
    expect(elsewhere.received).toEqual([]);
  });

  it.each([307, 308])("%i does not carry the login body, with its API key, to the other origin", async (status) => {
    const elsewhere = await loopback(answer(tokenResponse));
    const api = await loopback(redirectTo(status, `${elsewhere.origin}/v1/login/api_key`));
    const error = await createGalileoClient({ apiKey: KEY, baseUrl: api.origin })
      .auth.loginWithApiKey()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GalaxiomError);
    expect(JSON.parse(api.received[0]!.body)).toEqual({ api_key: KEY });
    expect(elsewhere.received).toEqual([]);
  });

  it("is refused for a raw call too, which would otherwise get the other origin's answer", async () => {
    const elsewhere = await loopback(answer(tokenResponse));
    const api = await loopback(redirectTo(302, `${elsewhere.origin}/v2/token`));
    const galileo = createGalileoClient({ apiKey: KEY, baseUrl: api.origin });
    await expect(galileo.GET("/v2/token")).rejects.toThrow(/302 redirect from .* not followed/);
    expect(elsewhere.received).toEqual([]);
  });
});

describe("a redirect within the origin", () => {
  it("is followed, with the credentials set again", async () => {
    const api = await loopback((request, response) =>
      request.url.startsWith("/v2/token/") ? answer(tokenResponse)(request, response) : redirectTo(307, "/v2/token/")(request, response),
    );
    await expect(createGalileoClient({ apiKey: KEY, baseUrl: api.origin }).auth.getToken()).resolves.toEqual(tokenResponse);
    expect(api.received.map(({ method, url, headers }) => [method, url, headers["galileo-api-key"]])).toEqual([
      ["GET", "/v2/token", KEY],
      ["GET", "/v2/token/", KEY],
    ]);
  });

  it.each([307, 308])("%i keeps the method and sends the body again", async (status) => {
    const api = await loopback((request, response) =>
      request.url == "/v1/login/api_key" ? redirectTo(status, "/v1/login/api_key/")(request, response) : answer(tokenResponse)(request, response),
    );
    await createGalileoClient({ apiKey: KEY, baseUrl: api.origin }).auth.loginWithApiKey();
    expect(api.received.map(({ method, url, body }) => [method, url, body])).toEqual([
      ["POST", "/v1/login/api_key", JSON.stringify({ api_key: KEY })],
      ["POST", "/v1/login/api_key/", JSON.stringify({ api_key: KEY })],
    ]);
  });

  it.each([302, 303])("%i after a POST becomes a GET without the body", async (status) => {
    const api = await loopback((request, response) =>
      request.method == "POST" ? redirectTo(status, "/v1/login/done")(request, response) : answer(tokenResponse)(request, response),
    );
    await createGalileoClient({ apiKey: KEY, baseUrl: api.origin }).auth.loginWithApiKey();
    expect(api.received.map(({ method, url, body, headers }) => [method, url, body, headers["content-type"]])).toEqual([
      ["POST", "/v1/login/api_key", JSON.stringify({ api_key: KEY }), "application/json"],
      ["GET", "/v1/login/done", "", undefined],
    ]);
  });

  it("ends a loop after 5 redirects", async () => {
    const api = await loopback(redirectTo(302, "/v2/token"));
    const error = await createGalileoClient({ apiKey: KEY, baseUrl: api.origin, retry: false })
      .auth.getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe("GET /v2/token: more than 5 redirects");
    expect(api.received).toHaveLength(6);
  });

  it("to an invalid URL is refused without quoting it", async () => {
    const api = await loopback(redirectTo(302, `http://[${KEY}`));
    const error = await createGalileoClient({ apiKey: KEY, baseUrl: api.origin, retry: false })
      .auth.getToken()
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("GET /v2/token: 302 redirect to an invalid URL");
  });
});

it("refuses a redirect whose target the runtime hides (a browser's opaque redirect)", async () => {
  const opaque = Object.defineProperty(new Response(null, { status: 200 }), "type", { value: "opaqueredirect" });
  const error = await createGalileoClient({ apiKey: KEY, fetch: async () => opaque, retry: false })
    .auth.getToken()
    .catch((e: unknown) => e);
  expect((error as Error).message).toBe("GET /v2/token: redirected, and this runtime hides where to: not followed");
});

it("asks the fetch for manual redirects, so that none is followed behind the pipeline's back", async () => {
  const inits: (RequestInit | undefined)[] = [];
  const fetch = async (_: Request, init?: RequestInit) => {
    inits.push(init);
    return Response.json(tokenResponse);
  };
  await createGalileoClient({ apiKey: KEY, fetch }).auth.getToken();
  expect(inits[0]?.redirect).toBe("manual");
});
