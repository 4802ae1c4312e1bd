import { isObject, toPointer } from "./json-pointer.js";
import { SpecError } from "./spec-error.js";

/**
 * Far deeper than any real description (vendor documents nest a few dozen levels), and half the depth at which
 * Redocly's bundler overflows the stack (~1,000 levels, ~490 nested schemas, when it applies an overlay).
 */
export const MAX_DEPTH = 500;

/**
 * YAML aliases let one node appear in many places, and every tool that walks the document (the bundler, the
 * linter, the type emitter) visits it at each: nine lines of "billion laughs" are a billion nodes. A document
 * without aliases has at most about one node per character, so twice its size (plus room for a small document's
 * anchors) bounds every honest use of aliases while refusing a bomb within a few milliseconds.
 */
function nodeBudget(characters: number): number {
  return 100_000 + 2 * characters;
}

/** A value Redocly follows as a reference: a `$ref`, an example's `externalValue`, a discriminator mapping. */
export interface RefSite {
  kind: "$ref" | "externalValue" | "mapping";
  /** The keys from the root to the one that holds the reference (a pointer only when one is shown: see `sitePointer`). */
  path: readonly string[];
  ref: string;
}

/** The JSON pointer of the key that holds the reference. */
export function sitePointer(site: RefSite): string {
  return toPointer(...site.path);
}

/**
 * Walk `document` as the tools will (counting a node shared through YAML aliases once per place it appears),
 * refuse it if it is nested deeper than MAX_DEPTH or expands past the node budget, and list its references.
 * The recursion stops at MAX_DEPTH, so neither limit can overflow the stack here.
 */
export function inspectDocument(document: unknown, { file, characters }: { file: string; characters: number }): RefSite[] {
  const budget = nodeBudget(characters);
  const sites: RefSite[] = [];
  // The keys from the root to the object being visited; pointers are built from them only when one is needed.
  const keys: string[] = [];
  let nodes = 1;
  const visit = (value: object): void => {
    if (keys.length >= MAX_DEPTH) throw new SpecError(`nested more than ${MAX_DEPTH} levels deep; refused`, { file, pointer: toPointer(...keys) });
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) enter(String(index), value[index]);
    } else {
      collectReferences(value as Record<string, unknown>, keys, sites);
      // for…in, not Object.keys: no array of keys per object, which on a 13 MB document is most of the walk's cost.
      for (const key in value) enter(key, (value as Record<string, unknown>)[key]);
    }
  };
  const enter = (key: string, child: unknown): void => {
    if (++nodes > budget) {
      throw new SpecError(`expands to more than ${budget.toLocaleString("en")} nodes through YAML aliases (a "billion laughs" document?); refused`, {
        file,
        pointer: toPointer(...keys, key),
      });
    }
    // Most nodes are strings and numbers: only objects and arrays are descended into.
    if (typeof child === "object" && child !== null) {
      keys.push(key);
      visit(child);
      keys.pop();
    }
  };
  if (typeof document === "object" && document !== null) visit(document);
  return sites;
}

function collectReferences(object: Record<string, unknown>, keys: readonly string[], sites: RefSite[]): void {
  // Building a pointer for each of a large document's 10,000 references cost more than the rest of the walk.
  if (typeof object.$ref === "string") sites.push({ kind: "$ref", path: keys.concat("$ref"), ref: object.$ref });
  if (typeof object.externalValue === "string") sites.push({ kind: "externalValue", path: keys.concat("externalValue"), ref: object.externalValue });
  if (keys.at(-1) === "discriminator" && isObject(object.mapping)) {
    for (const [name, ref] of Object.entries(object.mapping)) {
      // A bare schema name is no reference; Redocly follows anything path- or URL-like.
      if (typeof ref === "string" && /[/#:]|\.(ya?ml|json)$/i.test(ref)) sites.push({ kind: "mapping", path: keys.concat("mapping", name), ref });
    }
  }
}
