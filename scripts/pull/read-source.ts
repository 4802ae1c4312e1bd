import { readFile, stat } from "node:fs/promises";
import { download, type DownloadLimits } from "../lib/download.js";
import { isUrl } from "../lib/ref-policy.js";
import { SpecError, unreadable } from "../lib/spec-error.js";

/** The text of a spec from a URL (via the injected fetch) or a local file, within `limits`; failures name the source. */
export async function readSource(from: string, fetch: typeof globalThis.fetch, limits: DownloadLimits): Promise<string> {
  if (isUrl(from)) return (await download(from, fetch, limits)).text;
  const cannotRead = (error: unknown) => {
    throw unreadable(error, from);
  };
  const { size } = await stat(from).catch(cannotRead);
  if (size > limits.maxBytes) throw new SpecError(`refused: ${size} bytes, larger than the limit of ${limits.maxBytes}`, { file: from });
  return readFile(from, "utf8").catch(cannotRead);
}
