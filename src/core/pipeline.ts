import type { Authorizer, Renew } from "../auth/security.js";
import { AbortError, ConnectionError, excerpt, requestIdOf, TimeoutError, type Operation } from "../errors.js";
import { retryAfterMs } from "../retry.js";
import type { Clock } from "./clock.js";
import type { CallPolicy, ResolvedOptions } from "./options.js";

/**
 * The one loop every request goes through, as openapi-fetch's `fetch`. Each attempt, in this order:
 *   1. a fresh request: the same one when it has no body, else a clone, so that the body can be sent again;
 *   2. under one timer (the `timeout`, cut to what is left of the `deadline`, and the caller's `signal`):
 *      the operation's credentials, which may wait for a token exchange, then fetch;
 *   3. one debug line;
 *   4. a 401 on a token that can be renewed drops the token and replays the attempt, once per call;
 *   5. a success is returned; anything else goes to the retry policy, which ends the call (returning the
 *      response, or throwing when there is none) or schedules another attempt: a warn line, then a wait.
 * Error statuses are returned, not thrown: raw calls give `{ error, response }` and helpers throw ApiError.
 */
export async function send(options: ResolvedOptions, authorize: Authorizer, request: Request, operation: Operation, policy: CallPolicy): Promise<Response> {
  const { clock, logger, redactor } = options;
  const { retry, signal, timeout, deadline } = policy;
  const { attempts, maxDelayMs, retryOn } = retry;
  const { method, path } = operation;
  const deadlineAt = deadline ? clock.now() + deadline : Infinity;
  // Without a logger there is no `log`, and `log?.(…)` does not even build its line.
  const log =
    logger && ((level: "debug" | "warn", status: unknown, text: string, fields: object) => logger[level](`galaxiom: ${method} ${path} ${status}${text}`, { ...operation, status, ...fields }));
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new AbortError("aborted by the caller's signal", operation, redactor.error(signal.reason));
    const outgoing = request.body ? request.clone() : request;
    const started = clock.now();
    const byTimeout = timeout !== undefined && timeout <= deadlineAt - started;
    const limitMs = byTimeout ? timeout : deadlineAt - started;
    let renew: Renew | undefined;
    let sent = false;
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await timed(
        (init) => {
          const dispatch = (granted: Renew | undefined) => {
            renew = granted;
            sent = true;
            return options.fetch(outgoing, init);
          };
          const authorized = authorize(outgoing);
          return authorized instanceof Promise ? authorized.then(dispatch) : dispatch(authorized);
        },
        limitMs,
        signal,
        clock,
      );
    } catch (error) {
      if (signal?.aborted) continue; // the check above throws the AbortError
      failure = error;
    }
    const timedOut = (failure as { name?: unknown } | null)?.name == "TimeoutError";
    // Credentials that could not be had (a token exchange retries on its own) end the call as they are.
    if (!response && !sent && !timedOut) throw failure;
    const outcome = response?.status ?? (timedOut ? "timeout" : "connection");
    const status = response?.status ?? (timedOut ? "timed out" : "connection failed");
    if (log) {
      const requestId = response && requestIdOf(response.headers);
      const durationMs = clock.now() - started;
      log("debug", status, ` in ${durationMs} ms (attempt ${attempt}/${attempts}${requestId ? `, request id ${requestId}` : ""})`, { durationMs, attempt, requestId });
    }
    if (response?.ok) return response;
    if (response?.status == 401 && renew && !renewed) {
      renewed = true;
      renew();
      discard(response);
      attempt--;
      continue;
    }
    // Whether to try again, and after how long. Read top to bottom: each rule ends the call for the reason beside it.
    const now = clock.now();
    const delay = (response && retryAfterMs(response.headers, now)) ?? clock.random() * Math.min(maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    if (
      attempt >= attempts || // out of attempts
      // RFC 9110 §9.2.2: sending these twice has the effect of sending them once; anything else could act twice.
      (!retry.idempotent && !/^(GET|HEAD|OPTIONS|PUT|DELETE|TRACE)$/.test(method)) ||
      (!retryOn.includes(outcome) && !(+outcome > 499 && retryOn.includes("5xx"))) || // not a failure that passes
      delay > maxDelayMs || // the server asks for longer than allowed
      delay >= deadlineAt - now // the wait would pass the deadline
    ) {
      if (response) return response;
      const tries = `, after ${attempt} attempt${attempt > 1 ? "s" : ""}`;
      if (timedOut) throw new TimeoutError(`${byTimeout ? `no response within the ${limitMs} ms timeout` : `the ${deadline} ms deadline passed`}${tries}`, operation);
      // What went wrong, in a few words: the socket error's code when the runtime gives one (`fetch failed (ECONNRESET)`).
      const { message, cause } = Object(failure) as { message?: unknown; cause?: { code?: unknown } };
      const how = `${String(message ?? failure)}${cause?.code ? ` (${String(cause.code)})` : ""}`;
      throw new ConnectionError(`could not reach ${new URL(request.url).origin}${tries}${excerpt(redactor.text(how))}`, operation, redactor.error(failure));
    }
    const delayMs = Math.round(delay);
    log?.("warn", status, `; retrying in ${delayMs} ms (attempt ${attempt + 1}/${attempts})`, { delayMs, attempt: attempt + 1 });
    if (response) discard(response);
    // The wait is an attempt that never answers, under the delay as its timer: it ends when the delay passes,
    // or at once when the caller aborts, which the check at the top of the loop turns into an AbortError.
    await timed(() => new Promise(() => undefined), delay, signal, clock, true).catch(() => undefined);
  }
}

