import type { Clock } from "../../src/index.js";

interface Timer {
  at: number;
  callback: () => void;
  unref: boolean;
}

/** A Clock whose time moves only when a test says: `advance(ms)` fires the timers due, in order, letting promises settle between. */
export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Timers armed and not yet fired or cleared, and whether each was unref'd. */
  armed(): { unref: boolean }[];
}

export function manualClock(): ManualClock {
  let now = 0;
  const timers = new Map<object, Timer>();
  return {
    now: () => now,
    random: () => 0,
    setTimeout(callback, ms) {
      const handle = {
        unref() {
          timers.get(handle)!.unref = true;
        },
      };
      timers.set(handle, { at: now + ms, callback, unref: false });
      return handle;
    },
    clearTimeout: (handle) => void timers.delete(handle as object),
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settled();
        const [handle, due] = [...timers].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
        if (!handle) break;
        timers.delete(handle);
        now = due!.at;
        due!.callback();
      }
      now = end;
      await settled();
    },
    armed: () => [...timers.values()].map(({ unref }) => ({ unref })),
  };
}

/** Lets every pending promise reaction run: a macrotask comes after all microtasks. */
export function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
