import { fromPointer } from "../../../lib/json-pointer.js";
import type { SchemaCheck } from "../../schema/compare.js";
import { hasAssertions, properties, requiredNames, viewOf, type Position, type SchemaView } from "../../schema/view.js";
import type { Side } from "../../side.js";
import { typeList } from "../../text.js";

interface Alternative {
  position: Position;
  /** The alternative with the keywords it shares with its siblings: what an instance must satisfy. */
  view: SchemaView;
  /** Where the alternative itself is written, and what to call it. */
  pointer: string;
  label: string;
  /** The named components it is made of, e.g. `[/components/schemas/Cat]`. */
  components: string[];
}

/**
 * `oneOf`/`anyOf` alternatives, matched across versions by the components they are made of, then by identical
 * content, then (for inline or renamed ones) by the most similar shape; matched ones are compared, the rest are
 * added or removed. A plain schema on one side counts as one alternative, so wrapping a schema into a `oneOf`
 * reports only what the wrapping added. Stops the other checks: each alternative's comparison covers them.
 */
export const variants: SchemaCheck = (pair, ctx) => {
  if (!pair.old.variants && !pair.new.variants) return;
  const before = alternatives(ctx.old, pair.old);
  const after = alternatives(ctx.new, pair.new);
  const pairUp = (old: Alternative, now: Alternative) => {
    before.splice(before.indexOf(old), 1);
    after.splice(after.indexOf(now), 1);
    pair.recurse(old.position, now.position);
  };
  for (const same of [sameComponents, sameContent]) {
    for (const old of [...before]) {
      const now = after.find((candidate) => same(old, candidate));
      if (now) pairUp(old, now);
    }
  }
  const renamable = (alternative: Alternative, other: Side) => alternative.components.every((pointer) => !other.deref({ $ref: `#${pointer}` }, ""));
  for (const old of [...before]) {
    const candidates = after.filter((now) => renamable(old, ctx.new) && renamable(now, ctx.old) && typeList(old.view.types) === typeList(now.view.types));
    const best = candidates.map((now) => ({ now, score: similarity(old.view, now.view) })).sort((a, b) => b.score - a.score)[0];
    if (best && best.score >= 0.5) pairUp(old, best.now);
  }
  const request = pair.dir === "request";
  for (const old of before) {
    const detail = `alternative ${old.label} ${request ? "no longer accepted" : "no longer returned"}`;
    pair.report(`${pair.dir}-variant-removed`, detail, { old: old.pointer, new: pair.new.pointer }, { side: "old", pointer: pair.old.pointer });
  }
  for (const now of after) {
    pair.report(`${pair.dir}-variant-added`, `alternative ${now.label} ${request ? "now accepted" : "may now be returned"}`, { old: pair.old.pointer, new: now.pointer });
  }
  return "stop";
};

function alternatives(side: Side, view: SchemaView): Alternative[] {
  if (!view.variants) return [describe(view.nodes.map((node) => ({ ...node, flat: true })), view, view, 0)];
  return view.variants.map((position, i) => describe(position, viewOf(side, position), viewOf(side, position.slice(-1)), i));
}

function describe(position: Position, view: SchemaView, own: SchemaView, index: number): Alternative {
  // Wrappers that only compose (`{oneOf: [...]}` with one alternative left) are not what the alternative is made of.
  const made = own.nodes.filter((node) => hasAssertions(node.value));
  const components = made.map((node) => node.pointer).filter((pointer) => /^\/components\/schemas\/[^/]+$/.test(pointer)).sort();
  const [first] = components;
  const label = first && components.length === 1 && made.length === 1 ? `\`${fromPointer(first)[2]}\`` : `${index + 1} (${typeList(own.types)})`;
  return { position, view, pointer: own.pointer, label, components };
}

function sameComponents(a: Alternative, b: Alternative): boolean {
  return a.components.length > 0 && a.components.join("\n") === b.components.join("\n");
}

const fingerprints = new WeakMap<Alternative, string>();
function sameContent(a: Alternative, b: Alternative): boolean {
  const text = (alternative: Alternative) => {
    let found = fingerprints.get(alternative);
    if (found === undefined) fingerprints.set(alternative, (found = JSON.stringify(alternative.view.nodes.filter((node) => hasAssertions(node.value)).map((node) => node.value))));
    return found;
  };
  return text(a) === text(b);
}

/** 0 to 1: how alike the property names and the required names are (each a Jaccard index, averaged). */
function similarity(a: SchemaView, b: SchemaView): number {
  return (jaccard(new Set(properties(a).keys()), new Set(properties(b).keys())) + jaccard(requiredNames(a), requiredNames(b))) / 2;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const all = new Set([...a, ...b]).size;
  return all === 0 ? 1 : [...a].filter((name) => b.has(name)).length / all;
}
