import { describe, expect, it } from "vitest";
import { createBatcher, type BatcherOptions } from "../../src/batch/batcher.js";
import { DeliveryError } from "../../src/batch/delivery-error.js";
import { GalaxiomError } from "../../src/index.js";
import { recordingLogger } from "../helpers/logger.js";
import { manualClock, settled } from "../helpers/manual-clock.js";

/** One call of `send`, answered when the test says. */
interface Sent {
  items: string[];
  key: string;
  signal: AbortSignal;
  ack(): void;
  fail(error: unknown): void;
}

/** A batcher over strings, each a byte per character, whose sends wait for the test; every loss is kept. */
function setup(options: Partial<BatcherOptions<string>> = {}) {
  const clock = manualClock();
  const logger = recordingLogger();
  const sent: Sent[] = [];
  const errors: DeliveryError[] = [];
  const batcher = createBatcher<string>({
    name: "test",
    sizeOf: (item) => item.length,
    send: (items, signal, key) => new Promise((resolve, reject) => sent.push({ items, key, signal, ack: resolve, fail: reject })),
    onError: (error) => errors.push(error),
    clock,
    logger,
    ...options,
  });
  return { batcher, clock, logger, sent, errors };
}

const items = (count: number, prefix = "e") => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe("when a batch goes", () => {
  it("at maxBatchSize events, at once; the rest after the interval", async () => {
    const { batcher, clock, sent } = setup({ maxBatchSize: 3, concurrency: 10 });
    expect(batcher.add("k", items(7))).toBe(7);
    await settled();
    expect(sent.map((batch) => batch.items)).toEqual([
      ["e0", "e1", "e2"],
      ["e3", "e4", "e5"],
    ]);
    await clock.advance(999);
    expect(sent).toHaveLength(2);
    await clock.advance(1);
    expect(sent[2]!.items).toEqual(["e6"]);
  });

  it("before it would pass maxBatchBytes; an event larger than that goes alone", async () => {
    const { batcher, sent } = setup({ maxBatchBytes: 10, maxQueuedBytes: 100, concurrency: 10 });
    batcher.add("k", ["aaaa", "bbbb", "cccc", "x".repeat(12), "dd"]);
    batcher.flush();
    await settled();
    expect(sent.map((batch) => batch.items)).toEqual([["aaaa", "bbbb"], ["cccc"], ["x".repeat(12)], ["dd"]]);
  });

  it("with one key's events only: batches never mix keys", async () => {
    const { batcher, sent } = setup({ maxBatchSize: 2, concurrency: 10 });
    batcher.add("a", ["a0"]);
    batcher.add("b", ["b0"]);
    batcher.add("a", ["a1"]);
    batcher.add("b", ["b1", "b2"]);
    const flushed = batcher.flush();
    await settled();
    for (const batch of sent) batch.ack();
    await flushed;
    expect(sent.map(({ key, items }) => [key, items])).toEqual([
      ["a", ["a0", "a1"]],
      ["b", ["b0", "b1"]],
      ["b", ["b2"]],
    ]);
  });

  it("`concurrency` at a time, the next when one is acknowledged", async () => {
    const { batcher, sent } = setup({ maxBatchSize: 1, concurrency: 2 });
    batcher.add("k", items(4));
    await settled();
    expect(sent).toHaveLength(2);
    sent[0]!.ack();
    await settled();
    expect(sent.map((batch) => batch.items[0])).toEqual(["e0", "e1", "e2"]);
  });

  it("after the interval from the first queued event, by a timer that is unref'd; none is armed when idle", async () => {
    const { batcher, clock, sent } = setup();
    expect(clock.armed()).toEqual([]);
    batcher.add("k", ["e0"]);
    expect(clock.armed()).toEqual([{ unref: true }]);
    await clock.advance(1000);
    expect(sent[0]!.items).toEqual(["e0"]);
    sent[0]!.ack();
    await settled();
    expect(clock.armed()).toEqual([]);
  });
});

