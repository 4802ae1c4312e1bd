import { GalaxiomError } from "../errors.js";

/** What `ingestStream` reads: NDJSON or CSV text, as strings or bytes, or events. A Node stream is an AsyncIterable. */
export type IngestSource = ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | string | object> | Iterable<object>;

/**
 * The records of a source, a piece at a time: its lines (for CSV, those outside quotes, as a quoted field may
 * hold a newline), or its events as JSON lines. Blank lines are skipped. A record longer than `maxChars` ends
 * the read: no newline in sight means the source is not what it was said to be, and it is never held whole.
 */
export async function* records(source: IngestSource, csv: boolean, maxChars: number): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let pending = "";
  let scanned = 0;
  let quoted = false;
  let events = 0;
  for await (const piece of read(source)) {
    if (typeof piece != "string" && !(piece instanceof Uint8Array)) {
      const line = JSON.stringify(piece);
      if (csv || !line?.startsWith("{")) throw new GalaxiomError(`ingestStream: item ${events} of the source is not ${csv ? "CSV text" : "a JSON object"}`);
      events++;
      yield [line];
      continue;
    }
    pending += typeof piece == "string" ? piece : decoder.decode(piece, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (let i = scanned; i < pending.length; i++) {
      const code = pending.charCodeAt(i);
      if (code == 0x22 && csv) quoted = !quoted;
      else if (code == 0x0a && !quoted) {
        keep(lines, pending.slice(start, i));
        start = i + 1;
      }
    }
    pending = pending.slice(start);
    scanned = pending.length;
    if (pending.length > maxChars)
      throw new GalaxiomError(`ingestStream: a record longer than ${maxChars} characters: is the source ${csv ? "CSV" : "NDJSON"}?`);
    if (lines.length) yield lines;
  }
  const last: string[] = [];
  keep(last, pending + decoder.decode());
  if (last.length) yield last;
}

function keep(lines: string[], line: string): void {
  const record = line.endsWith("\r") ? line.slice(0, -1) : line;
  if (record.trim()) lines.push(record);
}

/** A source's items in turn. A ReadableStream is read through its reader: Safari's is not async-iterable. */
async function* read(source: IngestSource): AsyncGenerator<Uint8Array | string | object> {
  if (!(typeof ReadableStream == "function" && source instanceof ReadableStream)) return yield* source as AsyncIterable<object>;
  const reader = source.getReader();
  let done = false;
  try {
    for (let next = await reader.read(); !(done = next.done); next = await reader.read()) yield next.value;
  } finally {
    // Stopped early (a failed send, a bad record): the source is told, so that it stops producing.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
