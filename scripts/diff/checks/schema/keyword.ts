import type { ChangeId } from "../../catalogue.js";
import type { SchemaPair } from "../../schema/compare.js";
import { entries, keyword, keywordValues, subschema, type Part, type Position, type SchemaView } from "../../schema/view.js";
import type { Direction, Pointers } from "../../types.js";

/** One keyword's change ids by direction: `tightened` when fewer instances are valid, `relaxed` when more are. */
export type KeywordIds = Readonly<Record<Direction, { tightened: ChangeId; relaxed: ChangeId }>>;

/** The four ids of a keyword, spelled out where they are used so that a search for an id finds its check. */
export function keywordIds(requestTightened: ChangeId, requestRelaxed: ChangeId, responseTightened: ChangeId, responseRelaxed: ChangeId): KeywordIds {
  return { request: { tightened: requestTightened, relaxed: requestRelaxed }, response: { tightened: responseTightened, relaxed: responseRelaxed } };
}

/** Report a change to a keyword as narrowing (`tighter`) or widening what is valid. */
export function judge(pair: SchemaPair, ids: KeywordIds, tighter: boolean, detail: string, at?: Pointers): void {
  pair.report(tighter ? ids[pair.dir].tightened : ids[pair.dir].relaxed, detail, at);
}

/** Where the keyword is on each side, or the schemas when one side lacks it. */
export function pointersOf(pair: SchemaPair, name: string): Pointers {
  return { old: keyword(pair.old, name)?.pointer ?? pair.old.pointer, new: keyword(pair.new, name)?.pointer ?? pair.new.pointer };
}

/**
 * Compare two subschemas that openapi-typescript leaves out of the types (`contains`, `then`, `not`, …) and report
 * each change inside under the keyword's own ids: the inner ids would claim type changes that never show. A `not`
 * schema excludes what it matches, so it is compared in the other direction: widening it narrows the outer value.
 */
export function compareNested(pair: SchemaPair, ids: KeywordIds, old: Position, now: Position, negated = false): void {
  const dir: Direction = negated ? (pair.dir === "request" ? "response" : "request") : pair.dir;
  // An inner change that may break its reader narrows a request and widens a response; the same holds through a
  // `not`, since its inner direction is flipped. A risky one counts as breaking: it may go either way.
  const { tightened, relaxed } = ids[pair.dir];
  pair.relay(dir, old, now, pair.dir === "request" ? { safe: relaxed, unsafe: tightened } : { safe: tightened, unsafe: relaxed });
}

/** How much a schema-valued keyword constrains: not at all (absent or `true`), by a schema, or everything (`false`). */
type Strength = "none" | "schema" | "all";
const rank: Record<Strength, number> = { none: 0, schema: 1, all: 2 };

function strengthOf(view: SchemaView, name: string): Strength {
  const values = keywordValues(view, name);
  if (values.includes(false)) return "all";
  return values.some((value) => value !== true) ? "schema" : "none";
}

/** A keyword holding one schema that only asserts: added, removed, made `false`, or its schemas compared. */
export function compareKeyword(pair: SchemaPair, ids: KeywordIds, name: string, negated = false): void {
  const [before, after] = [strengthOf(pair.old, name), strengthOf(pair.new, name)];
  if (before === "schema" && after === "schema") {
    compareNested(pair, ids, subschema(pair.old, name), subschema(pair.new, name), negated);
    return;
  }
  if (before === after) return;
  const shown = (strength: Strength) => (strength === "all" ? `\`${name}: false\`` : `\`${name}\``);
  const detail = before === "none" ? `${shown(after)} added` : after === "none" ? `${shown(before)} removed` : `${shown(before)} became ${shown(after)}`;
  judge(pair, ids, rank[after] > rank[before], detail, pointersOf(pair, name));
}

/**
 * A keyword holding named schemas (`dependentSchemas`, `patternProperties`): an entry added narrows, one removed
 * widens, and the entries on both sides are handed to `compare`.
 */
export function compareEntries(pair: SchemaPair, ids: KeywordIds, name: string, compare: (old: Part[], now: Part[]) => void): void {
  const [before, after] = [entries(pair.old, name), entries(pair.new, name)];
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now) compare(old, now);
    else judge(pair, ids, false, `\`${name}\` entry \`${key}\` removed`, { old: old[0]?.pointer ?? pair.old.pointer, new: pair.new.pointer });
  }
  for (const [key, now] of after) {
    if (!before.has(key)) judge(pair, ids, true, `\`${name}\` entry \`${key}\` added`, { old: pair.old.pointer, new: now[0]?.pointer ?? pair.new.pointer });
  }
}
