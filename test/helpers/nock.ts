import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

/** Install nock for a test file: no real connection may leave the process, and every interceptor must be used. */
export function useNock(): typeof nock {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, "interceptors that were never called").toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
  return nock;
}

export interface Captured {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A nock reply function that records what the client sent, then answers with `status` and `body`. */
export function capture(into: Captured[], status: number, body: unknown, headers: Record<string, string> = {}) {
  return function (this: nock.ReplyFnContext, path: string, requestBody: nock.Body): [number, nock.Body, Record<string, string>] {
    into.push({ method: this.req.method, path, headers: { ...this.req.headers }, body: requestBody === "" ? undefined : requestBody });
    const json = typeof body !== "string";
    return [status, json ? JSON.stringify(body) : body, { "content-type": json ? "application/json" : "text/plain", ...headers }];
  };
}
