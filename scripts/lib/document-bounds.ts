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
  /** JSON pointer of the key that holds the reference. */
  pointer: string;
  ref: string;
}

interface Frame {
  value: unknown;
  key: string | undefined;
  parent: Frame | undefined;
  depth: number;
}

/**
 * Walk `document` as the tools will (counting a node shared through YAML aliases once per place it appears),
 * refuse it if it is nested deeper than MAX_DEPTH or expands past the node budget, and list its references.
 * Iterative, so neither limit can overflow the stack here.
 */
export function inspectDocument(document: unknown, { file, characters }: { file: string; characters: number }): RefSite[] {
  const budget = nodeBudget(characters);
  const sites: RefSite[] = [];
  const pending: Frame[] = [{ value: document, key: undefined, parent: undefined, depth: 0 }];
  let nodes = 0;
  while (pending.length > 0) {
    const frame = pending.pop()!;
    if (++nodes > budget) {
      throw new SpecError(`expands to more than ${budget.toLocaleString("en")} nodes through YAML aliases (a "billion laughs" document?); refused`, {
        file,
        pointer: pointerOf(frame),
      });
    }
    const { value, depth } = frame;
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_DEPTH) throw new SpecError(`nested more than ${MAX_DEPTH} levels deep; refused`, { file, pointer: pointerOf(frame) });
    if (isObject(value)) sites.push(...referencesIn(value, frame));
    for (const [key, child] of Object.entries(value)) pending.push({ value: child, key, parent: frame, depth: depth + 1 });
  }
  return sites;
}

function referencesIn(object: Record<string, unknown>, frame: Frame): RefSite[] {
  const at = (...keys: string[]) => pointerOf(frame) + toPointer(...keys);
  const sites: RefSite[] = [];
  for (const key of ["$ref", "externalValue"]) {
    const ref = object[key];
    if (typeof ref === "string") sites.push({ pointer: at(key), ref });
  }
  if (frame.key === "discriminator" && isObject(object.mapping)) {
    for (const [name, ref] of Object.entries(object.mapping)) {
      // A bare schema name is no reference; Redocly follows anything path- or URL-like.
      if (typeof ref === "string" && /[/#:]|\.(ya?ml|json)$/i.test(ref)) sites.push({ pointer: at("mapping", name), ref });
    }
  }
  return sites;
}

function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) keys.push(f.key);
  return toPointer(...keys.reverse());
}
