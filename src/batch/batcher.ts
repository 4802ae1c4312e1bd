import { systemClock, type Clock } from "../core/clock.js";
import type { Logger } from "../core/options.js";
import { startTimer } from "../core/timer.js";
import { GalaxiomError } from "../errors.js";
import { DeliveryError, reasonOf } from "./delivery-error.js";

/** How batches are sized, timed and bounded. The first two defaults are @axiomhq/js's. */
export interface BatchOptions {
  /** A key's queue is sent when it holds this many events. @default 1000 */
  maxBatchSize?: number;
  /** …or before it would pass this many bytes; one event larger than this goes alone. @default 4 MiB */
  maxBatchBytes?: number;
  /** The longest an event waits before its batch is sent. @default 1000 */
  flushIntervalMs?: number;
  /**
   * The most bytes held, queued or in flight. Past it, new events are dropped, counted and reported rather
   * than held: await `ready()` before adding to wait instead. @default 64 MiB
   */
  maxQueuedBytes?: number;
  /** Batches in flight at once. @default 2 */
  concurrency?: number;
  /** How long `flush()` waits before it gives up on what it is sending; `false`: no limit. @default 30000 */
  flushTimeoutMs?: number | false;
  /** Called once per loss, with how many events it lost. @default the logger's `error` */
  onError?: (error: DeliveryError) => void;
  /** Where the warning that the queue is full goes, and losses when there is no `onError`. @default console */
  logger?: Logger;
  /** Time, for tests. */
  clock?: Partial<Clock>;
}

export interface BatcherOptions<T> extends BatchOptions {
  /**
   * Sends one batch, resolving once the server has acknowledged it. A rejection loses the batch, or as many of
   * its events as a DeliveryError's `lost` says. Retrying is send's job (a galaxiom call retries under the
   * client's policy). The signal aborts when a `flush()` gives up on the batch.
   */
  send(items: T[], signal: AbortSignal, key: string): Promise<void>;
  /** An item's size in bytes, as `maxBatchBytes` and `maxQueuedBytes` count it. */
  sizeOf(item: T): number;
  /** What messages call the batcher: "axiom ingest". */
  name: string;
}

export interface BatcherStats {
  /** Bytes held: queued, waiting for a slot, or in flight. */
  queuedBytes: number;
  /** Events the server acknowledged. */
  acknowledged: number;
  /** Events lost, each reported to `onError`: dropped ones included. */
  lost: number;
  /** Events dropped because the queue was full. */
  dropped: number;
}

export interface Batcher<T> {
  /**
   * Queues items under `key` (a batch holds one key's items, so batches never mix options) and returns how
   * many it took: those that do not fit under `maxQueuedBytes`, the newest, are dropped, counted and reported.
   */
  add(key: string, items: readonly T[]): number;
  /** Resolves when `bytes` more fit under `maxQueuedBytes`: at once when they do, else as batches are acknowledged. */
  ready(bytes?: number): Promise<void>;
  /**
   * Sends everything queued now and resolves once the server has acknowledged it all. Rejects with a
   * DeliveryError summing the losses no earlier flush reported, and, when `timeout` passes, gives up on what it
   * is still sending (a loss too).
   */
  flush(options?: { timeout?: number | false }): Promise<void>;
  /** Reports events lost before they were queued (an event that is not JSON): to `onError`, and by the next flush. */
  lose(error: DeliveryError): void;
  stats(): BatcherStats;
}

export const BATCH_DEFAULTS = {
  maxBatchSize: 1000,
  maxBatchBytes: 4 * 1024 * 1024,
  flushIntervalMs: 1000,
  maxQueuedBytes: 64 * 1024 * 1024,
  concurrency: 2,
  flushTimeoutMs: 30_000,
} as const;

/** How many losses a flush's error lists, the latest; its `lost` counts them all. Bounds memory when no one flushes. */
const KEPT_LOSSES = 10;

interface Queue<T> {
  items: T[];
  bytes: number;
}

interface Batch<T> extends Queue<T> {
  key: string;
  controller: AbortController;
  /** Acknowledged, lost or given up on: its bytes and slot are free. */
  settled: boolean;
  done: Promise<void>;
  finish: () => void;
}

/**
 * A batching engine: items queue per key, a key's queue goes out as a batch when it is full or the interval
 * passes, `concurrency` batches at a time, and everything held is bounded by `maxQueuedBytes`. What it sends,
 * and how, is `send`'s: Axiom ingest and Galileo logging each bring their own.
 */
