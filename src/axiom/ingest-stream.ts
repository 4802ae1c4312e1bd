import { DeliveryError, reasonOf } from "../batch/delivery-error.js";
import { utf8Length } from "../core/utf8.js";
import { ingestTarget, postIngest, type IngestCallOptions, type IngestClient, type IngestOptions, type IngestStatus } from "./ingest-call.js";
import { records, type IngestSource } from "./records.js";

export interface IngestStreamOptions extends IngestOptions {
  /** How text or bytes read: one JSON event a line (NDJSON), or CSV. A source of objects is events whatever this says. @default "ndjson" */
  format?: "ndjson" | "csv";
  /** The CSV's delimiter (`csv-delimiter`). @default "," */
  csvDelimiter?: string;
  /** The CSV's field names (`X-Axiom-CSV-Fields`), when its first line is a record rather than a header. */
  csvFields?: string[];
  /** Aborts the body in flight; the stream then stops, its source cancelled. */
  signal?: AbortSignal;
}

/** How many of Axiom's failure entries the summed status keeps: a bad file could bring one per line. */
const KEPT_FAILURES = 100;

/**
 * Sends a source in bodies of up to `maxBytes`, one in flight while the next is read, so that neither the source
 * nor the queue is ever held whole. Resolves with Axiom's statuses summed; rejects with a DeliveryError at the first
 * body that fails (or when the source does), after what was in flight has settled, the rest of the source unread.
 */
export async function ingestStream(
  client: IngestClient,
  call: IngestCallOptions,
  maxBytes: number,
  dataset: string,
  source: IngestSource,
  options: IngestStreamOptions = {},
): Promise<IngestStatus> {
  const csv = options.format == "csv";
  const target = ingestTarget(dataset, options, csv ? "text/csv" : "application/x-ndjson");
  const where = `axiom ingestStream into "${dataset}"`;
  const total: Total = { ingested: 0, failed: 0, failures: [], processedBytes: 0, blocksCreated: 0 };
  let failure: DeliveryError | undefined;
  let sending = Promise.resolve();
  // Axiom reads each request alone: without csvFields, the CSV's header line heads every body.
  let head = csv && !options.csvFields ? undefined : "";
  let lines: string[] = [];
  let bytes = 0;

  const ship = async () => {
    await sending;
    if (failure) throw failure;
    const count = lines.length;
    sending = postIngest(client, target, head + lines.join("\n"), call, options.signal).then(
      (status) => void add(total, status),
      (error: unknown) => {
        failure = new DeliveryError(`${where}: ${count} events lost, ${total.ingested} acknowledged before${reasonOf(error)}`, count, { cause: error });
      },
    );
    lines = [];
    bytes = 0;
  };

  try {
    for await (const piece of records(source, csv, maxBytes)) {
      for (const record of piece) {
        if (head === undefined) {
          head = `${record}\n`;
          continue;
        }
        const size = utf8Length(record) + 1;
        if (lines.length && bytes + size > maxBytes) await ship();
        lines.push(record);
        bytes += size;
      }
    }
    if (lines.length) await ship();
    await sending;
  } catch (error) {
    // A failed body stopped the read (ship threw it), or the source failed: either way, once what was in flight settled.
    await sending;
    throw (
      failure ?? new DeliveryError(`${where}: reading the source failed, ${total.ingested} events acknowledged before${reasonOf(error)}`, 0, { cause: error })
    );
  }
  if (failure) throw failure;
  return total;
}

/** Axiom's statuses summed (walLength, one request's, is left out). */
type Total = IngestStatus & Required<Pick<IngestStatus, "failures" | "blocksCreated">>;

function add(total: Total, status: IngestStatus): void {
  total.ingested += status.ingested;
  total.failed += status.failed;
  total.processedBytes += status.processedBytes;
  total.blocksCreated += status.blocksCreated ?? 0;
  total.failures.push(...(status.failures ?? []).slice(0, KEPT_FAILURES - total.failures.length));
}
