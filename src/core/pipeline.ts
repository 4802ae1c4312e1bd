import type { Authorizer, Renew } from "../auth/security.js";
import { AbortError, ConnectionError, excerpt, requestIdOf, TimeoutError, type Operation } from "../errors.js";
import { logAttempt, logRetry } from "../log.js";
import type { Redactor } from "../redact.js";
import { retryDelay, type Outcome } from "../retry.js";
import { isTimeout, sleep, withTimer } from "../timeout.js";
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
  const { retry, signal, timeout } = policy;
  const deadlineAt = policy.deadline === undefined ? Infinity : clock.now() + policy.deadline;
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted(operation, signal.reason, redactor);
    const outgoing = request.body === null ? request : request.clone();
    const started = clock.now();
    const byTimeout = timeout !== undefined && timeout <= deadlineAt - started;
    const limitMs = byTimeout ? timeout : deadlineAt - started;
    let renew: Renew | undefined;
    let sent = false;
    let outcome: Outcome;
    let failure: unknown;
    try {
      outcome = await withTimer(
        (timerSignal) => {
          const dispatch = (granted: Renew | undefined) => {
            renew = granted;
            sent = true;
            return options.fetch(outgoing, timerSignal && { signal: timerSignal });
          };
          const authorized = authorize(outgoing, operation);
          return authorized instanceof Promise ? authorized.then(dispatch) : dispatch(authorized);
        },
        limitMs === Infinity ? undefined : limitMs,
        signal,
        clock,
      );
    } catch (error) {
      if (signal?.aborted) throw aborted(operation, signal.reason, redactor);
      // Credentials that could not be had (a token exchange retries on its own) end the call as they are.
      if (!sent && !isTimeout(error)) throw error;
      outcome = isTimeout(error) ? "timeout" : "connection";
      failure = error;
    }
    if (logger) {
      const requestId = typeof outcome === "string" ? undefined : requestIdOf(outcome.headers);
      logAttempt(logger, operation, outcome, clock.now() - started, attempt, retry.attempts, requestId);
    }
    if (typeof outcome !== "string") {
      if (outcome.ok) return outcome;
      if (outcome.status === 401 && renew && !renewed) {
        renewed = true;
        renew();
        discard(outcome);
        attempt--;
        continue;
      }
    }
    const now = clock.now();
    const delay = retryDelay(retry, operation.method, outcome, attempt, now, clock.random(), deadlineAt - now);
    if (delay === undefined) {
      if (typeof outcome !== "string") return outcome;
      const tries = `after ${attempt} attempt${attempt > 1 ? "s" : ""}`;
      if (outcome === "timeout") {
        const limit = byTimeout ? `no response within the ${limitMs} ms timeout` : `the ${policy.deadline} ms deadline passed`;
        throw new TimeoutError(`${limit}, ${tries}`, { operation });
      }
      const how = excerpt(redactor.text(reason(failure)));
      throw new ConnectionError(`could not reach ${new URL(request.url).origin}, ${tries}${how}`, { operation, cause: redactor.error(failure) });
    }
    if (logger) logRetry(logger, operation, outcome, delay, attempt, retry.attempts);
    if (typeof outcome !== "string") discard(outcome);
    await sleep(delay, signal, clock).catch((reason: unknown) => {
      throw aborted(operation, reason, redactor);
    });
  }
}

function aborted(operation: Operation, reason: unknown, redactor: Redactor): AbortError {
  return new AbortError("aborted by the caller's signal", { operation, cause: redactor.error(reason) });
}

/** Frees a response that will not be read, so that its connection can be reused. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** What went wrong, in a few words: the socket error's code when the runtime gives one (`fetch failed (ECONNRESET)`). */
function reason(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown } };
  const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";
  return `${typeof message === "string" ? message : String(error)}${code}`;
}
