import { download, type DownloadLimits } from "../lib/download.js";
import { readFileBounded } from "../lib/read-bounded.js";
import { isUrl } from "../lib/ref-policy.js";

/** The text of a spec from a URL (via the injected fetch) or a local file, within `limits`; failures name the source. */
export async function readSource(from: string, fetch: typeof globalThis.fetch, limits: DownloadLimits): Promise<string> {
  return isUrl(from) ? (await download(from, fetch, limits)).text : readFileBounded(from, limits.maxBytes);
}
