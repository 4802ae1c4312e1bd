import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  createAxiomClient,
  createGalileoClient,
  GalaxiomError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { useNock } from "../helpers/nock.js";
import { GALILEO, KEY } from "../helpers/galileo.js";

const nock = useNock();

/** The error a helper throws for one response (a POST, so that nothing is retried). */
async function errorFor(response: Response): Promise<ApiError> {
  const galileo = createGalileoClient({ apiKey: KEY, fetch: observedFetch(response) });
  return (await galileo.apiKeys.create({ description: "ci" }).catch((e: unknown) => e)) as ApiError;
}

describe("the error family", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, ApiError],
  ])("a %i is a %o, an ApiError and a GalaxiomError", async (status, ErrorClass) => {
    const error = await errorFor(json(status, { message: "nope" }));
    expect(error.constructor).toBe(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
    expect(error.operation).toEqual({ method: "POST", path: "/v2/users/api_keys" });
  });

  it("a 422 has its validation issues as typed detail[], and an empty list when the body is off-spec", async () => {
    const issues = [{ loc: ["body", "description"], msg: "Field required", type: "missing" }];
    const error = (await errorFor(json(422, { detail: issues }))) as UnprocessableEntityError;
    expect(error.detail).toEqual(issues);
    expect(error.message).toBe("POST /v2/users/api_keys: 422: body.description: Field required");
    expect(((await errorFor(json(422, { detail: "bad" }))) as UnprocessableEntityError).detail).toEqual([]);
  });

  it("a 429 says how long the server asked to wait", async () => {
    const error = (await errorFor(json(429, {}, { "retry-after": "7" }))) as RateLimitError;
    expect(error.retryAfterMs).toBe(7_000);
    expect(((await errorFor(json(429, {}))) as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it("carries the server's request id, in a property and in the message", async () => {
    const error = await errorFor(json(404, { message: "no such project" }, { "x-request-id": "req-42" }));
    expect(error.requestId).toBe("req-42");
    expect(error.message).toBe("POST /v2/users/api_keys: 404: no such project (request id req-42)");
    expect((await errorFor(json(500, {}, { "x-axiom-trace-id": "trace-7" }))).requestId).toBe("trace-7");
  });

  it("masks a secret in the request id, wherever the id is shown", async () => {
    const error = await errorFor(json(404, { message: "no such project" }, { "x-request-id": `rid-${KEY}` }));
    expect(error.requestId).toBe("rid-[REDACTED]");
    expect(error.headers["x-request-id"]).toBe("rid-[REDACTED]");
    expect([error.message, JSON.stringify(error), inspect(error, { showHidden: true })].join("\n")).not.toContain(KEY);
  });

  it("keeps the response headers, masking secret-looking ones", async () => {
    const error = await errorFor(json(403, {}, { "set-cookie": "session=abc123456789", "x-ratelimit-remaining": "0" }));
    expect(error.headers).toMatchObject({ "set-cookie": "[REDACTED]", "x-ratelimit-remaining": "0" });
  });
});

describe("bodies that are not what the spec says", () => {
  it("an HTML error page gives an ApiError with a short excerpt", async () => {
    nock(GALILEO)
      .post("/v2/users/api_keys")
      .reply(502, `<html><body>${"Bad gateway ".repeat(50)}</body></html>`, { "content-type": "text/html" });
    const error = (await createGalileoClient({ apiKey: KEY })
      .apiKeys.create({ description: "ci" })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ServerError);
    expect(typeof error.body).toBe("string");
    expect(error.message).toMatch(/^POST \/v2\/users\/api_keys: 502 Bad Gateway: <html><body>Bad gateway Bad gateway/);
    expect(error.message.length).toBeLessThan(250);
  });

  it("an empty error body gives the status alone", async () => {
    nock(GALILEO).post("/v2/users/api_keys").reply(500);
    const error = await createGalileoClient({ apiKey: KEY })
      .apiKeys.create({ description: "ci" })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("POST /v2/users/api_keys: 500 Internal Server Error");
  });

  it("a success that is not JSON gives a GalaxiomError quoting its start, from a helper", async () => {
    nock(GALILEO).get("/v2/token").reply(200, "<html>captive portal</html>", { "content-type": "text/html" });
    const error = await createGalileoClient({ apiKey: KEY })
      .auth.getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toMatch(/^GET \/v2\/token: the response body is not valid JSON: .*<html>/);
  });
});

describe("serialising", () => {
  it("JSON.stringify gives the name, message and properties, and util.inspect works", async () => {
    const error = await errorFor(json(409, { message: "exists" }, { "x-request-id": "req-9" }));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ConflictError",
      message: "POST /v2/users/api_keys: 409: exists (request id req-9)",
      operation: { method: "POST", path: "/v2/users/api_keys" },
      status: 409,
      body: { message: "exists" },
      requestId: "req-9",
      headers: { "content-type": "application/json", "x-request-id": "req-9" },
    });
    expect(inspect(error)).toContain("ConflictError: POST /v2/users/api_keys: 409: exists");
  });

  it("keeps no Request, Headers or Response on an error", async () => {
    const galileo = createAxiomClient({ token: "xaat-0123456789abcdef", fetch: observedFetch(json(404, {}), new TypeError("fetch failed")), retry: false });
    const errors = [await galileo.tokens.get("a").catch((e: unknown) => e), await galileo.tokens.get("b").catch((e: unknown) => e)] as Error[];
    expect(errors[1]).toBeInstanceOf(ConnectionError);
    for (const error of errors) {
      const values = [...Object.values(error), error.cause];
      expect(values.some((value) => value instanceof Request || value instanceof Headers || value instanceof Response)).toBe(false);
    }
  });
});
