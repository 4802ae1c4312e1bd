import { open } from "node:fs/promises";
import { SpecError, unreadable } from "./spec-error.js";

/**
 * The text of a file, refused past `maxBytes`. A regular file's size is known before reading it; a pipe, a
 * terminal or a device (`/dev/zero`, `/dev/stdin`) stats as size 0 whatever it holds, so it is read in chunks,
 * counted as they come. Failures are SpecErrors naming the file.
 */
export async function readFileBounded(file: string, maxBytes: number): Promise<string> {
  const handle = await open(file).catch((error: unknown) => {
    throw unreadable(error, file);
  });
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(file, maxBytes);
    // Regular files, in one read: counting chunks costs twice the time on a 13 MB description.
    if (size > 0) return await handle.readFile("utf8");
    return await readBounded(handle.createReadStream({ autoClose: false }), file, maxBytes);
  } catch (error) {
    throw error instanceof SpecError ? error : unreadable(error, file);
  } finally {
    await handle.close();
  }
}

/** The text `chunks` make up, refused as soon as they pass `maxBytes`; leaving the loop stops the stream. */
export async function readBounded(chunks: AsyncIterable<Uint8Array>, file: string, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of chunks) {
    received += chunk.byteLength;
    if (received > maxBytes) throw tooLarge(file, maxBytes);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

function tooLarge(file: string, maxBytes: number): SpecError {
  return new SpecError(`refused: larger than the limit of ${megabytes(maxBytes)}`, { file });
}

/** A size limit as people read it: "50 MB", "0.01 MB". */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 100) / 100} MB`;
}
