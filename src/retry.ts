/** What may be retried: a response status, any 5xx, a connection failure, or an attempt that timed out. */
export type RetryOn = number | "5xx" | "connection" | "timeout";

export interface RetryOptions {
  /** Attempts in all, the first included; 1 never retries. @default 3 */
  attempts?: number;
  /** The backoff before retry n is a random delay up to `baseDelayMs * 2 ** (n - 1)` ("full jitter"). @default 500 */
  baseDelayMs?: number;
  /**
   * The longest wait before a retry, from backoff or from the server's `Retry-After`; a server asking for
   * longer gets no retry (the error carries its `retryAfterMs`). @default 30000
   */
  maxDelayMs?: number;
  /** @default [408, 429, "5xx", "connection", "timeout"] */
  retryOn?: readonly RetryOn[];
}

export interface CallRetryOptions extends RetryOptions {
  /**
   * Retry this call even though its method (POST, PATCH) is not idempotent. Only a call can say so, and only
   * when sending it twice is harmless: a retried create could create twice.
   */
  idempotent?: boolean;
}

export type ResolvedRetry = Required<CallRetryOptions>;

export const RETRY_DEFAULTS: Readonly<ResolvedRetry> = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryOn: [408, 429, "5xx", "connection", "timeout"],
  idempotent: false,
};

/** The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number(headers.get("retry-after-ms") || Number.NaN);
  if (ms >= 0) return ms;
  const value = headers.get("retry-after")?.trim() ?? "";
  const asked = /^\d+$/.test(value) ? Number(value) * 1000 : Math.max(0, Date.parse(value) - now);
  return Number.isNaN(asked) ? undefined : asked;
}

/** How an attempt ended, as `retryOn` names it: a response status, no response, or out of time. */
export type Outcome = number | "connection" | "timeout";

/** RFC 9110 §9.2.2: sending these twice has the effect of sending them once; anything else could act twice. */
const IDEMPOTENT = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/**
 * Whether a failed attempt is tried again, and after how long: the wait in ms, or undefined for no retry.
 * Pure, so that each rule reads on its own line. `asked` is what the server asked for (Retry-After), `jitter`
 * a number in [0, 1), and `msLeft` what is left of the deadline.
 */
export function retryDelay(
  retry: ResolvedRetry,
  method: string,
  outcome: Outcome,
  attempt: number,
  asked: number | undefined,
  jitter: number,
  msLeft: number,
): number | undefined {
  if (attempt >= retry.attempts) return undefined;
  if (!retry.idempotent && !IDEMPOTENT.includes(method)) return undefined;
  if (!retry.retryOn.includes(outcome) && !(typeof outcome == "number" && outcome > 499 && retry.retryOn.includes("5xx"))) return undefined;
  const wait = asked ?? jitter * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  // A server asking for longer than allowed, or a wait past the deadline, ends the call now rather than later.
  return wait > retry.maxDelayMs || wait >= msLeft ? undefined : wait;
}
