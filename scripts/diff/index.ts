import type { OpenAPIDocument } from "../lib/load-spec.js";
import { spend } from "./budget.js";
import { afterWalkChecks, documentChecks, operationChecks } from "./checks/index.js";
import { compareWebhook } from "./checks/webhook.js";
import { createContext, type DiffOptions, type Emit } from "./context.js";
import { matchOperations, type OperationSide, unchanged } from "./pair.js";
import { buildReport, identity, type LocatedFinding } from "./report.js";
import type { DiffReport, Finding, OperationLocation, Pointers } from "./types.js";

export type { Change, DiffReport, Verdict } from "./types.js";
export { DEFAULT_WORK_BUDGET, WorkBudget } from "./budget.js";
export type { DiffOptions } from "./context.js";

/**
 * Every change from `before` to `after`, each with its two verdicts, in a stable order. Pure: the documents
 * are read, never modified, and nothing is printed. Internal `$ref`s are followed; external ones must have been
 * bundled (as `loadSpec` does). Throws a SpecError when the comparison outgrows its budget or the stack.
 */
export function diffSpecs(before: OpenAPIDocument, after: OpenAPIDocument, options: DiffOptions = {}): DiffReport {
  const ctx = createContext(before, after, options);
  const { budget } = ctx;
  const found: LocatedFinding[] = [];
  const add = (located: LocatedFinding) => {
    // A change inside a shared schema is placed once for each operation that reaches it: each placing is a step.
    spend(budget, ctx.where, "findings");
    found.push(located);
  };
  /** Walk into an operation: what it finds is reported for it, each change once. */
  const enter = (operation: OperationLocation, at: Pointers): Emit => {
    ctx.where = { ...ctx.where, operation: `${operation.method.toUpperCase()} ${operation.path}`, at, spentBefore: budget.total };
    // One component can be reached several ways from one operation; it is one change there.
    const seen = new Set<string>();
    return (finding) => {
      const key = identity(finding);
      if (seen.has(key)) return;
      seen.add(key);
      add({ finding, operation });
    };
  };
  const documentLevel: Emit = (finding) => add({ finding });
  for (const check of documentChecks) check(ctx, documentLevel);

  const { pairs, removed, added } = matchOperations(ctx);
  for (const op of removed) add({ finding: existence(op, "operation-removed", "operation removed", "old"), operation: { method: op.method, path: op.path } });
  for (const op of added) add({ finding: existence(op, "operation-added", "new operation", "new"), operation: { method: op.method, path: op.path } });
  for (const pair of pairs) {
    if (unchanged(ctx, pair)) continue;
    const operation = { method: pair.new.method, path: pair.new.path, ...(pair.old.path === pair.new.path ? {} : { oldPath: pair.old.path }) };
    const emit = enter(operation, { old: pair.old.pointer, new: pair.new.pointer });
    for (const check of operationChecks) check(pair, ctx, emit);
  }

  const webhooks = matchOperations(ctx, "webhooks");
  // Named by where they are in the document: a webhook has a name, not a path, and no URL of its own.
  const webhookAt = (op: OperationSide) => ({ method: op.method, path: `webhooks/${op.path}` });
  for (const op of webhooks.removed) add({ finding: existence(op, "webhook-removed", "webhook removed", "old"), operation: webhookAt(op) });
  for (const op of webhooks.added) add({ finding: existence(op, "webhook-added", "new webhook", "new"), operation: webhookAt(op) });
  for (const pair of webhooks.pairs) compareWebhook(pair, ctx, enter(webhookAt(pair.new), { old: pair.old.pointer, new: pair.new.pointer }));

  ctx.where = { ...ctx.where, operation: undefined, at: { new: "" } };
  for (const check of afterWalkChecks) check(ctx, documentLevel);
  return buildReport(before, after, found);
}

function existence(
  op: OperationSide,
  id: "operation-added" | "operation-removed" | "webhook-added" | "webhook-removed",
  what: string,
  side: "old" | "new",
): Finding {
  const summary = typeof op.operation.summary === "string" ? ` (${op.operation.summary})` : "";
  return { id, message: `${what}${summary}`, pointer: { [side]: op.pointer } };
}
