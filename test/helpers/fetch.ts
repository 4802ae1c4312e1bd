import type { Fetch } from "../../src/index.js";

/** What a client sent, read when it was sent: a snapshot, so later changes to the Request don't show. */
export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/**
 * One scripted answer: a response; an error to reject with (a dropped connection); or "hang", which never
 * answers and rejects with the signal's reason when the signal aborts, as the runtime's fetch does.
 */
export type Reply = Response | ((request: Request) => Response) | Error | "hang";

/**
 * A fetch that records each request and answers with the next reply, so tests observe instead of mocking;
 * a single function reply answers every request.
 */
export function observedFetch(...replies: Reply[]): Fetch & { sent: Sent[] } {
  const every = replies.length === 1 && typeof replies[0] === "function" ? replies[0] : undefined;
  const sent: Sent[] = [];
  const fetch = async (request: Request, init?: RequestInit) => {
    const signal = init?.signal ?? undefined;
    sent.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.body === null ? undefined : await request.text(),
      signal,
    });
    const reply = every ?? replies.shift();
    if (reply === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`);
    if (reply === "hang") {
      return new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
    }
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(request) : reply;
  };
  return Object.assign(fetch, { sent });
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/** A JWT whose payload is `claims`; the signature is not checked by anything here. */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.signature`;
}
