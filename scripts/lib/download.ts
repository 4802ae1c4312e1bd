import { megabytes } from "./read-bounded.js";
import { SpecError } from "./spec-error.js";

export interface DownloadLimits {
  /** For the whole exchange, redirects and body included. */
  timeoutMs: number;
  maxBytes: number;
}

/** The largest real vendor description (GitHub's) is 13 MB; a response several times that is not a spec. */
export const DEFAULT_LIMITS: DownloadLimits = { timeoutMs: 60_000, maxBytes: 50 * 1024 * 1024 };

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface Downloaded {
  text: string;
  contentType: string | undefined;
}

/**
 * GET `url` as text, bounded: the time limit ends the exchange wherever it is, the body is read as a stream and
 * dropped at `maxBytes`, and redirects are followed only within the URL's origin (a spec moving to another host
 * is for a person to accept, by naming the new URL). Every failure is a SpecError naming the URL.
 */
export async function download(url: string, fetch: typeof globalThis.fetch, limits: DownloadLimits): Promise<Downloaded> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await follow(url, fetch, signal);
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(url, limits.maxBytes);
    }
    return { text: await readBounded(url, response, limits.maxBytes), contentType: response.headers.get("content-type") ?? undefined };
  } catch (error) {
    if (error instanceof SpecError) throw error;
    if (signal.aborted)
      throw new SpecError(`download failed: no complete answer from ${url} within ${limits.timeoutMs / 1000} s`, { file: url }, { cause: error });
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new SpecError(`download failed: ${reason}`, { file: url }, { cause: error });
  }
}

async function follow(url: string, fetch: typeof globalThis.fetch, signal: AbortSignal): Promise<Response> {
  const { origin } = new URL(url);
  let current = url;
  for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
    const response = await fetch(current, { signal, redirect: "manual", headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.1" } });
    if (!REDIRECTS.has(response.status)) {
      if (!response.ok) {
        await response.body?.cancel();
        throw new SpecError(`download failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`, { file: url });
      }
      return response;
    }
    await response.body?.cancel();
    const next = new URL(response.headers.get("location") ?? "", current);
    if (next.origin !== origin) {
      throw new SpecError(`download refused: ${current} redirects to ${next.href}, another origin; if the spec has moved, use that URL`, { file: url });
    }
    current = next.href;
  }
  throw new SpecError(`download failed: more than ${MAX_REDIRECTS} redirects`, { file: url });
}

async function readBounded(url: string, response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

function tooLarge(url: string, maxBytes: number): SpecError {
  return new SpecError(`download refused: larger than the limit of ${megabytes(maxBytes)}`, { file: url });
}
