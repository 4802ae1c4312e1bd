import { SpecError } from "../../lib/spec-error.js";
import { spend } from "../budget.js";
import type { ChangeId } from "../catalogue.js";
import type { DiffContext } from "../context.js";
import { describeSchema } from "../describe.js";
import { refOf } from "../side.js";
import type { Direction, Finding, Pointers } from "../types.js";
import { schemaChecks } from "../checks/schema/index.js";
import { findingsOf, link, nothing, type Comparison, type Relay } from "./comparison.js";
import { sameThroughRefs } from "./same.js";
import { viewOf, type Position, type SchemaView } from "./view.js";

/** Two versions of one schema, seen from one direction, with the means to report and to descend. */
export interface SchemaPair {
  dir: Direction;
  old: SchemaView;
  new: SchemaView;
  /** Compare two child schemas (a property, the items, an alternative) in the same direction. */
  recurse(old: Position, now: Position): void;
  /**
   * Report a change. `at` defaults to the two schemas; `subject` (which side, which pointer) names the thing
   * in the message and defaults to the new schema.
   */
  report(id: ChangeId, detail: string, at?: Pointers, subject?: Subject): void;
  /**
   * The changes between two child schemas in `dir`, returned rather than reported: the caller judges them as a whole.
   * A comparison under way further up (a recursive schema) counts as no change.
   */
  inner(dir: Direction, old: Position, now: Position): readonly Finding[];
  /** Report every change between two child schemas in `dir` under the ids `relay` gives. */
  relay(dir: Direction, old: Position, now: Position, relay: Relay): void;
}

export interface Subject {
  side: "old" | "new";
  pointer: string;
}

/** A check over one pair of schemas. Returning `"stop"` means the rest of the checks cannot apply (e.g. types differ). */
// biome-ignore lint/suspicious/noConfusingVoidType: most checks return nothing; `void` lets them be written so.
export type SchemaCheck = (pair: SchemaPair, ctx: DiffContext) => void | "stop";

/**
 * Far deeper than real schemas nest (in the GitHub REST description, comparisons go 10 deep), and well inside the
 * stack, which a comparison 600 deep overflowed (300 deep still runs on half the stack). Each document's depth
 * through `$ref`s is bounded when it is loaded (lib/ref-depth.ts), but a pair can go deeper than either schema: an
 * old loop of 59 schemas against a new loop of 61 comes back to its first pair only after 3,599.
 */
export const MAX_SCHEMA_DEPTH = 300;

/** Every change between two schemas in one direction, for a caller outside any schema (a body, a parameter). */
export function compareSchemas(ctx: DiffContext, dir: Direction, old: Position, now: Position): readonly Finding[] {
  return gather(ctx, compare(ctx, dir, old, now));
}

/**
 * Compare two schemas in one direction, once per run for each pair of flattened schemas: a shared component is
 * compared once however many places use it, and a recursive one once however deep it recurses.
 */
function compare(ctx: DiffContext, dir: Direction, old: Position, now: Position): Comparison {
  if (old.length === 1 && now.length === 1 && sameThroughRefs(ctx, old[0]?.value, now[0]?.value)) return nothing;
  noteRename(ctx, old, now);
  const views = { old: viewOf(ctx.old, old), new: viewOf(ctx.new, now) };
  const key = `${dir} ${views.old.id} ${views.new.id}`;
  // Done, or under way further up: a recursive schema met itself, and linking to it closes the loop.
  const known = ctx.memo.get(key);
  if (known) return known;
  const at = { old: views.old.pointer, new: views.new.pointer };
  if (ctx.depth >= MAX_SCHEMA_DEPTH) throw tooDeep(ctx, at);
  spend(ctx.budget, ctx.where, "pairs", at);
  const comparison: Comparison = { own: [], links: [], done: false };
  ctx.memo.set(key, comparison);
  const pair: SchemaPair = {
    dir,
    ...views,
    recurse: (o, n) => link(comparison, compare(ctx, dir, o, n)),
    report: (id, detail, pointer = at, subject = { side: "new", pointer: views.new.pointer }) => {
      spend(ctx.budget, ctx.where, "findings", at);
      comparison.own.push({ id, message: message(ctx, dir, subject, detail), pointer });
    },
    inner: (innerDir, o, n) => gather(ctx, compare(ctx, innerDir, o, n), at),
    relay: (innerDir, o, n, relay) => link(comparison, compare(ctx, innerDir, o, n), relay),
  };
  ctx.depth++;
  for (const check of schemaChecks) if (check(pair, ctx) === "stop") break;
  ctx.depth--;
  comparison.done = true;
  if (comparison.own.length > 0 || comparison.links.length > 0) return comparison;
  // Most pairs find nothing; one shared object keeps their memo entries small.
  ctx.memo.set(key, nothing);
  return nothing;
}

/** The findings of a comparison and all it links to, each step counted against the budget. */
function gather(ctx: DiffContext, comparison: Comparison, at?: Pointers): readonly Finding[] {
  return findingsOf(comparison, (work) => spend(ctx.budget, ctx.where, "findings", at, work));
}

function tooDeep(ctx: DiffContext, at: Pointers): SpecError {
  const { files } = ctx.where;
  return new SpecError(
    `diff stopped here, compared with ${files.old} #${at.old}: the two schemas nest more than ${MAX_SCHEMA_DEPTH} levels deep through their $refs`,
    { file: files.new, pointer: at.new },
  );
}

function message(ctx: DiffContext, dir: Direction, subject: Subject, detail: string): string {
  const label = describeSchema(ctx[subject.side], subject.pointer);
  // A component schema is used by requests and responses alike; say which use changed.
  const where = label.startsWith("schema") ? ` (in ${dir}s)` : "";
  return `${label}${where}: ${detail}`;
}

function noteRename(ctx: DiffContext, old: Position, now: Position): void {
  const [from, to] = [old.length === 1 ? refOf(old[0]?.value) : undefined, now.length === 1 ? refOf(now[0]?.value) : undefined];
  if (from && to && from !== to && !ctx.renames.has(from)) ctx.renames.set(from, to);
}
