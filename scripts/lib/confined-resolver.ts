import { BaseResolver, Source, type Document } from "@redocly/openapi-core";
import { download, type DownloadLimits } from "./download.js";
import { megabytes } from "./read-bounded.js";
import type { Documents } from "./ref-cycles.js";
import { isUrl, targetRefusal, type RefPolicy } from "./ref-policy.js";
import { shown, SpecError } from "./spec-error.js";
import { vetDocument } from "./vet-document.js";

export interface RemoteAccess {
  fetch: typeof globalThis.fetch;
  /** For each remote document; together they may come to `maxBytes` too, in at most MAX_REMOTE_DOCUMENTS. */
  limits: DownloadLimits;
}

/**
 * Remote documents one spec's `$ref`s may fetch in all. Each download is bounded in size and time, but a spec
 * split over thousands of remote files would still take hours and gigabytes; real ones reach a handful.
 */
export const MAX_REMOTE_DOCUMENTS = 100;

/**
 * The resolver Redocly reads every referenced document through, enforcing the ref policy a second time: whatever
 * reference the walk before bundling might miss, no document outside the policy is read. Each document read is
 * bounded (aliases, depth) and has its own references checked before Redocly walks it, so a refusal deep in a
 * chain of files still names the file and pointer. A refusal becomes a Redocly problem at the `$ref` that led to it.
 */
export class ConfinedResolver extends BaseResolver {
  /** Every document read, with its references, by absolute path or URL. */
  readonly vetted: Documents = new Map();
  /** What the remote documents fetched so far came to. */
  private readonly fetched = { documents: 0, bytes: 0 };

  constructor(
    private readonly policy: RefPolicy,
    private readonly remote: RemoteAccess,
  ) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const reason = targetRefusal(this.policy, absoluteRef);
    if (reason) throw new SpecError(`reading ${absoluteRef} refused: ${reason}`, { file: shown(absoluteRef) });
    if (!isUrl(absoluteRef)) return super.loadExternalRef(absoluteRef);
    const { limits } = this.remote;
    const refuse = (reason: string) => new SpecError(`reading ${absoluteRef} refused: ${reason}`, { file: shown(absoluteRef) });
    if (++this.fetched.documents > MAX_REMOTE_DOCUMENTS) throw refuse(`the spec's $refs reach more than ${MAX_REMOTE_DOCUMENTS} remote documents`);
    const { text, contentType } = await download(absoluteRef, this.remote.fetch, limits);
    this.fetched.bytes += Buffer.byteLength(text);
    if (this.fetched.bytes > limits.maxBytes)
      throw refuse(`the remote documents the spec's $refs reach come to more than ${megabytes(limits.maxBytes)} together`);
    return new Source(absoluteRef, text, contentType);
  }

  override parseDocument(source: Source, isRoot?: boolean): Document {
    const document = super.parseDocument(source, isRoot);
    if (typeof document.parsed === "object" && document.parsed !== null) {
      const sites = vetDocument(document.parsed, { file: shown(source.absoluteRef), base: source.absoluteRef, characters: source.body.length }, this.policy);
      this.vetted.set(source.absoluteRef, { parsed: document.parsed, sites });
    }
    return document;
  }
}
