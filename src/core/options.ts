import type { BodySerializer, HeadersOptions, QuerySerializer, QuerySerializerOptions } from "openapi-fetch";
import { assertSecureTransport, type OperationSecurity } from "../auth/security.js";
import { GalaxiomError, type Operation } from "../errors.js";
import { Redactor, secretHeaders } from "../redact.js";
import { RETRY_DEFAULTS, type CallRetryOptions, type ResolvedRetry, type RetryOptions } from "../retry.js";
import { systemClock, type Clock } from "./clock.js";
import { readEnv } from "./env.js";

/** A fetch: the runtime's or yours. It gets the request, and `{ signal }` when a timer or the caller's signal applies. */
export type Fetch = (request: Request, init?: RequestInit) => Promise<Response>;

/** Where the client reports what it does: `console` fits, as do pino, winston and most structured loggers. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Whether each response is checked against the spec: `"warn"` logs each way a response differs (each operation and
 * place once per process), `"throw"` rejects the call with a `ResponseValidationError`. Needs `validation`. Error
 * responses are checked too, before `throwOnError` turns them into an ApiError: a drifted error body rejects with
 * the ResponseValidationError, a conforming one with its ApiError.
 */
export type ValidateMode = "off" | "warn" | "throw";

/**
 * What the client checks each parsed response against, from `galaxiom/validation` (`axiomValidation`,
 * `galileoValidation`, or `createValidation` over an app's own `<api>.validators.ts`). The client calls it, before
 * anything else looks at the result, with the mode, the operation, openapi-fetch's result, the call's `parseAs`
 * (a body not parsed as JSON is not checked) and where to log and what to redact. It throws in `"throw"` mode.
 */
export type Validation = (
  mode: ValidateMode,
  operation: Operation,
  result: { data?: unknown; error?: unknown; response: Response },
  parseAs: unknown,
  report: { logger?: Logger | undefined; redactor: { text(text: string): string } },
) => void;

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
  /** How long each attempt may take, in ms, its response body included; a new timer per attempt. `false`: no limit. @default 30000 */
  timeout?: number | false;
  /** How long a whole call may take, in ms, retries, their waits and the response body included. `false`: no limit. @default false */
  deadline?: number | false;
  /**
   * Where to log one debug line per attempt and a warn line per retry.
   * @default none; the console when the environment variable GALAXIOM_DEBUG is `1` or `true`
   */
  logger?: Logger;
  /** Time and randomness, for tests. @default Date.now, setTimeout, clearTimeout and Math.random */
  clock?: Partial<Clock>;
  /** Throw the ApiError subclass for an error status, and resolve to `{ data, response }`, on every raw call. @default false */
  throwOnError?: boolean;
  /**
   * Which credentials each operation takes: the `operationSecurity` of the `<api>.security.ts` that `galaxiom generate`
   * wrote beside the paths type the client is given (`createAxiomClient<paths>({ security: operationSecurity })`),
   * so that auth follows the app's spec version. An operation missing from it is refused before anything is sent.
   * @default the table generated with the package's own paths
   */
  security?: OperationSecurity;
  /**
   * Each operation's first request media type where it is not application/json: the `requestMediaTypes` of the
   * `<api>.media-types.ts` generated beside `security`'s table, which a body is encoded as unless the call names one.
   * @default the table generated with the package's own paths
   */
  mediaTypes?: Record<string, string>;
  /** openapi-fetch's: how every call's `params.query` becomes a query string. */
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  /**
   * openapi-fetch's: how every call's `body` is encoded when it is data. A string, Blob, ArrayBuffer, typed array,
   * ReadableStream, URLSearchParams or FormData is sent as it is, whatever the serializer.
   * @default for the call's media type: JSON, or the operation's URL-encoded or multipart form
   */
  bodySerializer?: BodySerializer<unknown>;
  /** Check every response against the spec (see `ValidateMode`); a call's own `validate` overrides it. @default "off" */
  validate?: ValidateMode;
  /** What to check responses against: `import { axiomValidation } from "galaxiom/validation"` (see `Validation`). */
  validation?: Validation;
}

/** Options for one call, on raw calls (`client.GET(path, { …, timeout })`) and helpers alike; they override the client's. */
export interface CallOptions {
  retry?: CallRetryOptions | false;
  timeout?: number | false;
  deadline?: number | false;
  /** Aborts the call, whatever attempt or wait it is in, with an `AbortError`. */
  signal?: AbortSignal | null;
  /** The fetch to send this call's requests with, instead of the client's; the same contract. */
  fetch?: Fetch;
  /** Check this call's response against the spec, overriding the client's `validate`; not `"off"` needs the client's `validation`. */
  validate?: ValidateMode;
}

