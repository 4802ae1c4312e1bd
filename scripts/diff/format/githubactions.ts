import type { Change, DiffReport } from "../types.js";
import { affected, endpoint } from "./groups.js";

/**
 * The report as GitHub Actions workflow commands: an `::error` annotation for each change breaking on either
 * verdict, a `::warning` for each risky one; safe changes make none. The summary is a plain line after them.
 */
export function formatGithubActions(report: DiffReport): string {
  const lines: string[] = [];
  for (const change of report.changes) {
    const level =
      change.wire === "breaking" || change.types === "breaking" ? "error" : change.wire === "risky" || change.types === "risky" ? "warning" : undefined;
    if (!level) continue;
    const message = `${where(change)}${change.message} (wire: ${change.wire}, types: ${change.types})`;
    lines.push(`::${level} title=${escapeProperty(change.id)}::${escapeData(message)}`);
  }
  const { wire, types } = report.summary;
  lines.push(
    `wire: ${wire.breaking} breaking, ${wire.risky} risky, ${wire.safe} safe; types: ${types.breaking} breaking, ${types.risky} risky, ${types.safe} safe`,
  );
  return `${lines.join("\n")}\n`;
}

function where(change: Change): string {
  if (change.operations) return `in ${affected(change)}: `;
  return change.method && change.path ? `${endpoint({ method: change.method, path: change.path })}: ` : "";
}

/** Workflow command data ends at a line break; GitHub decodes these escapes (actions/toolkit `escapeData`). */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value also ends at `,` and its name at `:` (actions/toolkit `escapeProperty`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
