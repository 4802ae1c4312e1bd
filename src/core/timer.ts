import type { Clock } from "./clock.js";

/** The longest delay runtimes' timers take: a longer one fires at once (Node) or after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `callback` after `ms`, however long (a timeout of days is re-armed in steps the runtime's timer takes),
 * and returns how to cancel it. The timer keeps the process alive, so a call awaiting it ends by it, even
 * when nothing else (a fetch that holds no I/O) would.
 */
export function startTimer(clock: Clock, ms: number, callback: () => void): () => void {
  let handle: unknown;
  const arm = (left: number) => {
    handle = left > MAX_TIMER_MS ? clock.setTimeout(() => arm(left - MAX_TIMER_MS), MAX_TIMER_MS) : clock.setTimeout(callback, left);
  };
  if (ms < Infinity) arm(ms);
  return () => clock.clearTimeout(handle);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function delay(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(signal!.reason);
    };
    const cancel = startTimer(clock, ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** An attempt's signal, which aborts when its time is up or the caller aborts, until released. */
export interface Scope {
  /** What the attempt's fetch gets: the signal, and manual redirects (the pipeline follows them). */
  init: RequestInit;
  /** Rejects with the signal's reason when it aborts, so that a race ends even if what was given the signal ignores it. */
  aborted: Promise<never> | undefined;
  /** Whether the scope aborted (its time ran out, or the caller aborted). */
  isAborted(): boolean;
  /** Stops the timer and stops listening to the caller: the scope will not abort any more. */
  release(): void;
}

/** No time limit, no caller's signal: nothing to abort, nothing to release. */
const UNBOUNDED: Scope = { init: Object.freeze({ redirect: "manual" }), aborted: undefined, isAborted: () => false, release: () => undefined };

/**
 * A scope that aborts when `ms` pass (with a `TimeoutError` DOMException, as `AbortSignal.timeout()` does) or
 * when `caller` aborts (with its reason). Built from an AbortController rather than `AbortSignal.any`, which
 * older browsers lack; none at all when there is neither a time limit nor a caller's signal. The signal is
 * made when first read: making one costs more than all the rest of an attempt's bookkeeping, and a fetch that
 * never reads it (a stub) never needs it. A getter of the init's own, so that a copy (`{ ...init }`) carries it.
 */
export function startScope(clock: Clock, ms: number, caller: AbortSignal | undefined): Scope {
  if (ms == Infinity && !caller) return UNBOUNDED;
  const controller = new AbortController();
  let aborted = false;
  let rejectAborted: (reason: unknown) => void;
  const abortedPromise = new Promise<never>((_, reject) => (rejectAborted = reject));
  // Nobody may be racing it when it aborts, after the response was handed over.
  abortedPromise.catch(() => undefined);
  // Both ways to abort reject the promise themselves: listening to the signal for it would cost more than the rest.
  const abort = (reason: unknown) => {
    aborted = true;
    controller.abort(reason);
    rejectAborted(reason);
  };
  const onAbort = () => abort(caller!.reason);
  const cancel = startTimer(clock, ms, () => abort(new DOMException(`no response within ${ms} ms`, "TimeoutError")));
  caller?.addEventListener("abort", onAbort, { once: true });
  return {
    init: {
      redirect: "manual",
      get signal() {
        return controller.signal;
      },
    },
    aborted: abortedPromise,
    isAborted: () => aborted,
    release() {
      cancel();
      caller?.removeEventListener("abort", onAbort);
    },
  };
}
