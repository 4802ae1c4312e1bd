/** Time and chance, injectable so that tests and simulations control backoff, timeouts and token expiry. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** A number in [0, 1), for backoff jitter. */
  random(): number;
}

/** The runtime's own, looked up at each use so that fake timers installed later (vitest, sinon) apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
  random: () => Math.random(),
};
