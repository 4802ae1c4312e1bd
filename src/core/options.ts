import { GalaxiomError } from "../errors.js";
import { resolveLogger, type Logger } from "../log.js";
import type { Redactor } from "../redact.js";
import { RETRY_DEFAULTS, type CallRetryOptions, type ResolvedRetry, type RetryOptions } from "../retry.js";
import { systemClock, type Clock } from "./clock.js";

/** A fetch: the runtime's or yours. It gets the request, and `{ signal }` when a timer or the caller's signal applies. */
export type Fetch = (request: Request, init?: RequestInit) => Promise<Response>;

/** Options every galaxiom client takes. */
export interface ClientOptions {
  /** The API's base URL; each client documents its default and environment variable. */
  baseUrl?: string;
  /**
   * The fetch to send requests with. By default `globalThis.fetch`, looked up at each call rather than
   * captured at creation, so interceptors installed later (nock, msw) still see every request.
   */
  fetch?: Fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * When and how failed attempts are retried, or `false` for never. Only idempotent methods are retried
   * (GET, HEAD, OPTIONS, PUT, DELETE, TRACE); a POST only when the call says `retry: { idempotent: true }`.
   * @default { attempts: 3, baseDelayMs: 500, maxDelayMs: 30000, retryOn: [408, 429, "5xx", "connection", "timeout"] }
   */
  retry?: RetryOptions | false;
  /** How long each attempt may wait for the response headers, in ms; a new timer per attempt. `false`: no limit. @default 30000 */
  timeout?: number | false;
  /** How long a whole call may take, in ms, retries and their waits included. `false`: no limit. @default false */
  deadline?: number | false;
  /** Where to log one debug line per attempt and a warn line per retry. @default none (or the console, with GALAXIOM_DEBUG=1) */
  logger?: Logger;
  /** Time and randomness, for tests. @default Date.now, setTimeout, clearTimeout and Math.random */
  clock?: Partial<Clock>;
}

/** Options for one call, on raw calls (`client.GET(path, { …, timeout })`) and helpers alike; they override the client's. */
export interface CallOptions {
  retry?: CallRetryOptions | false;
  timeout?: number | false;
  deadline?: number | false;
  /** Aborts the call, whatever attempt or wait it is in, with an `AbortError`. */
  signal?: AbortSignal | null;
}

/** What a call runs under: the client's settings, or a call's overrides laid over them. */
export interface CallPolicy {
  retry: ResolvedRetry;
  timeout: number | undefined;
  deadline: number | undefined;
  signal: AbortSignal | undefined;
}

/** A client's options, resolved once at creation: defaults applied, values checked, nothing read again. */
export interface ResolvedOptions {
  baseUrl: string;
  headers: Record<string, string> | undefined;
  fetch: Fetch;
  logger: Logger | undefined;
  clock: Clock;
  redactor: Redactor;
  /** The policy of every call that overrides nothing. */
  policy: CallPolicy;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_POLICY: CallPolicy = { retry: RETRY_DEFAULTS, timeout: DEFAULT_TIMEOUT_MS, deadline: undefined, signal: undefined };

/** Resolves a client's options; `where` names the caller in errors (`createGalileoClient: …`). */
export function resolveOptions(options: ClientOptions, baseUrl: string, redactor: Redactor, where: string): ResolvedOptions {
  return {
    baseUrl,
    headers: options.headers,
    fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)),
    logger: resolveLogger(options.logger),
    clock: { ...systemClock, ...options.clock },
    redactor,
    // `idempotent` is a call's promise about itself: a client-wide one would retry every create.
    policy: resolveCall(DEFAULT_POLICY, { ...options, retry: options.retry && { ...options.retry, idempotent: false } }, where),
  };
}

/** A call's policy: the client's, with the call's options laid over it, and checked. */
export function resolveCall(policy: CallPolicy, call: CallOptions, where: string): CallPolicy {
  const retry = call.retry === false ? { ...policy.retry, attempts: 1 } : { ...policy.retry, ...call.retry };
  const { attempts, baseDelayMs, maxDelayMs, retryOn } = retry;
  if (!(Number.isInteger(attempts) && attempts > 0 && baseDelayMs >= 0 && maxDelayMs >= 0 && Array.isArray(retryOn))) {
    throw new GalaxiomError(`${where}: retry needs whole attempts ≥ 1, delays ≥ 0 ms and a retryOn list`);
  }
  return {
    retry,
    timeout: duration(call.timeout, policy.timeout, "timeout", where),
    deadline: duration(call.deadline, policy.deadline, "deadline", where),
    signal: call.signal ?? undefined,
  };
}

function duration(value: number | false | undefined, fallback: number | undefined, name: string, where: string): number | undefined {
  if (value === undefined || value === false) return value === false ? undefined : fallback;
  if (typeof value == "number" && value > 0 && value < Infinity) return value;
  throw new GalaxiomError(`${where}: ${name} must be a number of ms above 0, or false`);
}
