import type { AxiomPaths, AxiomSchemas } from "../axiom.js";
import type { ApiClient } from "../core/client-types.js";
import type { CallRetryOptions } from "../retry.js";

/** What the ingest calls need of an Axiom client, throwing or not: each call says `throwOnError` itself. */
export type IngestClient = Pick<ApiClient<AxiomPaths, boolean>, "POST">;

export type IngestStatus = AxiomSchemas["V1IngestStatus"];

/** The ingest options of the spec, by @axiomhq/js's names, plus `labels`. A batch holds events of one set of options. */
export interface IngestOptions {
  /** The field holding each event's time (`timestamp-field`). Default: Axiom's, `_time`, else the time it received the event. */
  timestampField?: string;
  /** How that field is written, as a Go layout: `2006-01-02T15:04:05Z07:00` (`timestamp-format`). */
  timestampFormat?: string;
  /** Fields Axiom adds to every event of the request (`X-Axiom-Event-Labels`). */
  labels?: Record<string, string | number | boolean>;
}

/** How ingest calls run: over the client's pipeline, so its auth, timeouts, redaction and retry policy apply. */
export interface IngestCallOptions {
  /**
   * Laid over the client's retry policy for ingest calls. Ingest calls are retried though they are POSTs: a
   * batch whose answer was lost is sent again, and may be applied twice (at-least-once delivery).
   * @default the client's policy
   */
  retry?: CallRetryOptions | false;
  /** Each attempt's timeout, in ms, instead of the client's. */
  timeout?: number | false;
  /** Bodies of at least this many characters go gzip-encoded, where the runtime has `CompressionStream`; `false`: never. @default 1024 */
  compressAbove?: number | false;
}

/** Where a body goes and how Axiom reads it, as the call sends it. Plain data: it doubles as a batch key. */
export interface IngestTarget {
  dataset: string;
  contentType: "application/x-ndjson" | "text/csv";
  query: { "timestamp-field"?: string; "timestamp-format"?: string; "csv-delimiter"?: string };
  header: { "X-Axiom-Event-Labels"?: string; "X-Axiom-CSV-Fields"?: string[] };
}

export function ingestTarget(
  dataset: string,
  { timestampField, timestampFormat, labels, csvDelimiter, csvFields }: IngestOptions & { csvDelimiter?: string; csvFields?: string[] },
  contentType: IngestTarget["contentType"],
): IngestTarget {
  return {
    dataset,
    contentType,
    query: { "timestamp-field": timestampField, "timestamp-format": timestampFormat, "csv-delimiter": csvDelimiter },
    // Header values are Latin-1 at most: other characters go \u-escaped, which JSON reads back as they were.
    header: {
      "X-Axiom-Event-Labels": labels && JSON.stringify(labels).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
      // One value: openapi-fetch would append each field, and Headers join them with ", ", a space in each name.
      "X-Axiom-CSV-Fields": csvFields && [csvFields.join(",")],
    },
  };
}

/** Sends one NDJSON or CSV body (gzip-encoded past the threshold) and returns Axiom's account of it; throws the call's error. */
export async function postIngest(
  client: IngestClient,
  target: IngestTarget,
  text: string,
  { retry, timeout, compressAbove = 1024 }: IngestCallOptions,
  signal?: AbortSignal,
): Promise<IngestStatus> {
  const gzip = compressAbove !== false && text.length >= compressAbove && typeof CompressionStream == "function";
  const body = gzip ? await gzipped(text) : text;
  const { data } = await client.POST("/v1/datasets/{dataset_name}/ingest", {
    params: { path: { dataset_name: target.dataset }, query: target.query, header: target.header },
    // The body goes as made, never serialized: the text, or its gzip bytes (the types take both for a binary body).
    body,
    headers: { "Content-Type": target.contentType, ...(gzip && { "Content-Encoding": "gzip" }) },
    retry: retry === false ? false : { ...retry, idempotent: true },
    timeout,
    signal,
    throwOnError: true,
  });
  return data;
}

/** The text's gzip bytes, made whole first: a Blob can be sent again on a retry, where a stream could not. */
function gzipped(text: string): Promise<Blob> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"))).blob();
}
