import type { RefSite } from "./document-bounds.js";
import { isObject, resolvePointer } from "./json-pointer.js";
import { resolveUri } from "./ref-policy.js";
import { shown, SpecError } from "./spec-error.js";

/** A parsed document and its references, as vetDocument found them. */
export interface Vetted {
  parsed: unknown;
  sites: RefSite[];
}

/** Vetted documents by absolute path or URL: the one being loaded and those its `$ref`s read. */
export type Documents = Map<string, Vetted>;

/**
 * Refuse `$ref`s that lead only to one another (A → B → A, or A → A, within a document or across files): they
 * name nothing, and Redocly stops at the first with "Self-referencing circular pointer" and no location. A
 * schema that contains itself (through properties, items, …) is a recursive type, not a cycle, and is fine.
 * Checks the references of the document at `base`, shown as `file`; each target is settled once.
 */
export function checkRefCycles(documents: Documents, base: string, file: string): void {
  const settled = new Set<string>();
  // A large document repeats each reference many times (GitHub's: 10,000 sites, a tenth as many targets).
  const refs = new Set((documents.get(base)?.sites ?? []).map((site) => site.ref));
  for (const ref of refs) {
    const chain: string[] = [];
    for (let at = locate(documents, base, ref); at !== undefined && !settled.has(at.key); at = heldRef(documents, at)) {
      const start = chain.indexOf(at.key);
      if (start >= 0) {
        const cycle = [...chain.slice(start), at.key];
        // The object the cycle's first key names holds the `$ref` that starts the loop.
        const [document, pointer] = cycle[0]!.split("#") as [string, string];
        const name = (key: string) => (key.startsWith(`${base}#`) ? key.slice(base.length) : shown(key));
        throw new SpecError(`$ref cycle: ${cycle.map(name).join(" → ")}; each is only a reference to the next, so none says anything`, {
          file: document === base ? file : shown(document),
          pointer: `${pointer}/$ref`,
        });
      }
      chain.push(at.key);
    }
    for (const key of chain) settled.add(key);
  }
}

interface Located {
  /** `<document>#<pointer>` */
  key: string;
  document: string;
  value: unknown;
}

/** What `ref`, in the document at `base`, names; undefined if that document wasn't read. */
function locate(documents: Documents, base: string, ref: string): Located | undefined {
  const [uri = "", fragment = ""] = ref.split("#");
  const document = uri === "" ? base : resolveUri(base, uri);
  const vetted = documents.get(document);
  return vetted && { key: `${document}#${fragment}`, document, value: resolvePointer(vetted.parsed, fragment) };
}

function heldRef(documents: Documents, at: Located): Located | undefined {
  return isObject(at.value) && typeof at.value.$ref === "string" ? locate(documents, at.document, at.value.$ref) : undefined;
}