/** Options for one helper call (`galileo.apiKeys.create(body, { … })`): a call's, and headers for this call. */
export interface HelperOptions extends CallOptions {
  headers?: HeadersOptions;
}

/** What a call runs under: the client's settings, or a call's overrides laid over them. */
export interface CallPolicy {
  retry: ResolvedRetry;
  timeout?: number | undefined;
  deadline?: number | undefined;
  signal?: AbortSignal | undefined;
  fetch: Fetch;
}

/** A client's options, resolved once at creation: defaults applied, values checked, nothing read again. */
export interface ResolvedOptions {
  /** What openapi-fetch's `createClient` is given. */
  base: {
    baseUrl: string;
    headers: Record<string, string> | undefined;
    querySerializer: ClientOptions["querySerializer"];
    bodySerializer: ClientOptions["bodySerializer"];
  };
  /** The origin of `baseUrl`: the one place this client's requests, and so its credentials, may go. */
  origin: string;
  throwOnError: boolean | undefined;
  validate: ValidateMode | undefined;
  validation: Validation | undefined;
  logger: Logger | undefined;
  clock: Clock;
  redactor: Redactor;
  /** The policy of every call that overrides nothing. */
  policy: CallPolicy;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Resolves a client's options: `where` names the caller in errors (`createGalileoClient: …`), and the
 * redactor keeps `secrets`, and the values of secret-looking `headers`, for the client's life.
 */
export function resolveOptions(options: ClientOptions, baseUrl: string, secrets: unknown[], where: string): ResolvedOptions {
  checkBaseUrl(baseUrl, where);
  const redactor = new Redactor([...secrets, ...secretHeaders(options.headers)]);
  const { headers, querySerializer, bodySerializer, validate, validation } = options;
  validationFor(validate, validation, where);
  return {
    base: { baseUrl, headers, querySerializer, bodySerializer },
    origin: new URL(baseUrl).origin,
    throwOnError: options.throwOnError,
    validate,
    validation,
    logger: options.logger ?? (/^(1|true)$/i.test(readEnv("GALAXIOM_DEBUG") ?? "") ? console : undefined),
    clock: { ...systemClock, ...options.clock },
    redactor,
    // `idempotent` is a call's promise about itself: a client-wide one would retry every create.
    policy: resolveCall(
      { retry: RETRY_DEFAULTS, timeout: DEFAULT_TIMEOUT_MS, fetch: (request, init) => fetch(request, init) },
      { ...options, retry: options.retry && { ...options.retry, idempotent: false } },
      where,
    ),
  };
}

/** A call's policy: the client's, with the call's options laid over it, and checked. */
export function resolveCall(policy: CallPolicy, call: CallOptions, where: string): CallPolicy {
  const retry = { ...policy.retry, ...(call.retry === false ? { attempts: 1 } : call.retry) };
  const { attempts, baseDelayMs, maxDelayMs, retryOn } = retry;
  const ms = (value: number | false | undefined, fallback: number | undefined, name: string) => {
    if (value === false || value === undefined) return value === false ? undefined : fallback;
    if (typeof value == "number" && value > 0 && value < Infinity) return value;
    throw new GalaxiomError(`${where}: ${name} must be a number of ms above 0, or false`);
  };
  if (!(Number.isInteger(attempts) && attempts > 0 && baseDelayMs >= 0 && maxDelayMs >= 0 && Array.isArray(retryOn))) {
    throw new GalaxiomError(`${where}: retry needs whole attempts ≥ 1, delays ≥ 0 ms and a retryOn list`);
  }
  return {
    retry,
    timeout: ms(call.timeout, policy.timeout, "timeout"),
    deadline: ms(call.deadline, policy.deadline, "deadline"),
    signal: call.signal ?? undefined,
    fetch: call.fetch ?? policy.fetch,
  };
}

/**
 * The validation a mode other than "off" runs, refused when there is none: it lives in its own entry, so that
 * a client that never validates bundles none of it.
 */
export function validationFor(mode: ValidateMode | undefined, validation: Validation | undefined, where: string): Validation | undefined {
  if (!mode || mode == "off") return;
  if (!validation) throw new GalaxiomError(`${where}: validate needs \`validation\`: import { axiomValidation, galileoValidation } from "galaxiom/validation"`);
  return validation;
}

/**
 * Refuses, at creation, a baseUrl that could never be called or would send credentials where they should not
 * go. The messages never quote it: its query or userinfo may hold a secret.
 */
function checkBaseUrl(baseUrl: string, where: string): void {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!url || !/^https?:$/.test(url.protocol)) throw new GalaxiomError(`${where}: baseUrl is not an absolute http:// or https:// URL`);
  if (url.username || url.password) throw new GalaxiomError(`${where}: baseUrl holds credentials (user:password@): pass them as options instead`);
  assertSecureTransport(url.href, where);
}