export function createBatcher<T>(options: BatcherOptions<T>): Batcher<T> {
  const { send, sizeOf, name } = options;
  const { maxBatchSize, maxBatchBytes, flushIntervalMs, maxQueuedBytes, concurrency, flushTimeoutMs } = checked(options);
  const clock = { ...systemClock, ...options.clock };
  const logger = options.logger ?? console;
  const onError = options.onError ?? ((error: DeliveryError) => logger.error(error.message, { lost: error.lost }));

  const queues = new Map<string, Queue<T>>();
  /** Batches cut and waiting for a slot, oldest first. */
  const waiting: Batch<T>[] = [];
  const inFlight = new Set<Batch<T>>();
  const waiters: { bytes: number; resolve: () => void }[] = [];
  const stats: BatcherStats = { queuedBytes: 0, acknowledged: 0, lost: 0, dropped: 0 };
  let timer: unknown;
  /** Dropped since the queue last filled, reported as one loss once room is made. */
  let dropping = 0;
  // Losses are numbered; a flush reports those after the last one a finished flush reported, so that two flushes
  // awaited at once both see a loss that happened before either finished.
  let losses = 0;
  const recent: { seq: number; error: DeliveryError }[] = [];
  let reported = { losses: 0, lost: 0 };

  function add(key: string, items: readonly T[]): number {
    let taken = 0;
    for (const item of items) {
      const size = sizeOf(item);
      if (stats.queuedBytes + size > maxQueuedBytes) break;
      let queue = queues.get(key);
      if (queue && queue.bytes + size > maxBatchBytes) {
        cut(key, queue);
        queue = undefined;
      }
      if (!queue) queues.set(key, (queue = { items: [], bytes: 0 }));
      queue.items.push(item);
      queue.bytes += size;
      stats.queuedBytes += size;
      taken++;
      if (queue.items.length >= maxBatchSize || queue.bytes >= maxBatchBytes) cut(key, queue);
    }
    if (taken < items.length) drop(items.length - taken);
    if (queues.size && timer === undefined) arm();
    pump();
    return taken;
  }

  function drop(count: number): void {
    if (!dropping) logger.warn(`${name}: the queue is full (maxQueuedBytes ${maxQueuedBytes}): dropping new events until it drains`, { maxQueuedBytes });
    dropping += count;
    stats.dropped += count;
  }

  function reportDrops(): void {
    if (!dropping) return;
    const count = dropping;
    dropping = 0;
    lose(new DeliveryError(`${name}: ${count} events dropped: the queue was full (maxQueuedBytes ${maxQueuedBytes})`, count));
  }

  function cut(key: string, queue: Queue<T>): void {
    queues.delete(key);
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    waiting.push({ ...queue, key, controller: new AbortController(), settled: false, done, finish });
  }

  function arm(): void {
    timer = clock.setTimeout(() => {
      timer = undefined;
      for (const [key, queue] of queues) cut(key, queue);
      pump();
    }, flushIntervalMs);
    // An idle batcher must not keep a process alive: `flush()` before exit sends what is queued.
    (timer as { unref?: () => void } | null)?.unref?.();
  }

  function pump(): void {
    while (inFlight.size < concurrency && waiting.length) {
      const batch = waiting.shift()!;
      inFlight.add(batch);
      // From a microtask: `add` returns before any sending work starts, and a send that throws rejects.
      Promise.resolve()
        .then(() => send(batch.items, batch.controller.signal, batch.key))
        .then(
          () => settle(batch),
          (failure: unknown) => settle(batch, failure instanceof DeliveryError ? failure : failed(batch, failure)),
        );
    }
  }

  function failed({ items }: Batch<T>, failure: unknown): DeliveryError {
    return new DeliveryError(`${name}: ${items.length} events lost${reasonOf(failure)}`, items.length, { cause: failure });
  }

  function settle(batch: Batch<T>, error?: DeliveryError): void {
    if (batch.settled) return;
    stats.acknowledged += batch.items.length - Math.min(error?.lost ?? 0, batch.items.length);
    release(batch);
    if (error) lose(error);
    pump();
  }

  /** Frees a batch's bytes and slot, and wakes what waited for them. */
  function release(batch: Batch<T>): void {
    batch.settled = true;
    inFlight.delete(batch);
    const at = waiting.indexOf(batch);
    if (at >= 0) waiting.splice(at, 1);
    stats.queuedBytes -= batch.bytes;
    batch.finish();
    reportDrops();
    let room = maxQueuedBytes - stats.queuedBytes;
    while (waiters.length && waiters[0]!.bytes <= room) {
      room -= waiters[0]!.bytes;
      waiters.shift()!.resolve();
    }
  }

  function lose(error: DeliveryError): void {
    stats.lost += error.lost;
    recent.push({ seq: ++losses, error });
    if (recent.length > KEPT_LOSSES) recent.shift();
    try {
      onError(error);
    } catch (thrown) {
      // The app's onError failing must not stop delivery, nor hide the loss.
      logger.error(`${name}: onError threw${reasonOf(thrown)}; ${error.message}`);
    }
  }

  /** Gives up on the batches a flush waited for past its timeout: those in flight are aborted, all are one loss. */
  function giveUp(batches: Batch<T>[], ms: number): void {
    let count = 0;
    for (const batch of batches) {
      if (batch.settled) continue;
      count += batch.items.length;
      batch.controller.abort(new DOMException(`flush() gave up after ${ms} ms`, "AbortError"));
      release(batch);
    }
    if (count)
      lose(new DeliveryError(`${name}: flush() gave up after ${ms} ms on ${count} events not yet acknowledged (those in flight may have arrived)`, count));
    pump();
  }

  async function flush({ timeout = flushTimeoutMs }: { timeout?: number | false } = {}): Promise<void> {
    if (timeout !== false) positive(timeout, "flush timeout", false);
    for (const [key, queue] of queues) cut(key, queue);
    pump();
    const batches = [...inFlight, ...waiting];
    const since = reported;
    // Not unref'd: a flush awaited at exit must end by its deadline, whatever else holds the process.
    const stop = timeout === false ? undefined : startTimer(clock, timeout, () => giveUp(batches, timeout));
    await Promise.all(batches.map((batch) => batch.done));
    stop?.();
    reportDrops();
    if (losses == since.losses) return;
    const errors = recent.filter((loss) => loss.seq > since.losses).map((loss) => loss.error);
    const lost = stats.lost - since.lost;
    const count = losses - since.losses;
    reported = { losses, lost: stats.lost };
    const latest = errors.at(-1)!.message;
    throw new DeliveryError(`${name}: ${lost} events lost since the last flush (${count > 1 ? `${count} losses; the latest: ${latest}` : latest})`, lost, {
      errors,
    });
  }

  return {
    add,
    ready(bytes = 1) {
      const wanted = Math.min(bytes, maxQueuedBytes);
      if (!waiters.length && stats.queuedBytes + wanted <= maxQueuedBytes) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ bytes: wanted, resolve }));
    },
    flush,
    lose,
    stats: () => ({ ...stats }),
  };
}

