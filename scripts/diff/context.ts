import type { OpenAPIDocument } from "../lib/load-spec.js";
import { WorkBudget, type Whereabouts } from "./budget.js";
import type { Comparison } from "./schema/comparison.js";
import { createSide, type Side } from "./side.js";
import type { Finding } from "./types.js";

/** What one run of the diff shares across checks: both documents, the comparisons of schemas, the work done. */
export interface DiffContext {
  old: Side;
  new: Side;
  /**
   * Every schema pair compared, by direction and the identities of the two flattened schemas, from the moment its
   * comparison starts: one met again while under way is a recursive schema, and is linked to, not compared again.
   */
  memo: Map<string, Comparison>;
  /** How many comparisons are under way, one inside the other. */
  depth: number;
  /** Whether what a `$ref` names is equal in both documents, everything it reaches included (schema/same.ts). */
  sameRefs: Map<string, boolean>;
  /** Component `$ref`s the walk found in the same place in both documents under different names: old → new. */
  renames: Map<string, string>;
  budget: WorkBudget;
  where: Whereabouts;
}

/** Reports a finding; checks call it and never build locations themselves. */
export type Emit = (finding: Finding) => void;

export interface DiffOptions {
  /** How much work the diff may do; past it, it stops with a SpecError. Read `budget.spent` afterwards to see what it did. */
  budget?: WorkBudget;
  /** The documents' names, for the messages it stops with. */
  files?: { old: string; new: string };
}

/** A fresh context for diffing `before` against `after`, at the documents' roots, with nothing compared yet. */
export function createContext(before: OpenAPIDocument, after: OpenAPIDocument, options: DiffOptions = {}): DiffContext {
  return {
    old: createSide(before),
    new: createSide(after),
    memo: new Map(),
    depth: 0,
    sameRefs: new Map(),
    renames: new Map(),
    budget: options.budget ?? new WorkBudget(),
    where: { files: options.files ?? { old: "old", new: "new" }, operation: undefined, at: { new: "" }, spentBefore: 0 },
  };
}
