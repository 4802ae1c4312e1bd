import { SpecError } from "../lib/spec-error.js";
import type { Pointers } from "./types.js";

/**
 * The most work one diff may do, in steps: one per schema pair compared, one per finding recorded, and one per
 * finding or comparison gathered into an operation's report. The GitHub REST description (13 MB, 1,200 operations)
 * takes 7,000 steps from one version to the next, and 120,000 with every string in it made an integer. Hostile
 * input runs out of this budget in about ten seconds and half a gigabyte, where it would grow without end.
 */
export const DEFAULT_WORK_BUDGET = 1_000_000;

/** The work a diff may do, and how much it did: `spent` stays readable after the diff, for tests and benchmarks. */
export class WorkBudget {
  readonly spent = { pairs: 0, findings: 0 };

  constructor(readonly limit: number = DEFAULT_WORK_BUDGET) {}

  get total(): number {
    return this.spent.pairs + this.spent.findings;
  }
}

/** Where the diff is, for messages: the documents' names and the operation being walked. */
export interface Whereabouts {
  files: { old: string; new: string };
  /** E.g. `POST /filters`; undefined for document-wide checks. */
  operation: string | undefined;
  /** The operation's pointers, or the document root's. */
  at: Pointers;
  /** `budget.total` when the walk entered the operation. */
  spentBefore: number;
}

/** Spend steps of `kind` at `at` (the schemas being compared, by default the operation): past the budget, stop the diff. */
export function spend(budget: WorkBudget, where: Whereabouts, kind: keyof WorkBudget["spent"], at: Pointers = where.at, steps = 1): void {
  budget.spent[kind] += steps;
  if (budget.total > budget.limit) throw pastBudget(budget, where, at);
}

function pastBudget(budget: WorkBudget, where: Whereabouts, at: Pointers): SpecError {
  const count = (n: number) => n.toLocaleString("en");
  const { pairs, findings } = budget.spent;
  const operation = where.operation === undefined ? "" : `, ${count(budget.total - where.spentBefore)} of them on ${where.operation}`;
  const [side, other] = at.new === undefined ? (["old", "new"] as const) : (["new", "old"] as const);
  const beside = at[other] === undefined ? "" : `, compared with ${where.files[other]} #${at[other]}`;
  return new SpecError(
    `diff stopped here${beside}: its work budget of ${count(budget.limit)} steps is spent (${count(pairs)} schema pairs compared, ${count(findings)} findings recorded or gathered${operation}); --work-budget raises it`,
    { file: where.files[side], pointer: at[side] ?? "" },
  );
}
