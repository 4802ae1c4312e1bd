import type { ChangeId } from "../catalogue.js";
import type { DiffContext } from "../context.js";
import { describeSchema } from "../describe.js";
import { refOf } from "../side.js";
import type { Direction, Finding, Pointers } from "../types.js";
import { schemaChecks } from "../checks/schema/index.js";
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
  /** The changes between two child schemas in `dir`, returned rather than reported: the caller judges them as a whole. */
  inner(dir: Direction, old: Position, now: Position): readonly Finding[];
  /** Report a change found by `inner` under the id of the keyword that holds it. */
  relay(id: ChangeId, finding: Finding): void;
}

export interface Subject {
  side: "old" | "new";
  pointer: string;
}

/** A check over one pair of schemas. Returning `"stop"` means the rest of the checks cannot apply (e.g. types differ). */
// biome-ignore lint/suspicious/noConfusingVoidType: most checks return nothing; `void` lets them be written so.
export type SchemaCheck = (pair: SchemaPair, ctx: DiffContext) => void | "stop";

const none: readonly Finding[] = Object.freeze([]);

/** Every change between two schemas in one direction. Memoised, so a shared component is compared once. */
export function compareSchemas(ctx: DiffContext, dir: Direction, old: Position, now: Position): readonly Finding[] {
  if (old.length === 1 && now.length === 1 && sameThroughRefs(ctx, old[0]?.value, now[0]?.value)) return none;
  noteRename(ctx, old, now);
  const views = { old: viewOf(ctx.old, old), new: viewOf(ctx.new, now) };
  const key = `${dir} ${views.old.id} ${views.new.id}`;
  const known = ctx.memo.get(key);
  if (known) return known;
  const open = ctx.inProgress.get(key);
  if (open !== undefined) {
    // A recursive schema reached itself: the comparison under way covers it. Whatever is found between here and
    // there is incomplete until that comparison ends, so it must not be remembered on its own.
    ctx.cutAt = Math.min(ctx.cutAt, open);
    return none;
  }
  const depth = ctx.inProgress.size;
  const outerCut = ctx.cutAt;
  ctx.inProgress.set(key, depth);
  ctx.cutAt = Number.POSITIVE_INFINITY;
  const found: Finding[] = [];
  const pair: SchemaPair = {
    dir,
    ...views,
    recurse: (o, n) => {
      for (const finding of compareSchemas(ctx, dir, o, n)) found.push(finding);
    },
    report: (id, detail, at = { old: views.old.pointer, new: views.new.pointer }, subject = { side: "new", pointer: views.new.pointer }) => {
      found.push({ id, message: message(ctx, dir, subject, detail), pointer: at });
    },
    inner: (innerDir, o, n) => compareSchemas(ctx, innerDir, o, n),
    relay: (id, finding) => {
      found.push({ ...finding, id });
    },
  };
  for (const check of schemaChecks) if (check(pair, ctx) === "stop") break;
  ctx.inProgress.delete(key);
  const cut = ctx.cutAt;
  ctx.cutAt = Math.min(outerCut, cut < depth ? cut : Number.POSITIVE_INFINITY);
  const result = found.length === 0 ? none : found;
  if (cut >= depth) ctx.memo.set(key, result);
  return result;
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
