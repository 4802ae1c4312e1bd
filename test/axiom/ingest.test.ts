import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/batch/delivery-error.js";
import { createAxiomIngest, type AxiomIngestOptions } from "../../src/axiom/ingest.js";
import { ConnectionError, createAxiomClient, GalaxiomError, ServerError, type ClientOptions } from "../../src/index.js";
import { type Fault, useFakeAxiom } from "../helpers/fake-axiom.js";
import { recordingLogger } from "../helpers/logger.js";

const fakeAxiom = useFakeAxiom();
const TOKEN = "xaat-ingest-0123456789abcdef";

/** A fake Axiom scripted with `faults`, and an ingest over a client of it whose backoff is 0 ms; every loss is kept. */
async function setup(faults: Fault[] = [], options: AxiomIngestOptions = {}, client: ClientOptions = {}) {
  const axiom = await fakeAxiom(faults);
  const errors: DeliveryError[] = [];
  const logger = recordingLogger();
  const clientLogger = recordingLogger();
  const ingest = createAxiomIngest(createAxiomClient({ token: TOKEN, baseUrl: axiom.origin, clock: { random: () => 0 }, logger: clientLogger, ...client }), {
    onError: (error) => errors.push(error),
    logger,
    ...options,
  });
  return { axiom, ingest, errors, logger, clientLogger };
}

const events = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ id: from + i, message: `event ${from + i}` }));
const ids = (lines: string[] | undefined) => (lines ?? []).map((line) => (JSON.parse(line) as { id: number }).id);
/** The ids applied, in order of id: batches in flight at once may land in either order. */
const sortedIds = (lines: string[] | undefined) => ids(lines).sort((a, b) => a - b);
const range = (count: number) => [...Array(count).keys()];

