import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, createGalileoClient, GalaxiomError, TimeoutError } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { instant, KEY, tokenResponse } from "../helpers/galileo.js";

describe("with fake timers", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse("2026-11-23T00:00:00Z"), toFake: ["Date", "setTimeout", "clearTimeout"] }));
  afterEach(() => vi.useRealTimers());

  it("times out each attempt on its own timer, aborting its fetch, and retries", async () => {
    const fetch = observedFetch("hang", "hang", json(200, tokenResponse));
    const call = createGalileoClient({ apiKey: KEY, fetch, timeout: 1_000, clock: instant }).auth.getToken();

    await vi.advanceTimersByTimeAsync(999);
    expect(fetch.sent).toHaveLength(1);
    expect(fetch.sent[0]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.sent[0]!.signal!.aborted).toBe(true);
    expect(fetch.sent[0]!.signal!.reason).toMatchObject({ name: "TimeoutError" });
    await vi.advanceTimersByTimeAsync(1); // the backoff: 0 ms with this clock, which timers round up to 1
    expect(fetch.sent).toHaveLength(2);
    // The second attempt has a full timeout of its own, and a signal of its own.
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2);
    await expect(call).resolves.toEqual(tokenResponse);
    expect(new Set(fetch.sent.map((request) => request.signal)).size).toBe(3);
  });

  it("gives the attempt's signal to a custom fetch that copies its init, and aborts it on timeout", async () => {
    let signal: AbortSignal | undefined;
    const copying = (_request: Request, init?: RequestInit) => {
      signal = { ...init }.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    };
    const error = createGalileoClient({ apiKey: KEY, fetch: copying, timeout: 1_000, retry: false })
      .auth.getToken()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await error).toBeInstanceOf(TimeoutError);
    expect(signal?.aborted).toBe(true);
  });

  it("throws TimeoutError when every attempt timed out", async () => {
    const fetch = observedFetch("hang", "hang", "hang");
    const call = createGalileoClient({ apiKey: KEY, fetch, timeout: 1_000, clock: instant }).auth.getToken();
    const error = call.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3_002);
    expect(await error).toBeInstanceOf(TimeoutError);
    expect(((await error) as TimeoutError).message).toBe("GET /v2/token: no response within the 1000 ms timeout, after 3 attempts");
  });

  it("does not retry a POST that timed out", async () => {
    const fetch = observedFetch("hang");
    const error = createGalileoClient({ apiKey: KEY, fetch, timeout: 500 })
      .apiKeys.create({ description: "ci" })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    expect(await error).toBeInstanceOf(TimeoutError);
    expect(fetch.sent).toHaveLength(1);
  });

  it("bounds the whole call by its deadline, retries and waits included", async () => {
    const fetch = observedFetch("hang", "hang");
    const error = createGalileoClient({ apiKey: KEY, fetch, timeout: 1_000, deadline: 1_500, clock: instant })
      .auth.getToken()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(fetch.sent).toHaveLength(2);
    expect(fetch.sent[1]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await error).toBeInstanceOf(TimeoutError);
    expect(((await error) as Error).message).toBe("GET /v2/token: the 1500 ms deadline passed, after 2 attempts");
  });

  it("a per-call timeout overrides the client's", async () => {
    const fetch = observedFetch("hang");
    const galileo = createGalileoClient({ apiKey: KEY, fetch, timeout: false, retry: false });
    const error = galileo.GET("/v2/token", { timeout: 100 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(await error).toBeInstanceOf(TimeoutError);
  });

  it("tells a caller's abort from a timeout: AbortError, with the reason, and no retry", async () => {
    const fetch = observedFetch("hang");
    const controller = new AbortController();
    const error = createGalileoClient({ apiKey: KEY, fetch, timeout: 1_000 })
      .auth.getToken({}, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("user navigated away"));
    const aborted = (await error) as AbortError;
    expect(aborted).toBeInstanceOf(AbortError);
    expect(aborted).not.toBeInstanceOf(TimeoutError);
    expect(aborted.message).toBe("GET /v2/token: aborted by the caller's signal");
    expect((aborted.cause as Error).message).toBe("user navigated away");
    expect(fetch.sent[0]!.signal!.aborted).toBe(true);
    expect(fetch.sent).toHaveLength(1);
  });

  it("stops waiting for a retry as soon as the caller aborts", async () => {
    const fetch = observedFetch(json(503, {}));
    const controller = new AbortController();
    const error = createGalileoClient({ apiKey: KEY, fetch, clock: { random: () => 0.9 } })
      .GET("/v2/token", { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await error).toBeInstanceOf(AbortError);
    expect(fetch.sent).toHaveLength(1);
  });
});

describe("with real timers", () => {
  it("sends nothing when the signal is already aborted", async () => {
    const fetch = observedFetch();
    const error = await createGalileoClient({ apiKey: KEY, fetch })
      .GET("/v2/token", { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(fetch.sent).toEqual([]);
  });

  it("times out even when a custom fetch ignores its signal", async () => {
    const deaf = () => new Promise<Response>(() => undefined);
    const error = await createGalileoClient({ apiKey: KEY, fetch: deaf, timeout: 20, retry: false })
      .auth.getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("closes the connection to a server that never answers", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = createServer((request) => request.socket.on("close", closed));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await createGalileoClient({ apiKey: KEY, baseUrl, timeout: 50, retry: false })
        .auth.getToken()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      await connectionClosed;
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it.each([0, -1, Infinity, Number.NaN, "1000"])("refuses timeout %s", (timeout) => {
    expect(() => createGalileoClient({ apiKey: KEY, timeout: timeout as number })).toThrow(GalaxiomError);
  });
});
