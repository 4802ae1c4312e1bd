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
  /** Whether the scope can abort at all (it has a time limit or a caller's signal). */
  bounded: boolean;
  /**
   * Whom to tell when the scope aborts, with the reason: one listener at a time (the attempt while it waits for
   * the response, then the call while openapi-fetch reads the body), so that what waits ends at that moment even
   * if what was given the signal ignores it.
   */
  onAbort(listener: (reason: unknown) => void): void;
  /** Whether the scope aborted (its time ran out, or the caller aborted). */
  isAborted(): boolean;
  /** Stops the timer and stops listening to the caller: the scope will not abort any more. */
  release(): void;
}

/** No time limit, no caller's signal: nothing to abort, nothing to release. */
const UNBOUNDED: Scope = {
  init: Object.freeze({ redirect: "manual" }),
  bounded: false,
  onAbort: () => undefined,
  isAborted: () => false,
  release: () => undefined,
};

/**
 * A scope that aborts when `ms` pass (with a `TimeoutError` DOMException, as `AbortSignal.timeout()` does) or
 * when `caller` aborts (with its reason). Built from an AbortController rather than `AbortSignal.any`, which
 * older browsers lack; none at all when there is neither a time limit nor a caller's signal. The signal is a
 * getter of the init's own, so that a copy (`{ ...init }`) carries it. A listener rather than a promise says
 * when it aborts: a promise that almost never settles, raced on every call, costs more than the call's own work.
 */
export function startScope(clock: Clock, ms: number, caller: AbortSignal | undefined): Scope {
  if (ms == Infinity && !caller) return UNBOUNDED;
  // Made when the signal is first read, and aborted then if the scope already has: creating an AbortController
  // costs more than all the rest of an attempt's bookkeeping, and a fetch that never reads it never needs one.
  let controller: AbortController | undefined;
  let abortedWith: { reason: unknown } | undefined;
  let listener: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown) => {
    abortedWith = { reason };
    controller?.abort(reason);
    listener?.(reason);
  };
  const onCallerAbort = () => abort(caller!.reason);
  const cancel = startTimer(clock, ms, () => abort(new DOMException(`no response within ${ms} ms`, "TimeoutError")));
  caller?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    init: {
      redirect: "manual",
      get signal() {
        if (!controller) {
          controller = new AbortController();
          if (abortedWith) controller.abort(abortedWith.reason);
        }
        return controller.signal;
      },
    },
    bounded: true,
    onAbort(next) {
      listener = next;
    },
    isAborted: () => abortedWith !== undefined,
    release() {
      cancel();
      caller?.removeEventListener("abort", onCallerAbort);
    },
  };
}
