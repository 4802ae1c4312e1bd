import { assertSecureTransport, type Authorizer, type Renew } from "../auth/security.js";
import { AbortError, ConnectionError, excerpt, GalaxiomError, requestIdOf, statusError, TimeoutError, type Operation } from "../errors.js";
import { retryAfterMs, retryDelay } from "../retry.js";
import type { Redactor } from "../redact.js";
import type { BodyStream } from "./body.js";
import type { CallPolicy, ResolvedOptions } from "./options.js";
import { redirected } from "./redirect.js";
import { delay, startScope, type Scope } from "./timer.js";

/**
 * How a call's pipeline hands over the scope of the attempt whose response it returns: still armed, so that its
 * timer and the caller's signal bound the reading of the body too, which openapi-fetch does after the pipeline
 * returns. `limit` says what the timer was, for the error.
 */
export interface Flight {
  hold(scope: Scope, limit: string): void;
}

/** One call's context: what every attempt of it reads. */
interface Call {
  options: ResolvedOptions;
  authorize: Authorizer;
  /**
   * The request as openapi-fetch made it: each attempt sends a copy, so that the body can go again; but a streamed
   * body, which a copy would buffer whole, goes in the template itself, once.
   */
  template: Request;
  stream: BodyStream | undefined;
  operation: Operation;
  policy: CallPolicy;
  deadlineAt: number;
  flight: Flight;
  /** Releases of the credentials the call's attempts set, which the call keeps redactable until it ends. */
  held: Array<() => void>;
}

/** What one exchange with the server gave: a response read whole, or why there is none. */
type Exchange =
  | { response: Response; renew: Renew | undefined; scope: Scope; limit: string; failure?: undefined; timedOut?: undefined }
  | { response?: undefined; renew?: undefined; scope?: undefined; failure: unknown; timedOut: boolean; limit: string };

/**
 * The path every request takes, as openapi-fetch's `fetch`: attempts until one succeeds or the retry policy
 * ends the call. A refused token is renewed and the request sent again at once, once per call. Error statuses
 * are returned, not thrown: raw calls give `{ error, response }` and helpers throw ApiError.
 */
export async function send(
  options: ResolvedOptions,
  authorize: Authorizer,
  template: Request,
  operation: Operation,
  policy: CallPolicy,
  flight: Flight,
  stream: BodyStream | undefined,
  held: Array<() => void>,
): Promise<Response> {
  const { clock } = options;
  const deadlineAt = policy.deadline ? clock.now() + policy.deadline : Infinity;
  const call: Call = { options, authorize, template, stream, operation, policy, deadlineAt, flight, held };
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    let result = await exchange(call, attempt);
    if (result.response?.status == 401 && result.renew && !renewed) {
      renewed = true;
      result.renew();
      if (stream) throw await notResent(call, result, attempt);
      result.scope.release();
      discard(result.response);
      result = await exchange(call, attempt);
    }
    const { response } = result;
    const wait = response?.ok ? undefined : nextWait(call, result, attempt);
    if (wait === undefined) {
      if (!response) throw failed(call, result, attempt);
      flight.hold(result.scope, result.limit);
      return response;
    }
    if (stream) throw await notResent(call, result, attempt);
    result.scope?.release();
    if (response) discard(response);
    const delayMs = Math.round(wait);
    log(
      call,
      "warn",
      response?.status ?? (result.timedOut ? "timed out" : "connection failed"),
      `; retrying in ${delayMs} ms (attempt ${attempt + 1}/${policy.retry.attempts})`,
      { delayMs, attempt: attempt + 1 },
    );
    await delay(clock, wait, policy.signal).catch(() => {
      throw aborted(call);
    });
  }
}

/** How long to wait before the next attempt, or undefined when the failed one ends the call. */
function nextWait({ options, operation, policy, deadlineAt }: Call, { response, timedOut }: Exchange, attempt: number): number | undefined {
  const now = options.clock.now();
  const outcome = response ? response.status : timedOut ? "timeout" : "connection";
  const asked = response && retryAfterMs(response.headers, now);
  return retryDelay(policy.retry, operation.method, outcome, attempt, asked, options.clock.random(), deadlineAt - now);
}

/**
 * One attempt: the request sent once under one scope (the `timeout`, cut to what is left of the `deadline`, and
 * the caller's `signal`), which the response keeps armed, so that the body is bounded too. Throws what ends
 * the call whatever the retry policy: the caller's abort, credentials that could not be had, a refused redirect.
 */
