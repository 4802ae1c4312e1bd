import type { OpenAPIDocument } from "../lib/load-spec.js";
import { catalogue } from "./catalogue.js";
import { HTTP_METHODS } from "../lib/http-methods.js";
import type { Change, DiffReport, Finding, OperationLocation, Tally, Verdict } from "./types.js";

/** A finding and the operation it was found in (none for servers, security schemes and components). */
export interface LocatedFinding {
  finding: Finding;
  operation?: OperationLocation;
}

export const verdicts: readonly Verdict[] = ["breaking", "risky", "safe"];

/** Two findings are the same change when they say the same about the same places. */
export function identity(finding: Finding): string {
  return [finding.id, finding.pointer.old ?? "", finding.pointer.new ?? "", finding.message].join("\n");
}

/**
 * Give each finding its verdicts from the catalogue and merge the same finding from several operations (a change
 * inside a shared component) into one change listing them. Ordered: document-wide changes, then changes shared by
 * several operations, then by path and method; within a place, breaking before risky before safe.
 */
export function buildReport(before: OpenAPIDocument, after: OpenAPIDocument, found: readonly LocatedFinding[]): DiffReport {
  const groups = new Map<string, { finding: Finding; operations: OperationLocation[] }>();
  for (const { finding, operation } of found) {
    const key = identity(finding);
    const group = groups.get(key) ?? { finding, operations: [] };
    if (operation) group.operations.push(operation);
    groups.set(key, group);
  }
  const changes = [...groups.values()].map(({ finding, operations }) => toChange(finding, operations)).sort(compareChanges);
  return { old: infoOf(before), new: infoOf(after), summary: summarise(changes), changes };
}

function toChange(finding: Finding, operations: OperationLocation[]): Change {
  const { wire, types } = catalogue[finding.id];
  const [only] = operations;
  return {
    id: finding.id,
    wire,
    types,
    ...(operations.length === 1 ? only : {}),
    ...(operations.length > 1 ? { operations: operations.sort((a, b) => byText(placeOf(a), placeOf(b))) } : {}),
    pointer: finding.pointer,
    // Checks word their findings as they are found; every message starts a sentence in the report.
    message: `${finding.message.charAt(0).toUpperCase()}${finding.message.slice(1)}`,
  };
}

/** Sortable text for where a change is, in the report's order. */
export function placeOf(change: Partial<OperationLocation> & { operations?: OperationLocation[] }): string {
  const first = change.operations?.[0];
  if (first) return `1 ${placeOf(first)}`;
  if (change.path === undefined || change.method === undefined) return "0";
  return `2 ${change.path} ${HTTP_METHODS.indexOf(change.method as (typeof HTTP_METHODS)[number])}`;
}

function compareChanges(a: Change, b: Change): number {
  return (
    byText(placeOf(a), placeOf(b)) ||
    verdicts.indexOf(a.wire) - verdicts.indexOf(b.wire) ||
    verdicts.indexOf(a.types) - verdicts.indexOf(b.types) ||
    byText(identity(a), identity(b))
  );
}

/** Code-unit order, the same on every machine and locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function summarise(changes: readonly Change[]): DiffReport["summary"] {
  const tally = (): Tally => ({ breaking: 0, risky: 0, safe: 0 });
  const summary = { wire: tally(), types: tally() };
  for (const change of changes) {
    summary.wire[change.wire]++;
    summary.types[change.types]++;
  }
  return summary;
}

function infoOf(doc: OpenAPIDocument): { title: string; version: string } {
  return { title: String(doc.info?.title ?? ""), version: String(doc.info?.version ?? "") };
}
