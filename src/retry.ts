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

/** RFC 9110 §9.2.2: sending these twice has the effect of sending them once. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** How one attempt ended: with a response, or without one. */
export type Outcome = Response | "connection" | "timeout";

/**
 * How long to wait before the next attempt, or undefined to stop. Read top to bottom: each rule ends the
 * call for the reason given beside it.
 */
export function retryDelay(retry: ResolvedRetry, method: string, outcome: Outcome, attempt: number, now: number, random: number, remainingMs: number): number | undefined {
  if (attempt >= retry.attempts) return undefined; // out of attempts
  if (!IDEMPOTENT_METHODS.has(method) && !retry.idempotent) return undefined; // sending it twice could act twice
  if (!retryable(retry.retryOn, outcome)) return undefined; // not a failure that passes
  const asked = typeof outcome === "string" ? undefined : retryAfterMs(outcome.headers, now);
  const delay = asked ?? random * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return delay <= retry.maxDelayMs && delay < remainingMs ? delay : undefined; // waiting longer is not allowed
}

function retryable(retryOn: readonly RetryOn[], outcome: Outcome): boolean {
  if (typeof outcome === "string") return retryOn.includes(outcome);
  return retryOn.includes(outcome.status) || (outcome.status >= 500 && retryOn.includes("5xx"));
}

/** The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number(headers.get("retry-after-ms") || Number.NaN);
  if (ms >= 0) return ms;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