describe("flush()", () => {
  it("sends what is queued at once and resolves once the server has acknowledged it all", async () => {
    const { batcher, sent } = setup({ maxBatchSize: 2 });
    batcher.add("k", items(3));
    let done = false;
    const flushed = batcher.flush().then(() => (done = true));
    await settled();
    expect(sent.map((batch) => batch.items)).toEqual([["e0", "e1"], ["e2"]]);
    sent[0]!.ack();
    await settled();
    expect(done).toBe(false);
    sent[1]!.ack();
    await flushed;
    expect(batcher.stats()).toEqual({ queuedBytes: 0, acknowledged: 3, lost: 0, dropped: 0 });
  });

  it("does not wait for events added after it began", async () => {
    const { batcher, sent } = setup();
    batcher.add("k", ["old"]);
    const flushed = batcher.flush();
    batcher.add("k", ["new"]);
    await settled();
    sent[0]!.ack();
    await expect(flushed).resolves.toBeUndefined();
    expect(batcher.stats().queuedBytes).toBe(3);
  });

  it("rejects with the events lost; onError got each loss once; the next flush reports nothing again", async () => {
    const { batcher, sent, errors } = setup({ maxBatchSize: 2 });
    batcher.add("k", items(3));
    const flushed = batcher.flush();
    await settled();
    const refused = new Error("503 Service Unavailable");
    sent[0]!.fail(refused);
    sent[1]!.ack();
    const error = (await flushed.catch((e: unknown) => e)) as DeliveryError;

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.lost).toBe(2);
    expect(error.message).toBe("test: 2 events lost since the last flush (test: 2 events lost: 503 Service Unavailable)");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.lost).toBe(2);
    expect(errors[0]!.cause).toBe(refused);
    expect(error.errors).toEqual(errors);
    expect(batcher.stats()).toMatchObject({ acknowledged: 1, lost: 2, queuedBytes: 0 });
    await expect(batcher.flush()).resolves.toBeUndefined();
  });

  it("reports a loss that happened before it was called", async () => {
    const { batcher, sent, clock } = setup();
    batcher.add("k", ["e0"]);
    await clock.advance(1000);
    sent[0]!.fail(new Error("reset"));
    await settled();
    await expect(batcher.flush()).rejects.toMatchObject({ lost: 1 });
  });

  it("two flushes awaited at once both report a loss that happened before either finished", async () => {
    const { batcher, sent } = setup({ maxBatchSize: 1 });
    batcher.add("k", ["e0"]);
    const first = batcher.flush();
    batcher.add("k", ["e1"]);
    const second = batcher.flush();
    await settled();
    sent[0]!.fail(new Error("refused"));
    sent[1]!.ack();
    await expect(first).rejects.toMatchObject({ lost: 1 });
    await expect(second).rejects.toMatchObject({ lost: 1 });
    await expect(batcher.flush()).resolves.toBeUndefined();
  });

  it("counts only what a send's DeliveryError says was lost", async () => {
    const { batcher, sent } = setup();
    batcher.add("k", items(5));
    const flushed = batcher.flush();
    await settled();
    sent[0]!.fail(new DeliveryError("the server refused 2 of 5", 2));
    await expect(flushed).rejects.toMatchObject({ lost: 2 });
    expect(batcher.stats()).toMatchObject({ acknowledged: 3, lost: 2 });
  });

  it("gives up at its timeout: aborts what is in flight, drops what waited, and rejects with all of it", async () => {
    const { batcher, clock, sent, errors } = setup({ maxBatchSize: 2, concurrency: 1 });
    batcher.add("k", items(4));
    const flushed = batcher.flush({ timeout: 5000 }).catch((e: unknown) => e);
    await clock.advance(4999);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    const error = (await flushed) as DeliveryError;

    expect(error.lost).toBe(4);
    expect(errors.map((e) => e.message)).toEqual(["test: flush() gave up after 5000 ms on 4 events not yet acknowledged (those in flight may have arrived)"]);
    expect(sent[0]!.signal.aborted).toBe(true);
    expect(sent).toHaveLength(1);
    expect(batcher.stats()).toMatchObject({ queuedBytes: 0, lost: 4 });
    // The aborted send settling late counts nothing twice.
    sent[0]!.fail(sent[0]!.signal.reason);
    await settled();
    expect(batcher.stats()).toMatchObject({ lost: 4, acknowledged: 0 });
  });

  it("has flushTimeoutMs as its default timeout, and none with false", async () => {
    const { batcher, clock, sent } = setup({ flushTimeoutMs: 100 });
    batcher.add("k", ["e0"]);
    const timed = batcher.flush().catch((e: unknown) => e);
    await clock.advance(100);
    await expect(timed).resolves.toMatchObject({ lost: 1 });

    batcher.add("k", ["e1"]);
    let done = false;
    const untimed = batcher.flush({ timeout: false }).then(() => (done = true));
    await clock.advance(1_000_000);
    expect(done).toBe(false);
    sent[1]!.ack();
    await untimed;
  });
});