async function exchange(call: Call, attempt: number): Promise<Exchange> {
  const { options, policy } = call;
  const { clock } = options;
  if (policy.signal?.aborted) throw aborted(call);
  const started = clock.now();
  const msLeft = call.deadlineAt - started;
  const byTimeout = policy.timeout !== undefined && policy.timeout <= msLeft;
  const limit = byTimeout ? `no response within the ${policy.timeout} ms timeout` : `the ${policy.deadline} ms deadline passed`;
  const scope = startScope(clock, byTimeout ? policy.timeout! : msLeft, policy.signal);
  const progress: Progress = { sent: false, renew: undefined };
  const sending = sendFollowing(call, scope.init, progress);
  try {
    const response = scope.bounded ? await untilAborted(scope, sending) : await sending;
    if (options.logger) {
      const requestId = requestIdOf(response.headers);
      const durationMs = clock.now() - started;
      log(call, "debug", response.status, ` in ${durationMs} ms (attempt ${attempt}/${policy.retry.attempts}${requestId ? `, request id ${requestId}` : ""})`, {
        durationMs,
        attempt,
        requestId,
      });
    }
    return { response, renew: progress.renew, scope, limit };
  } catch (failure) {
    scope.release();
    call.stream?.cancel(failure);
    if (policy.signal?.aborted) throw aborted(call);
    if (!progress.sent || failure instanceof GalaxiomError) throw failure;
    if (call.stream?.failure) throw streamFailed(call, call.stream.failure.error);
    const timedOut = (failure as { name?: unknown } | null)?.name == "TimeoutError";
    const durationMs = clock.now() - started;
    log(call, "debug", timedOut ? "timed out" : "connection failed", ` in ${durationMs} ms (attempt ${attempt}/${policy.retry.attempts})`, {
      durationMs,
      attempt,
    });
    return { failure, timedOut, limit };
  }
}

/** `pending`, or its scope's abort reason as soon as it aborts, whichever comes first. */
function untilAborted<T>(scope: Scope, pending: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    scope.onAbort(reject);
    pending.then(resolve, reject);
  });
}

/** How far an attempt got: whether anything went out (else its failure is not the server's), and how to renew its token. */
interface Progress {
  sent: boolean;
  renew: Renew | undefined;
}

/** Sends a copy of the request with its credentials, following redirects within its origin (see `redirected`). */
async function sendFollowing(
  { options, policy, authorize, template, stream, operation, held }: Call,
  init: RequestInit,
  progress: Progress,
): Promise<Response> {
  let request = template.body && !stream ? template.clone() : template;
  for (let hops = 0; ; hops++) {
    // Every hop: no request travels over plain http:// but to this machine, nor to another origin than the
    // client's. Checked here, as the request is sent, because a per-call baseUrl or a middleware may have
    // pointed it elsewhere after the client checked its own.
    assertSecureTransport(request.url, `${operation.method} ${operation.path}`);
    assertOrigin(request.url, options.origin, operation);
    // Credentials at hand are set at once; only a key function or a token exchange is waited for.
    const granted = authorize(request, held);
    progress.renew = granted instanceof Promise ? await granted : granted;
    progress.sent = true;
    const response = await policy.fetch(request, init);
    const next = redirected(request.url, template, response, hops, operation);
    if (!next) return response;
    discard(response);
    request = await next;
  }
}

/**
 * Refuses a request for another origin than the client's, before any credential is set on it. A Request's URL
 * is normalised (lower-case host, default port dropped), so a prefix test is exact; errors name origins only.
 */
function assertOrigin(url: string, origin: string, operation: Operation): void {
  if (url.startsWith(`${origin}/`)) return;
  const elsewhere = URL.canParse(url) ? new URL(url).origin : "an invalid URL";
  throw new GalaxiomError(
    `refusing to send to ${elsewhere}: this client sends only to ${origin}, where its credentials belong; create a client for the other origin`,
    operation,
  );
}

/** Frees a response that will not be read, so that its connection can be reused. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** The error that ends a call whose last attempt got no response. */
function failed({ options, template, operation }: Call, result: Exchange, attempts: number): GalaxiomError {
  const { failure, timedOut, limit } = result as Extract<Exchange, { response?: undefined }>;
  const tries = `, after ${attempts} attempt${attempts > 1 ? "s" : ""}`;
  if (timedOut) return new TimeoutError(`${limit}${tries}`, operation);
  // What went wrong, in a few words: the socket error's code when the runtime gives one (`fetch failed (ECONNRESET)`).
  const { message, cause } = Object(failure) as { message?: unknown; cause?: { code?: unknown } };
  const how = `${String(message ?? failure)}${cause?.code ? ` (${String(cause.code)})` : ""}`;
  const { redactor } = options;
  return new ConnectionError(`could not reach ${new URL(template.url).origin}${tries}${excerpt(redactor.text(how))}`, operation, redactor.error(failure));
}