/** The options with their defaults, each checked: a count or a size of 0, NaN or Infinity would batch nothing or everything. */
function checked(options: BatchOptions): Required<Pick<BatchOptions, keyof typeof BATCH_DEFAULTS>> {
  const { maxBatchSize, maxBatchBytes, flushIntervalMs, maxQueuedBytes, concurrency, flushTimeoutMs } = { ...BATCH_DEFAULTS, ...definedOf(options) };
  positive(maxBatchSize, "maxBatchSize", true);
  positive(maxBatchBytes, "maxBatchBytes", true);
  positive(flushIntervalMs, "flushIntervalMs", false);
  positive(maxQueuedBytes, "maxQueuedBytes", true);
  positive(concurrency, "concurrency", true);
  if (flushTimeoutMs !== false) positive(flushTimeoutMs, "flushTimeoutMs", false);
  if (maxQueuedBytes < maxBatchBytes) {
    throw new GalaxiomError(`maxQueuedBytes (${maxQueuedBytes}) must hold at least one batch (maxBatchBytes ${maxBatchBytes})`);
  }
  return { maxBatchSize, maxBatchBytes, flushIntervalMs, maxQueuedBytes, concurrency, flushTimeoutMs };
}

function positive(value: unknown, name: string, whole: boolean): void {
  if (typeof value != "number" || !(value > 0 && value < Infinity) || (whole && !Number.isInteger(value))) {
    throw new GalaxiomError(`${name} must be a ${whole ? "whole " : ""}number above 0`);
  }
}

/** The options given a value: `{ maxBatchSize: undefined }` keeps the default, as an omitted option does. */
function definedOf(options: BatchOptions): BatchOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
