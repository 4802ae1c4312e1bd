import type { Side } from "./side.js";
import type { Finding } from "./types.js";

/** What one run of the diff shares across checks: both documents and the memo of schema comparisons. */
export interface DiffContext {
  old: Side;
  new: Side;
  /** Findings of each schema comparison, by direction and the identities of the two flattened schemas. */
  memo: Map<string, readonly Finding[]>;
  /** Comparisons under way, with their depth; meeting one again means the schema is recursive. */
  inProgress: Map<string, number>;
  /** The shallowest comparison under way that the current one met again (recursion), or +Infinity. */
  cutAt: number;
  /** Whether what a `$ref` names is equal in both documents, everything it reaches included (schema/same.ts). */
  sameRefs: Map<string, boolean>;
  /** Component `$ref`s the walk found in the same place in both documents under different names: old → new. */
  renames: Map<string, string>;
}

/** Reports a finding; checks call it and never build locations themselves. */
export type Emit = (finding: Finding) => void;
