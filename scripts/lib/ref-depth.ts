import { MAX_DEPTH, type RefSite } from "./document-bounds.js";
import { fromPointer, toPointer } from "./json-pointer.js";
import { SpecError } from "./spec-error.js";

/**
 * A place a walk can be: the document's root, or an object some `$ref` names. Places form a tree by their keys,
 * so that the innermost place holding a `$ref` is found by following its keys, not by building a pointer per prefix.
 */
interface Place {
  keys: readonly string[];
  /** The places whose keys go on from this one's, by the next key. */
  children: Map<string, Place> | undefined;
  /** A `$ref` names this object. */
  named: boolean;
  /** Where a walk goes from here, each so many levels further down: the `$ref`s and named places inside it. */
  exits: Exit[];
  /** The deepest `$ref` to this place from outside every named object. */
  deepestFrom: readonly string[] | undefined;
}

interface Exit {
  to: Place;
  levels: number;
  /** The keys of the `$ref`, or of the named place. */
  path: readonly string[];
}

/**
 * Refuse a document that a tool following its `$ref`s would walk deeper than MAX_DEPTH levels, as inspectDocument
 * refuses one nested that deep: a chain of 600 schemas whose property is a `$ref` to the next overflowed the stack of
 * the bundler, the type emitter and the diff, none of which said where. A tool stops where a `$ref` leads back to
 * an object it is already inside (a recursive schema), so the walk here does too. The depth is counted up to the
 * last `$ref` followed; what lies below it is nested no deeper than MAX_DEPTH, as inspectDocument checked.
 *
 * Each named object's depth below it is worked out once and reused wherever a `$ref` leads to it, so the check is
 * linear. That depth is exact when `$ref`s never loop; inside a loop it is the depth found when the loop was first
 * entered, which can be less than from another entry. The diff bounds its own recursion besides.
 */
export function checkRefDepth(sites: readonly RefSite[], file: string): void {
  const root = place([]);
  const named: Place[] = [];
  // By reference, the place it names; null when it names none here (another document, a malformed pointer).
  const byRef = new Map<string, Place | null>();
  const targets = sites.map((site) => {
    if (site.kind !== "$ref") return null;
    let found = byRef.get(site.ref);
    if (found === undefined) byRef.set(site.ref, (found = site.ref.startsWith("#") ? placeAt(root, keysOf(site.ref), named) : null));
    return found;
  });
  // A named object inside another is walked into from it; a `$ref` inside one leads on from it. The `$ref`s outside
  // every named object (most of them: those under `paths`) are checked last, against the depth below their target.
  for (const inner of named) {
    const outer = innermost(root, inner.keys, inner.keys.length - 1);
    if (outer !== root) outer.exits.push({ to: inner, levels: inner.keys.length - outer.keys.length, path: inner.keys });
  }
  sites.forEach((site, i) => {
    const to = targets[i];
    const from = to && innermost(root, site.path, site.path.length - 1);
    if (!to || !from) return;
    if (from !== root) from.exits.push({ to, levels: site.path.length - from.keys.length, path: site.path });
    else if (site.path.length > (to.deepestFrom?.length ?? 0)) to.deepestFrom = site.path;
  });

  const below = new Map<Place, number>();
  const inside = new Set<Place>();
  let start = root;
  const refuse = (path: readonly string[], reached: boolean) => {
    const how = reached ? `$refs from #${toPointer(...start.keys)} lead here` : "following this $ref goes";
    return new SpecError(`${how} more than ${MAX_DEPTH} levels deep; refused`, { file, pointer: toPointer(...path) });
  };
  // `depth`: how deep a walk is at `from`. Each exit goes at least one level down, so the recursion stops by MAX_DEPTH.
  const depthBelow = (from: Place, depth: number): number => {
    inside.add(from);
    let deepest = 0;
    for (const exit of from.exits) {
      if (inside.has(exit.to)) continue;
      const known = below.get(exit.to);
      if (depth + exit.levels + (known ?? 0) > MAX_DEPTH) throw refuse(exit.path, known === undefined);
      deepest = Math.max(deepest, exit.levels + (known ?? depthBelow(exit.to, depth + exit.levels)));
    }
    inside.delete(from);
    below.set(from, deepest);
    return deepest;
  };
  // A walk from the root enters each named object at least as deep as it is written.
  for (const place of named) if (!below.has(place)) depthBelow((start = place), place.keys.length);
  for (const place of named) {
    if (place.deepestFrom && place.deepestFrom.length + below.get(place)! > MAX_DEPTH) throw refuse(place.deepestFrom, false);
  }
}

function place(keys: readonly string[]): Place {
  return { keys, children: undefined, named: false, exits: [], deepestFrom: undefined };
}

/**
 * The place at `keys`, added to the tree (and to `named`) if new. Undefined for a malformed %-escape, or a pointer
 * deeper than a document may nest: neither names anything.
 */
function placeAt(root: Place, keys: string[] | undefined, named: Place[]): Place | null {
  if (!keys || keys.length > MAX_DEPTH) return null;
  let at = root;
  for (let i = 0; i < keys.length; i++) {
    at.children ??= new Map();
    let next = at.children.get(keys[i]!);
    if (!next) at.children.set(keys[i]!, (next = place(keys.slice(0, i + 1))));
    at = next;
  }
  if (!at.named) named.push(at);
  at.named = true;
  return at;
}

/** The innermost named place among the first `length` keys of `path` (the root when none is). */
function innermost(root: Place, path: readonly string[], length: number): Place {
  let found = root;
  let at: Place | undefined = root;
  for (let i = 0; i < length && at; i++) {
    at = at.children?.get(path[i]!);
    if (at?.named) found = at;
  }
  return found;
}

function keysOf(ref: string): string[] | undefined {
  try {
    return fromPointer(ref);
  } catch {
    return undefined;
  }
}
