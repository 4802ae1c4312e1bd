import { fromPointer } from "../../../lib/json-pointer.js";
import type { SchemaCheck } from "../../schema/compare.js";
import { hasAssertions, isAssertion, properties, requiredNames, viewOf, type Position, type SchemaView } from "../../schema/view.js";
import type { Side } from "../../side.js";
import { typeList } from "../../text.js";
import { allowed, reportValues } from "./enum.js";

interface Alternative {
  position: Position;
  /** The alternative with the keywords it shares with its siblings: what an instance must satisfy. */
  view: SchemaView;
  /** Where the alternative itself is written, and what to call it. */
  pointer: string;
  label: string;
  /** The named components it is made of, e.g. `[/components/schemas/Cat]`. */
  components: string[];
  /** The values it allows, when it only lists values (`{type: string, enum: [a, b]}`). */
  values: Map<string, unknown> | undefined;
  /** It says nothing but a type: any value of its types matches. */
  bare: boolean;
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
  const [everyBefore, everyAfter] = [[...before], [...after]];
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
  takeValueLists(before, everyAfter, (old, gone) => reportValues(pair, [], gone, { old: old.pointer, new: pair.new.pointer }));
  takeValueLists(after, everyBefore, (now, fresh) => reportValues(pair, fresh, [], { old: pair.old.pointer, new: now.pointer }));
  const request = pair.dir === "request";
  for (const old of before) {
    const detail = `alternative ${old.label} ${request ? "no longer accepted" : "no longer returned"}`;
    pair.report(
      request ? "request-variant-removed" : "response-variant-removed",
      detail,
      { old: old.pointer, new: pair.new.pointer },
      { side: "old", pointer: pair.old.pointer },
    );
  }
  for (const now of after) {
    pair.report(request ? "request-variant-added" : "response-variant-added", `alternative ${now.label} ${request ? "now accepted" : "may now be returned"}`, {
      old: pair.old.pointer,
      new: now.pointer,
    });
  }
  return "stop";
};

function alternatives(side: Side, view: SchemaView): Alternative[] {
  if (!view.variants)
    return [
      describe(
        view.nodes.map((node) => ({ ...node, flat: true })),
        view,
        view,
        0,
      ),
    ];
  return view.variants.map((position, i) => describe(position, viewOf(side, position), viewOf(side, position.slice(-1)), i));
}

function describe(position: Position, view: SchemaView, own: SchemaView, index: number): Alternative {
  // Wrappers that only compose (`{oneOf: [...]}` with one alternative left) are not what the alternative is made of.
  const made = own.nodes.filter((node) => hasAssertions(node.value));
  const components = made
    .map((node) => node.pointer)
    .filter((pointer) => /^\/components\/schemas\/[^/]+$/.test(pointer))
    .sort();
  const [first] = components;
  const label = first && components.length === 1 && made.length === 1 ? `\`${fromPointer(first)[2]}\`` : `${index + 1} (${typeList(own.types)})`;
  const keys = new Set(view.nodes.flatMap((node) => Object.keys(node.value).filter(isAssertion)));
  const lists = (keys.has("enum") || keys.has("const")) && [...keys].every((key) => key === "type" || key === "enum" || key === "const");
  return { position, view, pointer: own.pointer, label, components, values: lists ? allowed(view) : undefined, bare: [...keys].every((key) => key === "type") };
}

/**
 * An unmatched alternative that only lists values is an enum spelled another way: it is taken out of `unmatched`
 * and judged by the values none of the other side's alternatives allow (none: no change), unless no alternative
 * there has its type, which makes it a new kind of value, left to be added or removed.
 */
function takeValueLists(unmatched: Alternative[], others: readonly Alternative[], report: (alternative: Alternative, values: unknown[]) => void): void {
  for (const alternative of [...unmatched]) {
    const outside = valuesOutside(alternative, others);
    if (!outside || (outside.length > 0 && !others.some((other) => listsSameType(alternative, other)))) continue;
    unmatched.splice(unmatched.indexOf(alternative), 1);
    report(alternative, outside);
  }
}

/** The values `alternative` lists that none of `others` allows; undefined when it does not list values. */
function valuesOutside(alternative: Alternative, others: readonly Alternative[]): unknown[] | undefined {
  if (!alternative.values) return undefined;
  const allows = (other: Alternative, key: string, value: unknown) => (other.values ? other.values.has(key) : other.bare && ofTypes(value, other.view.types));
  return [...alternative.values].filter(([key, value]) => !others.some((other) => allows(other, key, value))).map(([, value]) => value);
}

/** `other` lists values or is a bare type, of a type `alternative` shares: the two are one enum. */
function listsSameType(alternative: Alternative, other: Alternative): boolean {
  if (!other.values && !other.bare) return false;
  const [a, b] = [alternative.view.types, other.view.types];
  return !a || !b || [...a].some((type) => b.has(type));
}

function ofTypes(value: unknown, types: ReadonlySet<string> | undefined): boolean {
  if (!types) return true;
  const type = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  return types.has(type) || (type === "number" && Number.isInteger(value) && types.has("integer"));
}

function sameComponents(a: Alternative, b: Alternative): boolean {
  return a.components.length > 0 && a.components.join("\n") === b.components.join("\n");
}

const fingerprints = new WeakMap<Alternative, string>();
function sameContent(a: Alternative, b: Alternative): boolean {
  const text = (alternative: Alternative) => {
    let found = fingerprints.get(alternative);
    if (found === undefined)
      fingerprints.set(alternative, (found = JSON.stringify(alternative.view.nodes.filter((node) => hasAssertions(node.value)).map((node) => node.value))));
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
