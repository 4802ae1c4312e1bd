import { readFile } from "node:fs/promises";
import { SpecError } from "../lib/spec-error.js";

const DOWNLOAD_TIMEOUT_MS = 60_000;

/** The bytes of a spec from a URL (via the injected fetch) or a local file; failures name the source. */
export async function readSource(from: string, fetch: typeof globalThis.fetch): Promise<string> {
  if (!/^https?:\/\//i.test(from)) {
    return readFile(from, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new SpecError(error.code === "ENOENT" ? "file not found" : `cannot read: ${error.message}`, { file: from });
    });
  }
  let response: Response;
  try {
    response = await fetch(from, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.1" } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new SpecError(`download failed: ${reason}`, { file: from }, { cause: error });
  }
  if (!response.ok) {
    throw new SpecError(`download failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`, { file: from });
  }
  return response.text();
}
