import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, createAxiomClient, createGalileoClient, GalaxiomError, RateLimitError, RETRY_DEFAULTS, ServerError } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { recordingLogger } from "../helpers/logger.js";
import { useNock } from "../helpers/nock.js";
import { createdKey as created, GALILEO, instant, KEY, tokenResponse } from "../helpers/galileo.js";

const nock = useNock();

afterEach(() => vi.useRealTimers());

function useFakeTimers() {
  vi.useFakeTimers({ now: Date.parse("2026-11-23T00:00:00Z"), toFake: ["Date", "setTimeout", "clearTimeout"] });
}

describe("what is retried", () => {
  it("a 503 on a GET, after exponential backoff with full jitter", async () => {
    useFakeTimers();
    const fetch = observedFetch(json(503, {}), json(503, {}), json(200, tokenResponse));
    const call = createGalileoClient({ apiKey: KEY, fetch, clock: { random: () => 0.5 } }).auth.getToken();

    await vi.advanceTimersByTimeAsync(249);
    expect(fetch.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // 0.5 × 500 ms
    expect(fetch.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(fetch.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // 0.5 × 1000 ms
    await expect(call).resolves.toEqual(tokenResponse);
    expect(fetch.sent).toHaveLength(3);
  });

  it("a 503 on a GET from a server (nock)", async () => {
    nock(GALILEO).get("/v2/token").twice().reply(503, { message: "unavailable" }).get("/v2/token").reply(200, tokenResponse);
    await expect(createGalileoClient({ apiKey: KEY, clock: instant }).auth.getToken()).resolves.toEqual(tokenResponse);
  });

  it("not a 503 on a POST: a retried create could create twice", async () => {
    nock(GALILEO).post("/v2/users/api_keys").once().reply(503, { message: "unavailable" });
    const error = await createGalileoClient({ apiKey: KEY, clock: instant })
      .apiKeys.create({ description: "ci" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
  });

  it("a POST whose call says it is idempotent", async () => {
    nock(GALILEO).post("/v2/users/api_keys").reply(503, {}).post("/v2/users/api_keys").reply(200, created);
    const galileo = createGalileoClient({ apiKey: KEY, clock: instant });
    await expect(galileo.apiKeys.create({ description: "ci" }, { retry: { idempotent: true } })).resolves.toEqual(created);
  });

  it("not `idempotent` given to the whole client (the types forbid it; the runtime ignores it)", async () => {
    const fetch = observedFetch(json(503, {}));
    const galileo = createGalileoClient({ apiKey: KEY, fetch, clock: instant, retry: { idempotent: true } as never });
    await expect(galileo.apiKeys.create({ description: "ci" })).rejects.toBeInstanceOf(ServerError);
    expect(fetch.sent).toHaveLength(1);
  });

  it("a connection reset, then the answer", async () => {
    nock(GALILEO)
      .get("/v2/token")
      .replyWithError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))
      .get("/v2/token")
      .reply(200, tokenResponse);
    await expect(createGalileoClient({ apiKey: KEY, clock: instant }).auth.getToken()).resolves.toEqual(tokenResponse);
  });

  it("only what retryOn lists", async () => {
    const fetch = observedFetch(json(502, {}));
    const { response } = await createGalileoClient({ apiKey: KEY, fetch, clock: instant, retry: { retryOn: [503] } }).GET("/v2/token");
    expect(response.status).toBe(502);
    expect(fetch.sent).toHaveLength(1);
  });

  it("not at all with retry: false, unless a call asks", async () => {
    const fetch = observedFetch(json(503, {}), json(503, {}), json(200, tokenResponse));
    const galileo = createGalileoClient({ apiKey: KEY, fetch, clock: instant, retry: false });
    expect((await galileo.GET("/v2/token")).response.status).toBe(503);
    expect(fetch.sent).toHaveLength(1);
    await expect(galileo.auth.getToken({}, { retry: { attempts: 2 } })).resolves.toEqual(tokenResponse);
    expect(fetch.sent).toHaveLength(3);
  });
});

describe("when it stops", () => {
  it("after `attempts`: a raw call returns the last response, a helper throws", async () => {
    const fetch = observedFetch(
      json(503, { message: "busy" }),
      json(503, {}),
      json(503, { message: "still busy" }),
      json(503, {}),
      json(503, {}),
      json(503, {}),
    );
    const galileo = createGalileoClient({ apiKey: KEY, fetch, clock: instant });

    const { error, response } = await galileo.GET("/v2/token");
    expect(response.status).toBe(503);
    expect(error).toEqual({ message: "still busy" });
    expect(fetch.sent).toHaveLength(RETRY_DEFAULTS.attempts);

    await expect(galileo.auth.getToken()).rejects.toBeInstanceOf(ServerError);
    expect(fetch.sent).toHaveLength(2 * RETRY_DEFAULTS.attempts);
  });

  it("on connection failures, with a ConnectionError that keeps the cause", async () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const fetch = observedFetch(reset, reset);
    const error = (await createGalileoClient({ apiKey: KEY, fetch, clock: instant, retry: { attempts: 2 } })
      .auth.getToken()
      .catch((e: unknown) => e)) as ConnectionError;

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe("GET /v2/token: could not reach https://api.galileo.ai, after 2 attempts: read ECONNRESET");
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).toMatchObject({ message: "read ECONNRESET", code: "ECONNRESET" });
    expect(error.operation).toEqual({ method: "GET", path: "/v2/token" });
  });

  it("on a real connection reset from a loopback server", async () => {
    const server = createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    nock.enableNetConnect("127.0.0.1");
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = (await createGalileoClient({ apiKey: KEY, baseUrl, clock: instant })
        .auth.getToken()
        .catch((e: unknown) => e)) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toMatch(/^GET \/v2\/token: could not reach http:\/\/127\.0\.0\.1:\d+, after 3 attempts: fetch failed/);
      expect(error.cause).toBeInstanceOf(TypeError);
    } finally {
      nock.disableNetConnect();
      server.close();
    }
  });

  it("when the wait would pass the deadline", async () => {
    const fetch = observedFetch(json(503, {}, { "retry-after": "2" }));
    const { response } = await createGalileoClient({ apiKey: KEY, fetch, deadline: 1_000 }).GET("/v2/token");
    expect(response.status).toBe(503);
    expect(fetch.sent).toHaveLength(1);
  });
});