describe("memory", () => {
  it("is bounded by maxQueuedBytes: the newest events are dropped, counted, warned of once and reported once room is made", async () => {
    const { batcher, sent, errors, logger } = setup({ maxBatchBytes: 4, maxQueuedBytes: 8, concurrency: 1 });
    expect(batcher.add("k", ["aa", "bb", "cc", "dd", "ee"])).toBe(4);
    expect(batcher.add("k", ["ff"])).toBe(0);
    expect(batcher.stats()).toMatchObject({ queuedBytes: 8, dropped: 2 });
    expect(logger.lines.map((line) => [line.level, line.message])).toEqual([
      ["warn", "test: the queue is full (maxQueuedBytes 8): dropping new events until it drains"],
    ]);
    expect(errors).toEqual([]);

    await settled();
    sent[0]!.ack();
    await settled();
    expect(errors.map((e) => [e.message, e.lost])).toEqual([["test: 2 events dropped: the queue was full (maxQueuedBytes 8)", 2]]);
    expect(batcher.add("k", ["gg"])).toBe(1);
    const flushed = batcher.flush();
    await settled();
    sent[1]!.ack();
    await settled();
    sent[2]!.ack();
    await expect(flushed).rejects.toMatchObject({ lost: 2 });
    expect(batcher.stats()).toEqual({ queuedBytes: 0, acknowledged: 5, lost: 2, dropped: 2 });
  });

  it("ready() waits for room instead, first come first served", async () => {
    const { batcher, sent } = setup({ maxBatchBytes: 4, maxQueuedBytes: 8, concurrency: 1 });
    await batcher.ready(8);
    batcher.add("k", ["aa", "bb", "cc", "dd"]);
    const order: string[] = [];
    batcher.ready(4).then(() => order.push("first"));
    batcher.ready(2).then(() => order.push("second"));
    await settled();
    expect(order).toEqual([]);
    // 4 bytes free: the first waiter's, whom the second does not pass.
    sent[0]!.ack();
    await settled();
    expect(order).toEqual(["first"]);
    sent[1]!.ack();
    await settled();
    expect(order).toEqual(["first", "second"]);
    expect(batcher.stats().dropped).toBe(0);
  });
});

describe("onError", () => {
  it("throwing does not stop delivery; the loss is logged instead", async () => {
    const { batcher, sent, logger } = setup({
      onError: () => {
        throw new Error("bug in the app");
      },
      maxBatchSize: 1,
    });
    batcher.add("k", ["e0", "e1"]);
    const flushed = batcher.flush();
    await settled();
    sent[0]!.fail(new Error("refused"));
    await settled();
    sent[1]!.ack();
    await expect(flushed).rejects.toMatchObject({ lost: 1 });
    expect(logger.lines.map((line) => line.message)).toEqual(["test: onError threw: bug in the app; test: 1 events lost: refused"]);
  });

  it("defaults to the logger's error", async () => {
    const { batcher, sent, logger } = setup({ onError: undefined });
    batcher.lose(new DeliveryError("test: 3 events lost: not JSON", 3));
    expect(logger.lines).toEqual([{ level: "error", message: "test: 3 events lost: not JSON", fields: { lost: 3 } }]);
    expect(sent).toEqual([]);
    await expect(batcher.flush()).rejects.toMatchObject({ lost: 3 });
  });
});

describe("options", () => {
  it.each([
    [{ maxBatchSize: 0 }, "maxBatchSize must be a whole number above 0"],
    [{ maxBatchBytes: 1.5 }, "maxBatchBytes must be a whole number above 0"],
    [{ flushIntervalMs: Number.NaN }, "flushIntervalMs must be a number above 0"],
    [{ maxQueuedBytes: Infinity }, "maxQueuedBytes must be a whole number above 0"],
    [{ concurrency: -1 }, "concurrency must be a whole number above 0"],
    [{ flushTimeoutMs: 0 }, "flushTimeoutMs must be a number above 0"],
    [{ maxBatchBytes: 10, maxQueuedBytes: 5 }, "maxQueuedBytes (5) must hold at least one batch (maxBatchBytes 10)"],
  ])("refuses %j", (options, message) => {
    expect(() => setup(options)).toThrow(new GalaxiomError(message));
  });

  it("takes undefined as the default", async () => {
    const { batcher, sent } = setup({ maxBatchSize: undefined });
    batcher.add("k", items(1000));
    await settled();
    expect(sent[0]!.items).toHaveLength(1000);
  });
});