/**
 * Refuses to send a streamed body again, for a retry or with a renewed token: it was read as it went, so another
 * attempt would send an empty one. What the attempt got (the ApiError its response makes, or why there was none)
 * is the cause, and leads the message.
 */
async function notResent(call: Call, result: Exchange, attempt: number): Promise<GalaxiomError> {
  const { options, operation } = call;
  let cause: GalaxiomError;
  if (result.response) {
    const { response, scope } = result;
    // The error body, read as openapi-fetch reads one, within the attempt's time.
    const text = await (scope.bounded ? untilAborted(scope, response.text()) : response.text()).catch(() => "");
    scope.release();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the text, as openapi-fetch keeps it.
    }
    cause = statusError(operation, response, body, options.redactor, options.clock.now());
  } else cause = failed(call, result, attempt);
  const said = cause.message.slice(`${operation.method} ${operation.path}: `.length);
  return new GalaxiomError(`${said}; not sent again: a streamed body is read once (send a string, Blob or ArrayBuffer to allow retries)`, operation, cause);
}

/** The error for a streamed body whose source failed: the caller's stream broke, not the connection, so it is not retried. */
function streamFailed({ options, operation }: Call, error: unknown): GalaxiomError {
  const { redactor } = options;
  const { message } = Object(error) as { message?: unknown };
  return new GalaxiomError(`the request body stream failed${excerpt(redactor.text(String(message ?? error)))}`, operation, redactor.error(error));
}

function aborted({ options, operation, policy }: Pick<Call, "options" | "operation" | "policy">): AbortError {
  return new AbortError("aborted by the caller's signal", operation, options.redactor.error(policy.signal!.reason));
}

/**
 * Runs a call, `start` being openapi-fetch's request with the pipeline as its fetch, and ends it once openapi-fetch
 * has read the body, or when the scope handed over aborts, even if the body ignores the signal (a custom fetch's
 * may): then the call rejects with the AbortError or TimeoutError it is. Every other failure becomes a GalaxiomError.
 */
export function settle<T>(options: ResolvedOptions, operation: Operation, policy: CallPolicy, start: (flight: Flight) => Promise<T>): Promise<T> {
  let held: Scope | undefined;
  let limit = "";
  return new Promise<T>((resolve, reject) => {
    start({
      hold(scope, bound) {
        held = scope;
        limit = bound;
        scope.onAbort(reject);
      },
    }).then(resolve, reject);
  }).then(
    (value) => {
      held?.release();
      return value;
    },
    (failure: unknown) => {
      held?.release();
      if (policy.signal?.aborted) throw aborted({ options, operation, policy });
      if (held?.isAborted()) throw new TimeoutError(`${limit} (the response body was still arriving)`, operation);
      throw asGalaxiomError(failure, operation, options.redactor);
    },
  );
}

/** One log line, when there is a logger: everything in it went through the redactor, as a request id may echo a secret. */
function log(
  { options, operation }: Call,
  level: "debug" | "warn",
  status: unknown,
  text: string,
  fields: { requestId?: string | undefined; [name: string]: unknown },
): void {
  const { logger, redactor } = options;
  if (!logger) return;
  const requestId = fields.requestId && redactor.text(fields.requestId);
  logger[level](redactor.text(`galaxiom: ${operation.method} ${operation.path} ${String(status)}${text}`), {
    ...operation,
    status,
    ...fields,
    ...(requestId && { requestId }),
  });
}

/**
 * Whatever a call rejects with, as a GalaxiomError: openapi-fetch's own failures (a success whose body is not
 * JSON, a header or URL the runtime refuses) and a middleware's, redacted, as the runtime's messages may quote
 * the values they refuse.
 */
export function asGalaxiomError(failure: unknown, operation: Operation, redactor: Redactor): GalaxiomError {
  if (failure instanceof GalaxiomError) return failure;
  const message = excerpt(redactor.text(String((failure as { message?: unknown } | null)?.message ?? failure)));
  const what = failure instanceof SyntaxError ? "the response body is not valid JSON" : "could not make the request";
  return new GalaxiomError(`${what}${message}`, operation, redactor.error(failure));
}
