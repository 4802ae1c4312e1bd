import type { ChangeId } from "../../catalogue.js";
import type { SchemaCheck } from "../../schema/compare.js";
import { hasAssertions, type SchemaView } from "../../schema/view.js";
import { typeList } from "../../text.js";
import type { Direction } from "../../types.js";

/**
 * The JSON types a value may have. Widening and narrowing are judged by direction; integer ↔ number is told
 * apart because both are `number` in TypeScript. Stops the walk when the old and new types share nothing, or
 * when one side says nothing at all (`{}`): the type change then already says everything.
 */
export const type: SchemaCheck = (pair) => {
  const [before, after] = [pair.old.types, pair.new.types];
  const widened = covers(after, before);
  const narrowed = covers(before, after);
  if (widened && narrowed) return;
  const detail = `type ${widened ? "widened" : narrowed ? "narrowed" : "changed"} from ${typeList(before)} to ${typeList(after)}`;
  const sameInTypeScript = sameSet(asTypeScript(before), asTypeScript(after));
  pair.report(typeChange(pair.dir, widened ? "widened" : narrowed ? "narrowed" : "changed", sameInTypeScript), detail);
  if (!overlaps(before, after) || isEmpty(pair.old) || isEmpty(pair.new)) return "stop";
};

/** The id of a type change; integer ↔ number has ids of its own, since both are `number` in TypeScript. */
function typeChange(dir: Direction, change: "widened" | "narrowed" | "changed", sameInTypeScript: boolean): ChangeId {
  if (dir === "request") {
    if (change === "widened") return "request-type-widened";
    if (change === "narrowed") return sameInTypeScript ? "request-type-narrowed-to-integer" : "request-type-narrowed";
    return "request-type-changed";
  }
  if (change === "widened") return sameInTypeScript ? "response-type-widened-to-number" : "response-type-widened";
  return change === "narrowed" ? "response-type-narrowed" : "response-type-changed";
}

function isEmpty(view: SchemaView): boolean {
  return view.types === undefined && !view.nodes.some((node) => hasAssertions(node.value));
}

/** Every value of `inner` is also of `outer` (undefined = any type). */
export function covers(outer: ReadonlySet<string> | undefined, inner: ReadonlySet<string> | undefined): boolean {
  if (!outer) return true;
  if (!inner) return false;
  return [...inner].every((type) => outer.has(type) || (type === "integer" && outer.has("number")));
}

function overlaps(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return true;
  return [...a].some((type) => b.has(type) || (type === "integer" && b.has("number")) || (type === "number" && b.has("integer")));
}

function asTypeScript(types: ReadonlySet<string> | undefined): Set<string> | undefined {
  return types && new Set([...types].map((type) => (type === "integer" ? "number" : type)));
}

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && [...a].every((type) => b.has(type));
}
