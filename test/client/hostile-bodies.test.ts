import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { AbortError, createAxiomClient, createGalileoClient, TimeoutError } from "../../src/index.js";
import { KEY } from "../helpers/galileo.js";
import { useLoopback } from "../helpers/server.js";

const loopback = useLoopback();

/** Headers and the start of a JSON body, then nothing: the connection stays open until the client gives up. */
const stall = (_: unknown, response: ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.write('{"access_token": ');
};

/** A body that never ends, a chunk every few ms, for at most 5 s should the client never stop reading. */
const endless = (_: unknown, response: ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.write('{"access_token": "');
  const chunk = "x".repeat(64 * 1024);
  const timer = setInterval(() => response.write(chunk), 2);
  const stop = setTimeout(() => response.destroy(), 5_000);
  response.on("close", () => {
    clearInterval(timer);
    clearTimeout(stop);
  });
};

describe("a body that stalls after the headers", () => {
  it("ends a helper at the timeout, and releases the connection", async () => {
    const api = await loopback(stall);
    const error = await createGalileoClient({ apiKey: KEY, baseUrl: api.origin, timeout: 200 })
      .auth.getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("GET /v2/token: no response within the 200 ms timeout (the response body was still arriving)");
    await api.closed();
  });

  it("ends a raw call at the timeout", async () => {
    const api = await loopback(stall);
    const galileo = createGalileoClient({ apiKey: KEY, baseUrl: api.origin, timeout: 200 });
    await expect(galileo.GET("/v2/token")).rejects.toBeInstanceOf(TimeoutError);
    await api.closed();
  });

  it("ends a call at its deadline, with no timeout", async () => {
    const api = await loopback(stall);
    const galileo = createGalileoClient({ apiKey: KEY, baseUrl: api.origin, timeout: false, deadline: 200 });
    await expect(galileo.GET("/v2/token")).rejects.toThrow("GET /v2/token: the 200 ms deadline passed (the response body was still arriving)");
  });

  it("ends a call at once when the caller aborts", async () => {
    const api = await loopback(stall);
    const controller = new AbortController();
    let headersIn: () => void;
    const headers = new Promise<void>((resolve) => (headersIn = resolve));
    const fetch = async (request: Request, init?: RequestInit) => {
      const response = await globalThis.fetch(request, init);
      headersIn();
      return response;
    };
    const call = createGalileoClient({ apiKey: KEY, baseUrl: api.origin, fetch, timeout: false }).auth.getToken({}, { signal: controller.signal });
    await headers;
    // A moment for the pipeline to hand the response to openapi-fetch, which is then reading the body.
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error("user left"));
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toMatchObject({ message: "user left" });
    await api.closed();
  });
});

it("ends a body that never ends at the timeout, reading no more of it", async () => {
  const api = await loopback(endless);
  const axiom = createAxiomClient({ token: "xaat-endless-0123456789", baseUrl: api.origin, timeout: 300 });
  await expect(axiom.tokens.get("abc")).rejects.toBeInstanceOf(TimeoutError);
  await api.closed();
});

it("ends a call whose custom fetch gives a body that ignores the signal", async () => {
  const stalled = () => new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"id": ')) }));
  const axiom = createAxiomClient({ token: "xaat-stalled-0123456789", fetch: async () => stalled(), timeout: 100 });
  await expect(axiom.tokens.get("abc")).rejects.toThrow("GET /v2/tokens/{id}: no response within the 100 ms timeout (the response body was still arriving)");
});
