import type { RefSite } from "./document-bounds.js";
import { isObject, resolvePointer } from "./json-pointer.js";
import { SpecError } from "./spec-error.js";

/**
 * Refuse internal `$ref`s that lead only to one another (A → B → A, or A → A): they name nothing, and Redocly
 * would stop at the first with "Self-referencing circular pointer" and no location. A schema that contains
 * itself (through properties, items, …) is a recursive type, not a cycle, and is fine.
 */
export function checkRefCycles(document: unknown, sites: RefSite[], file: string): void {
  const settled = new Set<string>();
  for (const site of sites) {
    const chain: string[] = [];
    for (let ref: string | undefined = site.ref; ref?.startsWith("#") && !settled.has(ref); ) {
      const start = chain.indexOf(ref);
      if (start >= 0) {
        const cycle = [...chain.slice(start), ref];
        // The object `cycle[0]` names holds the `$ref` that starts the loop.
        throw new SpecError(`$ref cycle: ${cycle.join(" → ")}; each is only a reference to the next, so none says anything`, { file, pointer: `${cycle[0]!.slice(1)}/$ref` });
      }
      chain.push(ref);
      const target = resolvePointer(document, ref);
      ref = isObject(target) && typeof target.$ref === "string" ? target.$ref : undefined;
    }
    for (const ref of chain) settled.add(ref);
  }
}
