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
