import type { OpenAPIDocument } from "../lib/load-spec.js";
import { afterWalkChecks, documentChecks, operationChecks } from "./checks/index.js";
import { compareWebhook } from "./checks/webhook.js";
import type { DiffContext, Emit } from "./context.js";
import { matchOperations, type OperationSide, unchanged } from "./pair.js";
import { buildReport, identity, type LocatedFinding } from "./report.js";
import { createSide } from "./side.js";
import type { DiffReport, Finding } from "./types.js";

export type { Change, DiffReport, Verdict } from "./types.js";

/**
 * Every change from `before` to `after`, each with its two verdicts, in a stable order. Pure: the documents
 * are read, never modified, and nothing is printed. Internal `$ref`s are followed; external ones must have been
 * bundled (as `loadSpec` does).
 */
export function diffSpecs(before: OpenAPIDocument, after: OpenAPIDocument): DiffReport {
  const ctx: DiffContext = {
    old: createSide(before),
    new: createSide(after),
    memo: new Map(),
    sameRefs: new Map(),
    inProgress: new Map(),
    cutAt: Number.POSITIVE_INFINITY,
    renames: new Map(),
  };
  const found: LocatedFinding[] = [];
  const documentLevel: Emit = (finding) => found.push({ finding });
  for (const check of documentChecks) check(ctx, documentLevel);

  const { pairs, removed, added } = matchOperations(ctx);
  for (const op of removed)
    found.push({ finding: existence(op, "operation-removed", "operation removed", "old"), operation: { method: op.method, path: op.path } });
  for (const op of added) found.push({ finding: existence(op, "operation-added", "new operation", "new"), operation: { method: op.method, path: op.path } });
  for (const pair of pairs) {
    if (unchanged(ctx, pair)) continue;
    const operation = { method: pair.new.method, path: pair.new.path, ...(pair.old.path === pair.new.path ? {} : { oldPath: pair.old.path }) };
    // One component can be reached several ways from one operation; it is one change there.
    const seen = new Set<string>();
    const emit: Emit = (finding) => {
      const key = identity(finding);
      if (seen.has(key)) return;
      seen.add(key);
      found.push({ finding, operation });
    };
    for (const check of operationChecks) check(pair, ctx, emit);
  }

  const webhooks = matchOperations(ctx, "webhooks");
  // Named by where they are in the document: a webhook has a name, not a path, and no URL of its own.
  const webhookAt = (op: OperationSide) => ({ method: op.method, path: `webhooks/${op.path}` });
  for (const op of webhooks.removed) found.push({ finding: existence(op, "webhook-removed", "webhook removed", "old"), operation: webhookAt(op) });
  for (const op of webhooks.added) found.push({ finding: existence(op, "webhook-added", "new webhook", "new"), operation: webhookAt(op) });
  for (const pair of webhooks.pairs) compareWebhook(pair, ctx, (finding) => found.push({ finding, operation: webhookAt(pair.new) }));

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