describe("how long it waits", () => {
  it("caps the backoff at maxDelayMs", async () => {
    useFakeTimers();
    const logger = recordingLogger();
    const fetch = observedFetch(json(500, {}), json(500, {}), json(500, {}), json(200, tokenResponse));
    const galileo = createGalileoClient({
      apiKey: KEY,
      fetch,
      logger,
      clock: { random: () => 0.999 },
      retry: { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 1_500 },
    });
    const call = galileo.auth.getToken();
    await vi.runAllTimersAsync();
    await call;
    expect(logger.lines.filter((line) => line.level === "warn").map((line) => line.fields?.delayMs)).toEqual([999, 1499, 1499]);
  });

  it.each([
    ["Retry-After in seconds", { "retry-after": "2" }, 2_000],
    ["Retry-After as an HTTP date", { "retry-after": new Date(Date.parse("2026-11-23T00:00:03Z")).toUTCString() }, 3_000],
    ["retry-after-ms", { "retry-after-ms": "150" }, 150],
  ])("honours %s on a 429", async (_, headers, delay) => {
    useFakeTimers();
    const fetch = observedFetch(json(429, {}, headers), json(200, tokenResponse));
    const call = createGalileoClient({ apiKey: KEY, fetch, clock: { random: () => 0 } }).auth.getToken();

    await vi.advanceTimersByTimeAsync(delay - 1);
    expect(fetch.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual(tokenResponse);
    expect(fetch.sent).toHaveLength(2);
  });

  it("honours Retry-After from a server (nock), real timers", async () => {
    const logger = recordingLogger();
    nock(GALILEO).get("/v2/token").reply(429, { message: "slow down" }, { "Retry-After": "0" }).get("/v2/token").reply(200, tokenResponse);
    await expect(createGalileoClient({ apiKey: KEY, logger, clock: { random: () => 0.9 } }).auth.getToken()).resolves.toEqual(tokenResponse);
    expect(logger.lines.find((line) => line.level === "warn")?.message).toBe("galaxiom: GET /v2/token 429; retrying in 0 ms (attempt 2/3)");
  });

  it("does not retry when the server asks for longer than maxDelayMs, and says how long it asked", async () => {
    const fetch = observedFetch(json(429, { message: "slow down" }, { "retry-after": "120" }));
    const error = (await createGalileoClient({ apiKey: KEY, fetch })
      .auth.getToken()
      .catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(fetch.sent).toHaveLength(1);
  });

  it("logs a warn line with the delay for each retry", async () => {
    useFakeTimers();
    const logger = recordingLogger();
    const fetch = observedFetch(json(503, {}), json(200, tokenResponse));
    const call = createGalileoClient({ apiKey: KEY, fetch, logger, clock: { random: () => 0.25 } }).auth.getToken();
    await vi.runAllTimersAsync();
    await call;
    expect(logger.lines.filter((line) => line.level === "warn")).toEqual([
      {
        level: "warn",
        message: "galaxiom: GET /v2/token 503; retrying in 125 ms (attempt 2/3)",
        fields: { method: "GET", path: "/v2/token", status: 503, delayMs: 125, attempt: 2 },
      },
    ]);
  });
});

describe("options", () => {
  it.each([{ attempts: 0 }, { attempts: 1.5 }, { baseDelayMs: -1 }, { retryOn: "5xx" }])("refuses retry %j at creation", (retry) => {
    expect(() => createAxiomClient({ token: "xaat-0123456789", retry: retry as never })).toThrow(GalaxiomError);
  });

  it("refuses bad per-call retry options before sending", async () => {
    const fetch = observedFetch();
    const galileo = createGalileoClient({ apiKey: KEY, fetch });
    await expect(galileo.GET("/v2/token", { retry: { attempts: 0 } })).rejects.toThrow(/^GET \/v2\/token: retry needs/);
    expect(fetch.sent).toEqual([]);
  });
});
