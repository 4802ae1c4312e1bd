import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/batch/delivery-error.js";
import { createAxiomIngest } from "../../src/axiom/ingest.js";
import { createAxiomClient } from "../../src/index.js";
import { type Fault, useFakeAxiom } from "../helpers/fake-axiom.js";

const fakeAxiom = useFakeAxiom();
const TOKEN = "xaat-stream-0123456789abcdef";

async function setup(faults: Fault[] = [], maxBatchBytes = 1024) {
  const axiom = await fakeAxiom(faults);
  const client = createAxiomClient({ token: TOKEN, baseUrl: axiom.origin, clock: { random: () => 0 } });
  return { axiom, ingest: createAxiomIngest(client, { maxBatchBytes, maxQueuedBytes: maxBatchBytes, compressAbove: 512 }) };
}

const ndjson = (count: number) => Array.from({ length: count }, (_, i) => `{"id":${i},"text":"é ☕ ${"x".repeat(i % 40)}"}\n`).join("");
/** The text cut into pieces of `size` bytes: lines and multi-byte characters split across pieces. */
const pieces = (text: string, size: number) => {
  const bytes = new TextEncoder().encode(text);
  return Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.slice(i * size, (i + 1) * size));
};
const streamOf = <T>(items: T[]) => new ReadableStream<T>({ pull: (controller) => (items.length ? controller.enqueue(items.shift()!) : controller.close()) });
const allLines = (axiom: { requests: { lines: string[] }[] }) => axiom.requests.flatMap((request) => request.lines);

describe("ingestStream", () => {
  it("sends a ReadableStream of NDJSON bytes, cut anywhere, in bodies of at most maxBatchBytes", async () => {
    const { axiom, ingest } = await setup();
    const text = ndjson(300);
    const status = await ingest.ingestStream("logs", streamOf(pieces(text, 77)));

    expect(allLines(axiom)).toEqual(text.trimEnd().split("\n"));
    expect(axiom.requests.length).toBeGreaterThan(5);
    for (const request of axiom.requests) expect(new TextEncoder().encode(request.lines.join("\n")).length).toBeLessThanOrEqual(1024);
    expect(axiom.requests.some((request) => request.headers["content-encoding"] == "gzip")).toBe(true);
    expect(status).toMatchObject({ ingested: 300, failed: 0, failures: [] });
  });

  it("reads a Node stream, and an async iterable of events", async () => {
    const { axiom, ingest } = await setup();
    await ingest.ingestStream("logs", Readable.from(pieces(ndjson(50), 100).map((piece) => Buffer.from(piece))));
    async function* generated() {
      for (let i = 0; i < 50; i++) yield { id: i };
    }
    await ingest.ingestStream("events", generated(), { timestampField: "ts" });
    expect(allLines(axiom)).toEqual([...ndjson(50).trimEnd().split("\n"), ...Array.from({ length: 50 }, (_, i) => `{"id":${i}}`)]);
    expect(axiom.requests.at(-1)!.query.get("timestamp-field")).toBe("ts");
  });

  it("sends CSV with its header line heading every body, a quoted field's newline kept", async () => {
    const { axiom, ingest } = await setup([], 256);
    const rows = Array.from({ length: 40 }, (_, i) => `${i};"line one\nline two";ok`);
    await ingest.ingestStream("csv", [`id;note;status\n${rows.join("\r\n")}\r\n`] as never, { format: "csv", csvDelimiter: ";" });

    expect(axiom.requests.length).toBeGreaterThan(2);
    for (const request of axiom.requests) {
      expect(request.headers["content-type"]).toBe("text/csv");
      expect(request.query.get("csv-delimiter")).toBe(";");
      expect(request.lines[0]).toBe("id;note;status");
    }
    const received = axiom.requests.flatMap((request) => request.lines.slice(1)).join("\n");
    expect(received).toBe(rows.join("\n"));
  });

  it("sends csvFields as X-Axiom-CSV-Fields, the first line then a record", async () => {
    const { axiom, ingest } = await setup();
    await ingest.ingestStream("csv", streamOf(["1,a\n2,b\n"]), { format: "csv", csvFields: ["id", "name"] });
    expect(axiom.requests[0]!.headers["x-axiom-csv-fields"]).toBe("id,name");
    expect(axiom.requests[0]!.lines).toEqual(["1,a", "2,b"]);
  });

  it("reads no further ahead than the body in flight and the next", async () => {
    const { axiom, ingest } = await setup(["stop reading"]);
    let pulled = 0;
    async function* source() {
      for (;;) {
        pulled++;
        yield { id: pulled, padding: "x".repeat(200) };
      }
    }
    const sending = ingest.ingestStream("logs", source(), { signal: AbortSignal.timeout(300) }).catch((e: unknown) => e);
    const error = await sending;
    expect(error).toBeInstanceOf(DeliveryError);
    // Two bodies of ~4 events each, and the one event that did not fit the second.
    expect(pulled).toBeLessThanOrEqual(10);
    expect(axiom.arrived()).toBe(1);
  });

  it("stops at a body that fails: rejects with its count and what was acknowledged, and cancels the source", async () => {
    const { axiom, ingest } = await setup([200, { status: 400, body: { message: "invalid JSON on line 3" } }]);
    let cancelled = false;
    const text = ndjson(100);
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces(text, 64)) controller.enqueue(piece);
      },
      cancel: () => void (cancelled = true),
    });
    const error = (await ingest.ingestStream("logs", source).catch((e: unknown) => e)) as DeliveryError;

    const [first, second] = axiom.requests;
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.lost).toBe(second!.lines.length);
    expect(error.message).toBe(
      `axiom ingestStream into "logs": ${second!.lines.length} events lost, ${first!.lines.length} acknowledged before: POST /v1/datasets/{dataset_name}/ingest: 400 Bad Request: invalid JSON on line 3`,
    );
    expect(cancelled).toBe(true);
    expect(axiom.requests).toHaveLength(2);
  });

  it("refuses a record longer than maxBatchBytes rather than holding it", async () => {
    const { axiom, ingest } = await setup();
    const error = (await ingest.ingestStream("logs", streamOf(["x".repeat(600), "y".repeat(600)])).catch((e: unknown) => e)) as DeliveryError;
    expect(error.message).toBe(
      'axiom ingestStream into "logs": reading the source failed, 0 events acknowledged before: ingestStream: a record longer than 1024 characters: is the source NDJSON?',
    );
    expect(axiom.arrived()).toBe(0);
  });

  it("refuses items that are not JSON objects", async () => {
    const { ingest } = await setup();
    await expect(ingest.ingestStream("logs", [{ id: 0 }, 42] as never)).rejects.toThrow("item 1 of the source is not a JSON object");
  });
});