describe("batched ingest", () => {
  it("queues and returns at once; batches go as NDJSON to the dataset with the client's credentials", async () => {
    const { axiom, ingest } = await setup([], { maxBatchSize: 2, compressAbove: false });
    expect(ingest.ingest("logs", events(3))).toBeUndefined();
    ingest.ingest("logs", { id: 3, message: "event 3" });
    expect(axiom.arrived()).toBe(0);
    await ingest.flush();

    expect(axiom.requests.map((request) => request.lines.length)).toEqual([2, 2]);
    const [first] = axiom.requests;
    expect(first!.headers["content-type"]).toBe("application/x-ndjson");
    expect(first!.headers["content-encoding"]).toBeUndefined();
    expect(first!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(first!.lines[0]).toBe('{"id":0,"message":"event 0"}');
    expect(ids(axiom.applied.get("logs"))).toEqual(range(4));
    expect(ingest.stats()).toEqual({ queuedBytes: 0, acknowledged: 4, lost: 0, dropped: 0 });
  });

  it("sends the event as it was when ingested, not as it is when its batch goes", async () => {
    const { axiom, ingest } = await setup();
    const event = { id: 0, message: "before" };
    ingest.ingest("logs", event);
    event.message = "after";
    await ingest.flush();
    expect(axiom.applied.get("logs")).toEqual(['{"id":0,"message":"before"}']);
  });

  it("gzips a body from compressAbove characters on, where the runtime has CompressionStream", async () => {
    const { axiom, ingest } = await setup([], { compressAbove: 200 });
    ingest.ingest("small", events(1));
    ingest.ingest("large", events(20));
    await ingest.flush();
    const [small, large] = ["small", "large"].map((dataset) => axiom.requests.find((request) => request.dataset == dataset)!);
    expect(small!.headers["content-encoding"]).toBeUndefined();
    expect(large!.headers["content-encoding"]).toBe("gzip");
    expect(large!.wireBytes).toBeLessThan(large!.lines.join("\n").length);
    expect(ids(axiom.applied.get("large"))).toEqual(range(20));
  });

  it("sends the spec's ingest options; batches never mix datasets or options", async () => {
    const { axiom, ingest } = await setup();
    const options = { timestampField: "ts", timestampFormat: "2006-01-02T15:04:05Z07:00", labels: { region: "eu", café: "crème ☕" } };
    ingest.ingest("logs", events(1, 0));
    ingest.ingest("logs", events(1, 1), options);
    ingest.ingest("other", events(1, 2), options);
    ingest.ingest("logs", events(1, 3), { ...options, labels: { region: "us" } });
    ingest.ingest("logs", events(1, 4));
    await ingest.flush();

    const sent = axiom.requests.map(({ dataset, query, headers, lines }) => ({
      dataset,
      query: Object.fromEntries(query),
      labels: headers["x-axiom-event-labels"] && JSON.parse(headers["x-axiom-event-labels"] as string),
      ids: ids(lines),
    }));
    expect(sent.sort((a, b) => a.ids[0]! - b.ids[0]!)).toEqual([
      { dataset: "logs", query: {}, labels: undefined, ids: [0, 4] },
      { dataset: "logs", query: { "timestamp-field": "ts", "timestamp-format": options.timestampFormat }, labels: options.labels, ids: [1] },
      { dataset: "other", query: { "timestamp-field": "ts", "timestamp-format": options.timestampFormat }, labels: options.labels, ids: [2] },
      { dataset: "logs", query: { "timestamp-field": "ts", "timestamp-format": options.timestampFormat }, labels: { region: "us" }, ids: [3] },
    ]);
  });

  it("reports events that are not JSON objects as lost, and sends the others", async () => {
    const { axiom, ingest, errors } = await setup();
    const circular: Record<string, unknown> = { id: 1 };
    circular.self = circular;
    ingest.ingest("logs", [{ id: 0 }, circular, { id: 2, big: 2n }, [3] as object, { id: 4 }]);
    await expect(ingest.flush()).rejects.toMatchObject({ lost: 3 });
    expect(ids(axiom.applied.get("logs"))).toEqual([0, 4]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^axiom ingest into "logs": 3 events lost: Do not know how to serialize a BigInt/);
  });

  it("refuses at once a dataset no call could go to", () => {
    // A throwing client fits as well as a plain one: each call says throwOnError itself.
    const ingest = createAxiomIngest(createAxiomClient({ token: TOKEN, throwOnError: true }));
    for (const dataset of ["", ".", ".."]) expect(() => ingest.ingest(dataset, {})).toThrow(GalaxiomError);
    expect(() => ingest.ingest(undefined as unknown as string, {})).toThrow("axiom ingest: the dataset must be a name, not undefined");
  });
});

describe("nothing is lost silently", () => {
  it("a batch refused with 503 twice is sent again, and arrives once", async () => {
    const { axiom, ingest, errors } = await setup([503, 503]);
    ingest.ingest("logs", events(10));
    await ingest.flush();
    expect(axiom.requests).toHaveLength(3);
    expect(ids(axiom.applied.get("logs"))).toEqual(range(10));
    expect(errors).toEqual([]);
  });

  it("a 429 waits as its Retry-After asks, then arrives once", async () => {
    const { axiom, ingest, clientLogger } = await setup([{ status: 429, headers: { "retry-after": "1" } }]);
    ingest.ingest("logs", events(5));
    await ingest.flush();
    expect(clientLogger.lines.filter((line) => line.level == "warn").map((line) => line.message)).toEqual([
      "galaxiom: POST /v1/datasets/{dataset_name}/ingest 429; retrying in 1000 ms (attempt 2/3)",
    ]);
    expect(ids(axiom.applied.get("logs"))).toEqual(range(5));
  });

  it("a connection cut before Axiom applied the batch: sent again, arrives once", async () => {
    const { axiom, ingest } = await setup(["reset"]);
    ingest.ingest("logs", events(10));
    await ingest.flush();
    expect(axiom.requests).toHaveLength(2);
    expect(ids(axiom.applied.get("logs"))).toEqual(range(10));
  });

  it("a connection cut while the batch was arriving: sent again, arrives once", async () => {
    const { axiom, ingest } = await setup(["reset while reading"], { compressAbove: false });
    ingest.ingest(
      "logs",
      events(1000).map((event) => ({ ...event, padding: "x".repeat(1000) })),
    );
    await ingest.flush();
    expect(axiom.arrived()).toBe(2);
    expect(ids(axiom.applied.get("logs"))).toEqual(range(1000));
  });

  it("a connection cut after Axiom applied the batch: sent again, so applied twice (at least once)", async () => {
    const { axiom, ingest } = await setup(["reset after applying"]);
    ingest.ingest("logs", events(3));
    await ingest.flush();
    expect(ids(axiom.applied.get("logs"))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("a server that stops reading: the attempt times out, and the batch is sent again", async () => {
    const { axiom, ingest } = await setup(["stop reading"], { timeout: 1500, compressAbove: false });
    ingest.ingest(
      "logs",
      events(2000, 0).map((event) => ({ ...event, padding: "x".repeat(500) })),
    );
    await ingest.flush();
    expect(axiom.arrived()).toBe(3);
    expect(sortedIds(axiom.applied.get("logs"))).toEqual(range(2000));
  });

  it("3 × 503 with 4 attempts: 10,000 events, each applied once", async () => {
    const { axiom, ingest, errors } = await setup([503, 503, 503], { retry: { attempts: 4 }, concurrency: 1 });
    for (let i = 0; i < 10_000; i += 100) ingest.ingest("logs", events(100, i));
    await ingest.flush();
    expect(ids(axiom.applied.get("logs"))).toEqual(range(10_000));
    expect(errors).toEqual([]);
    expect(ingest.stats()).toMatchObject({ acknowledged: 10_000, lost: 0 });
  });

  it("a batch that fails every attempt is reported once with its count; flush() rejects; the rest arrive", async () => {
    const { axiom, ingest, errors } = await setup([503, 503, 503], { concurrency: 1, maxBatchSize: 1000 });
    for (let i = 0; i < 10_000; i += 100) ingest.ingest("logs", events(100, i));
    const error = (await ingest.flush().catch((e: unknown) => e)) as DeliveryError;

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.lost).toBe(1000);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('axiom ingest into "logs": 1000 events lost: POST /v1/datasets/{dataset_name}/ingest: 503 Service Unavailable: injected');
    expect(errors[0]!.cause).toBeInstanceOf(ServerError);
    expect(error.errors).toEqual(errors);
    // Counted on both sides: what Axiom applied and what was reported lost make up all that was offered, once each.
    expect(ids(axiom.applied.get("logs"))).toEqual(range(10_000).slice(1000));
    expect(ingest.stats()).toMatchObject({ acknowledged: 9000, lost: 1000 });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    await expect(ingest.flush()).resolves.toBeUndefined();
  });

  it("a server that never answers: the connection failure is reported with the count", async () => {
    const { ingest, errors } = await setup(["reset", "reset"], { retry: { attempts: 2 } });
    ingest.ingest("logs", events(7));
    await expect(ingest.flush()).rejects.toMatchObject({ lost: 7 });
    expect(errors[0]!.cause).toBeInstanceOf(ConnectionError);
  });

  it("events Axiom refuses in a batch it took are reported lost, quoting Axiom", async () => {
    const refuse: Fault = (request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          ingested: request.lines.length - 2,
          failed: 2,
          failures: [{ timestamp: "2026-01-01T00:00:00Z", error: "invalid timestamp" }],
          processedBytes: 10,
        }),
      );
    const { ingest, errors } = await setup([refuse]);
    ingest.ingest("logs", events(5));
    await expect(ingest.flush()).rejects.toMatchObject({ lost: 2 });
    expect(errors.map((error) => error.message)).toEqual(['axiom ingest into "logs": Axiom refused 2 of 5 events: invalid timestamp']);
    expect(ingest.stats()).toMatchObject({ acknowledged: 3, lost: 2 });
  });
});

describe("memory and shutdown", () => {
  it("a stalled server: the queue stops at maxQueuedBytes, drops the newest with one warning, and flush() gives up at its timeout", async () => {
    const stalled: Fault[] = Array(10).fill("stop reading");
    const options = { maxBatchBytes: 16 * 1024, maxQueuedBytes: 64 * 1024, timeout: false as const };
    const { ingest, logger, errors } = await setup(stalled, options);
    const event = { message: "x".repeat(1000) };
    for (let i = 0; i < 1000; i++) ingest.ingest("logs", event);

    const { queuedBytes, dropped } = ingest.stats();
    expect(queuedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(dropped).toBe(1000 - Math.floor((64 * 1024) / 1017));
    expect(logger.lines.map((line) => line.message)).toEqual(["axiom ingest: the queue is full (maxQueuedBytes 65536): dropping new events until it drains"]);
    const error = (await ingest.flush({ timeout: 300 }).catch((e: unknown) => e)) as DeliveryError;
    expect(error.lost).toBe(1000);
    expect(errors.map((e) => e.lost).sort()).toEqual([1000 - dropped, dropped].sort());
    expect(ingest.stats()).toMatchObject({ queuedBytes: 0, acknowledged: 0, lost: 1000 });
  });

  it("one ingest() of a large array is bounded as many are: past maxQueuedBytes the newest are dropped", async () => {
    const { ingest } = await setup(Array(10).fill("stop reading"), { maxBatchBytes: 16 * 1024, maxQueuedBytes: 64 * 1024 });
    const large = Array.from({ length: 5000 }, (_, id) => ({ id, message: "x".repeat(1000) }));
    ingest.ingest("logs", large);
    expect(ingest.stats().queuedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(ingest.stats().dropped).toBeGreaterThan(4900);
    await expect(ingest.flush({ timeout: 100 })).rejects.toMatchObject({ lost: 5000 });
  });

  it("ready() waits for room, so a producer that awaits it never drops", async () => {
    const { axiom, ingest } = await setup([], { maxBatchBytes: 4096, maxQueuedBytes: 8192 });
    for (let i = 0; i < 200; i++) {
      await ingest.ready();
      ingest.ingest(
        "logs",
        events(1, i).map((event) => ({ ...event, padding: "x".repeat(200) })),
      );
    }
    await ingest.flush();
    expect(ids(axiom.applied.get("logs"))).toEqual(range(200));
    expect(ingest.stats().dropped).toBe(0);
  });
});
