import { BaseResolver, Source, type Document } from "@redocly/openapi-core";
import { download, type DownloadLimits } from "./download.js";
import type { Documents } from "./ref-cycles.js";
import { isUrl, targetRefusal, type RefPolicy } from "./ref-policy.js";
import { shown, SpecError } from "./spec-error.js";
import { vetDocument } from "./vet-document.js";

export interface RemoteAccess {
  fetch: typeof globalThis.fetch;
  limits: DownloadLimits;
}

/**
 * The resolver Redocly reads every referenced document through, enforcing the ref policy a second time: whatever
 * reference the walk before bundling might miss, no document outside the policy is read. Each document read is
 * bounded (aliases, depth) and has its own references checked before Redocly walks it, so a refusal deep in a
 * chain of files still names the file and pointer. A refusal becomes a Redocly problem at the `$ref` that led to it.
 */
export class ConfinedResolver extends BaseResolver {
  /** Every document read, with its references, by absolute path or URL. */
  readonly vetted: Documents = new Map();

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
    const { text, contentType } = await download(absoluteRef, this.remote.fetch, this.remote.limits);
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
