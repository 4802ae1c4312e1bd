import { BATCH_DEFAULTS, createBatcher, type BatcherStats, type BatchOptions } from "../batch/batcher.js";
import { DeliveryError, reasonOf } from "../batch/delivery-error.js";
import { utf8Length } from "../core/utf8.js";
import { excerpt, GalaxiomError } from "../errors.js";
import {
  ingestTarget,
  postIngest,
  type IngestCallOptions,
  type IngestClient,
  type IngestOptions,
  type IngestStatus,
  type IngestTarget,
} from "./ingest-call.js";
import { ingestStream, type IngestStreamOptions } from "./ingest-stream.js";
import type { IngestSource } from "./records.js";

export interface AxiomIngestOptions extends BatchOptions, IngestCallOptions {}

/** Batched ingest into Axiom, by @axiomhq/js's names: `ingest` queues, `flush` sends and reports. */
export interface AxiomIngest {
  /**
   * Queues one event or many and returns at once; batches go out as NDJSON, one dataset and set of options
   * each. Events that are not JSON objects are lost and reported; past `maxQueuedBytes` the newest are dropped,
   * counted and reported (await `ready()` first to wait instead).
   */
  ingest(dataset: string, events: object | readonly object[], options?: IngestOptions): void;
  /** Resolves when the queue has room for a batch: await it before `ingest` for back-pressure instead of drops. */
  ready(): Promise<void>;
  /**
   * Sends everything queued and resolves once Axiom has acknowledged it. Rejects with a DeliveryError summing the
   * events lost since the last flush, or when `timeout` (default `flushTimeoutMs`) passes first.
   */
  flush(options?: { timeout?: number | false }): Promise<void>;
  /** Sends a large NDJSON or CSV source, or events, in bounded bodies without reading it whole; not batched with `ingest`'s. */
  ingestStream(dataset: string, source: IngestSource, options?: IngestStreamOptions): Promise<IngestStatus>;
  /** Bytes held, events acknowledged, lost and dropped so far. */
  stats(): BatcherStats;
}

const NAME = "axiom ingest";
/** Events serialized before they are handed to the queue. */
const CHUNK = 1000;

/** Batched ingest over an Axiom client: every batch is one `POST /v1/datasets/{dataset_name}/ingest` through its pipeline. */
export function createAxiomIngest(client: IngestClient, options: AxiomIngestOptions = {}): AxiomIngest {
  const { retry, timeout, compressAbove } = options;
  const call = { retry, timeout, compressAbove };
  const batcher = createBatcher<string>({
    ...options,
    name: NAME,
    sizeOf: (line) => utf8Length(line) + 1,
    // The key is the target as JSON: batches never mix datasets or options, and no map of targets grows.
    async send(lines, signal, key) {
      const target = JSON.parse(key) as IngestTarget;
      const where = `${NAME} into "${target.dataset}"`;
      const status = await postIngest(client, target, lines.join("\n"), call, signal).catch((error: unknown) => {
        throw new DeliveryError(`${where}: ${lines.length} events lost${reasonOf(error)}`, lines.length, { cause: error });
      });
      // Axiom took the request but refused some events (a bad timestamp…): those are lost, and said so.
      if (status.failed) {
        const first = status.failures?.[0]?.error;
        throw new DeliveryError(`${where}: Axiom refused ${status.failed} of ${lines.length} events${excerpt(first ?? "")}`, status.failed);
      }
    },
  });
  const maxBatchBytes = options.maxBatchBytes ?? BATCH_DEFAULTS.maxBatchBytes;

  return {
    ingest(dataset, events, ingestOptions) {
      checkDataset(dataset);
      const key = JSON.stringify(ingestTarget(dataset, ingestOptions ?? {}, "application/x-ndjson"));
      let lines: string[] = [];
      let unsent = 0;
      let why: unknown;
      for (const event of Array.isArray(events) ? (events as readonly object[]) : [events]) {
        // Serialized now: what is sent is the event as it was, and a bad one is found here, not in its batch.
        let line: string | undefined;
        try {
          line = JSON.stringify(event);
        } catch (error) {
          why = error;
        }
        if (line?.startsWith("{")) lines.push(line);
        else unsent++;
        // Handed over a chunk at a time: a large array is never held twice, serialized whole, past the queue's bound.
        if (lines.length == CHUNK) {
          batcher.add(key, lines);
          lines = [];
        }
      }
      batcher.add(key, lines);
      if (unsent) {
        const reason = why ? reasonOf(why) : ": not JSON objects";
        batcher.lose(new DeliveryError(`${NAME} into "${dataset}": ${unsent} events lost${reason}`, unsent, { cause: why }));
      }
    },
    ready: () => batcher.ready(maxBatchBytes),
    flush: (flushOptions) => batcher.flush(flushOptions),
    async ingestStream(dataset, source, streamOptions) {
      checkDataset(dataset);
      return ingestStream(client, call, maxBatchBytes, dataset, source, streamOptions);
    },
    stats: batcher.stats,
  };
}

/** A dataset the call could never go to is the caller's mistake, said at once rather than as a lost batch. */
function checkDataset(dataset: unknown): void {
  if (typeof dataset != "string" || /^\.{0,2}$/.test(dataset)) throw new GalaxiomError(`${NAME}: the dataset must be a name, not ${JSON.stringify(dataset)}`);
}
