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
  /** JSON pointer of the key that holds the reference. */
  pointer: string;
  ref: string;
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
    if (!Array.isArray(value)) collectReferences(value as Record<string, unknown>, keys, sites);
    for (const key of Object.keys(value)) {
      if (++nodes > budget) {
        throw new SpecError(`expands to more than ${budget.toLocaleString("en")} nodes through YAML aliases (a "billion laughs" document?); refused`, {
          file,
          pointer: toPointer(...keys, key),
        });
      }
      // Most nodes are strings and numbers: only objects and arrays are descended into.
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === "object" && child !== null) {
        keys.push(key);
        visit(child);
        keys.pop();
      }
    }
  };
  if (typeof document === "object" && document !== null) visit(document);
  return sites;
}

function collectReferences(object: Record<string, unknown>, keys: readonly string[], sites: RefSite[]): void {
  if (typeof object.$ref === "string") sites.push({ kind: "$ref", pointer: toPointer(...keys, "$ref"), ref: object.$ref });
  if (typeof object.externalValue === "string") sites.push({ kind: "externalValue", pointer: toPointer(...keys, "externalValue"), ref: object.externalValue });
  if (keys.at(-1) === "discriminator" && isObject(object.mapping)) {
    for (const [name, ref] of Object.entries(object.mapping)) {
      // A bare schema name is no reference; Redocly follows anything path- or URL-like.
      if (typeof ref === "string" && /[/#:]|\.(ya?ml|json)$/i.test(ref)) sites.push({ kind: "mapping", pointer: toPointer(...keys, "mapping", name), ref });
    }
  }
}
