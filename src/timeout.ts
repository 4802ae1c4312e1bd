import type { Clock } from "./core/clock.js";

/**
 * Runs one attempt under its own timer: `work` gets a signal that aborts when `ms` pass or the caller's
 * signal aborts, and the promise rejects at that moment, even if `work` ignores the signal (a custom fetch
 * may). A timeout rejects with a `TimeoutError` DOMException, as `AbortSignal.timeout()` does; a caller's
 * abort with the caller's reason. Built from a plain AbortController, not `AbortSignal.any`, which older
 * browsers lack.
 */
export function withTimer<T>(work: (signal: AbortSignal | undefined) => Promise<T>, ms: number | undefined, caller: AbortSignal | undefined, clock: Clock): Promise<T> {
  if (ms === undefined && !caller) return work(undefined);
  return new Promise<T>((resolve, reject) => {
    const controller = new AbortController();
    let timer: unknown;
    const done = () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    };
    const stop = (reason: unknown) => {
      done();
      controller.abort(reason);
      reject(reason);
    };
    const onAbort = () => stop(caller!.reason);
    if (ms !== undefined) timer = clock.setTimeout(() => stop(new DOMException(`no response within ${ms} ms`, "TimeoutError")), ms);
    caller?.addEventListener("abort", onAbort);
    try {
      work(controller.signal).then(
        (value) => (done(), resolve(value)),
        (error: unknown) => (done(), reject(error)),
      );
    } catch (error) {
      done();
      reject(error);
    }
  });
}

/** Whether `error` is a timeout, ours or the runtime's. */
export function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "TimeoutError";
}

/** Waits `ms`, or rejects with the caller's reason as soon as its signal aborts. */
export function sleep(ms: number, caller: AbortSignal | undefined, clock: Clock): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(caller!.reason);
    };
    const timer = clock.setTimeout(() => {
      caller?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    caller?.addEventListener("abort", onAbort, { once: true });
  });
}
