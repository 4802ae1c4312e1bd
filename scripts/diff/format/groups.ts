import { placeOf, verdicts } from "../report.js";
import type { Change, DiffReport, OperationLocation } from "../types.js";

export interface Group {
  /** "GET /tokens/{id}", "Several operations" or "Whole API". */
  title: string;
  /** The old path, when the endpoint moved. */
  oldPath?: string;
  changes: Change[];
}

/** The report's changes by endpoint: groups with a wire-breaking change first, then types-breaking, and so on. */
export function groupByEndpoint(report: DiffReport): Group[] {
  const groups = new Map<string, Group>();
  for (const change of report.changes) {
    const key = change.operations ? "1" : placeOf(change);
    const group = groups.get(key) ?? { title: titleOf(change), ...(change.oldPath ? { oldPath: change.oldPath } : {}), changes: [] };
    group.changes.push(change);
    groups.set(key, group);
  }
  const worst = (group: Group, verdict: "wire" | "types") => Math.min(...group.changes.map((change) => verdicts.indexOf(change[verdict])));
  return [...groups.values()]
    .map((group, order) => ({ group, order, wire: worst(group, "wire"), types: worst(group, "types") }))
    .sort((a, b) => a.wire - b.wire || a.types - b.types || a.order - b.order)
    .map(({ group }) => group);
}

export function endpoint(operation: OperationLocation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** The operations a grouped change touches, shortened past `limit`. */
export function affected(change: Change, limit = 8): string {
  const all = (change.operations ?? []).map(endpoint);
  return all.length > limit ? `${all.slice(0, limit).join(", ")} and ${all.length - limit} more` : all.join(", ");
}

function titleOf(change: Change): string {
  if (change.operations) return "Several operations";
  return change.method && change.path ? endpoint({ method: change.method, path: change.path }) : "Whole API";
}
