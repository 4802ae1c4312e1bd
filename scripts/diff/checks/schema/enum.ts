import type { SchemaCheck, SchemaPair } from "../../schema/compare.js";
import { keyword, keywordValues, type SchemaView } from "../../schema/view.js";
import { codes } from "../../text.js";
import type { Pointers } from "../../types.js";

/**
 * The values an `enum` allows, with any `const` beside it, compared by value; `null` is the nullable check's
 * business. A `const` with no `enum` on either side has its own check.
 */
export const enumValues: SchemaCheck = (pair) => {
  if (!hasEnum(pair)) return;
  const [before, after] = [allowed(pair.old), allowed(pair.new)];
  if (!before && !after) return;
  const at = { old: where(pair.old), new: where(pair.new) };
  const request = pair.dir === "request";
  if (!before && after) {
    pair.report(
      request ? "request-became-enum" : "response-became-enum",
      `${request ? "now only accepts" : "is now limited to"} ${codes([...after.values()])}`,
      at,
    );
    return;
  }
  if (before && !after) {
    pair.report(request ? "request-no-longer-enum" : "response-no-longer-enum", `is no longer limited to ${codes([...before.values()])}`, at);
    return;
  }
  if (!before || !after) return;
  const added = [...after].filter(([key]) => !before.has(key)).map(([, value]) => value);
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, value]) => value);
  reportValues(pair, added, removed, at);
};

/** Enum values added and removed, in the pair's direction. */
export function reportValues(pair: SchemaPair, added: readonly unknown[], removed: readonly unknown[], at?: Pointers): void {
  const request = pair.dir === "request";
  if (added.length > 0)
    pair.report(request ? "request-enum-value-added" : "response-enum-value-added", `${request ? "now also accepts" : "may now be"} ${codes(added)}`, at);
  if (removed.length > 0)
    pair.report(
      request ? "request-enum-value-removed" : "response-enum-value-removed",
      `${request ? "no longer accepts" : "is never"} ${codes(removed)}${request ? "" : " any more"}`,
      at,
    );
}

export function hasEnum(pair: SchemaPair): boolean {
  return keyword(pair.old, "enum") !== undefined || keyword(pair.new, "enum") !== undefined;
}

/** Allowed values by their JSON text: the intersection of every `enum` and `const` across allOf parts. */
export function allowed(view: SchemaView): Map<string, unknown> | undefined {
  const lists = [...keywordValues(view, "enum").filter(Array.isArray), ...keywordValues(view, "const").map((value) => [value])];
  let values: Map<string, unknown> | undefined;
  for (const list of lists) {
    const next = new Map(list.filter((value) => value !== null).map((value) => [JSON.stringify(value), value] as const));
    values = values ? new Map([...values].filter(([key]) => next.has(key))) : next;
  }
  return values;
}

function where(view: SchemaView): string {
  return (keyword(view, "enum") ?? keyword(view, "const"))?.pointer ?? view.pointer;
}