/** An attempt's controller, made when first needed. */
type Attempt = { controller?: AbortController };
const controllerOf = (attempt: Attempt) => (attempt.controller ??= new AbortController());
const signalOf = (attempt: Attempt) => controllerOf(attempt).signal;

/**
 * The init an attempt's fetch gets, `{ signal }`, as a Proxy whose signal is made when first read or copied
 * (`{ ...init }` carries it too): creating an AbortSignal costs more than all the rest of an attempt's
 * bookkeeping, and a fetch that never reads it would never use it. A Proxy, as an object literal with a getter
 * is several times slower to make, and a getter on a prototype would be lost by a copy.
 */
const ATTEMPT_INIT: ProxyHandler<Attempt> = {
  get: (attempt, key) => (key == "signal" ? signalOf(attempt) : undefined),
  has: (_, key) => key == "signal",
  ownKeys: () => ["signal"],
  getOwnPropertyDescriptor: (attempt, key) => (key == "signal" ? { value: signalOf(attempt), enumerable: true, configurable: true } : undefined),
};

/**
 * Runs one attempt under its own timer: `run` gets an init whose signal aborts when `ms` pass or the caller's
 * signal aborts, and the promise rejects at that moment, even if `run` ignores the signal (a custom fetch may).
 * A timeout rejects with a `TimeoutError` DOMException, as `AbortSignal.timeout()` does; a caller's abort with
 * the caller's reason. Like `AbortSignal.timeout()`'s, an attempt's timer does not keep the process alive by
 * itself (the request does): on Node, holding it costs as much again as setting it. A `wait` (the delay before
 * a retry) does. Built from a plain AbortController, not `AbortSignal.any`, which older browsers lack.
 */
function timed(run: (init?: RequestInit) => Promise<Response>, ms: number, caller: AbortSignal | undefined, clock: Clock, wait?: boolean): Promise<Response> {
  if (ms == Infinity && !caller) return run();
  const attempt: Attempt = {};
  // Started before the timer, so that credentials that cannot be had throw at once, with nothing to clean up.
  const running = run(new Proxy(attempt, ATTEMPT_INIT) as RequestInit);
  return new Promise((resolve, reject) => {
    const end = (outcome: unknown, ok?: boolean) => {
      clock.clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
      if (ok) return resolve(outcome as Response);
      // Aborted even when nothing has read the signal yet: a fetch that reads it later finds it aborted.
      controllerOf(attempt).abort(outcome);
      reject(outcome);
    };
    const onAbort = () => end(caller!.reason);
    const timer = ms < Infinity ? clock.setTimeout(() => end(new DOMException(`no response within ${ms} ms`, "TimeoutError")), ms) : undefined;
    if (!wait) (timer as { unref?(): void } | undefined)?.unref?.();
    caller?.addEventListener("abort", onAbort);
    running.then((response) => end(response, true), end);
  });
}

/** Frees a response that will not be read, so that its connection can be reused. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
