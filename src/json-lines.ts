import { GalaxiomError } from "./errors.js";

export interface JsonLinesOptions {
  /** The longest line read, in bytes: past it the body is cancelled and the loop throws, so memory stays bounded. @default 1 MiB */
  maxLineBytes?: number;
}

const NEWLINE = 0x0a;

/**
 * The values of a JSON-lines (NDJSON) body, one per line, parsed as the bytes arrive: at most one line is held at a
 * time, so a response of any length is read in bounded memory. Blank lines are skipped. Leaving the loop (`break`,
 * a throw) cancels the body, so the rest is never downloaded. `Item` types the values; nothing checks it.
 *
 * ```ts
 * const { response } = await client.POST("/export", { body, parseAs: "stream" });
 * for await (const row of jsonLines<Row>(response)) …
 * ```
 */
export async function* jsonLines<Item = unknown>(source: Response | ReadableStream<Uint8Array>, options: JsonLinesOptions = {}): AsyncGenerator<Item> {
  const maxLineBytes = options.maxLineBytes ?? 1024 * 1024;
  const body = source instanceof Response ? source.body : source;
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  // The bytes of the line being read: the parts that arrived, decoded only once the line is whole, so that a
  // character split across chunks is decoded right.
  let parts: Uint8Array[] = [];
  let length = 0;
  let line = 0;
  const parse = (bytes: Uint8Array): Item | undefined => {
    line++;
    const text = decoder.decode(bytes).trim();
    if (text === "") return undefined;
    try {
      return JSON.parse(text) as Item;
    } catch {
      throw new GalaxiomError(`line ${line} of the JSON-lines body is not JSON`);
    }
  };
  const take = (bytes: Uint8Array) => {
    length += bytes.length;
    if (length > maxLineBytes) throw new GalaxiomError(`line ${line + 1} of the JSON-lines body is longer than maxLineBytes (${maxLineBytes})`);
    parts.push(bytes);
  };
  const whole = (): Uint8Array => {
    const joined = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    parts = [];
    length = 0;
    return joined;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let start = 0;
      for (let end = value.indexOf(NEWLINE); end !== -1; end = value.indexOf(NEWLINE, start)) {
        take(value.subarray(start, end));
        const item = parse(whole());
        if (item !== undefined) yield item;
        start = end + 1;
      }
      if (start < value.length) take(value.subarray(start));
    }
    const last = parse(whole());
    if (last !== undefined) yield last;
  } finally {
    // Ends the download when the loop stops early; a no-op once the body is read.
    await reader.cancel().catch(() => undefined);
  }
}
