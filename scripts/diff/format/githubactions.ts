import { visible } from "../../lib/escape.js";
import type { Change, DiffReport, Pointers } from "../types.js";
import { affected, endpoint } from "./groups.js";

/** The file GitHub shows annotations on, and the line in it of a change's pointers when that is known. */
export interface AnnotationTarget {
  file: string;
  line?: (pointer: Pointers) => number | undefined;
}

/**
 * The report as GitHub Actions workflow commands: an `::error` annotation for each change breaking on either
 * verdict, a `::warning` for each risky one; safe changes make none. With a target, each names its file and, when
 * known, the change's line. The summary is a plain line after them.
 */
export function formatGithubActions(report: DiffReport, target?: AnnotationTarget): string {
  const lines: string[] = [];
  for (const change of report.changes) {
    const level = annotationLevel(change);
    if (!level) continue;
    const line = target?.line?.(change.pointer);
    const properties = [
      ...(target ? [`file=${escapeProperty(target.file)}`] : []),
      ...(line === undefined ? [] : [`line=${line}`]),
      `title=${escapeProperty(change.id)}`,
    ];
    const message = `${where(change)}${change.message} (wire: ${change.wire}, types: ${change.types})`;
    lines.push(`::${level} ${properties.join(",")}::${escapeData(message)}`);
  }
  const { wire, types } = report.summary;
  lines.push(
    `wire: ${wire.breaking} breaking, ${wire.risky} risky, ${wire.safe} safe; types: ${types.breaking} breaking, ${types.risky} risky, ${types.safe} safe`,
  );
  return `${lines.join("\n")}\n`;
}

/** `error` for a change breaking on either verdict, `warning` for a risky one, none for a safe one. */
export function annotationLevel(change: Change): "error" | "warning" | undefined {
  if (change.wire === "breaking" || change.types === "breaking") return "error";
  return change.wire === "risky" || change.types === "risky" ? "warning" : undefined;
}

function where(change: Change): string {
  if (change.operations) return `in ${affected(change)}: `;
  return change.method && change.path ? `${endpoint({ method: change.method, path: change.path })}: ` : "";
}

/**
 * Workflow command data ends at a line break (GitHub decodes these escapes: actions/toolkit `escapeData`); other
 * control characters, which the log would show or obey, are made visible first.
 */
function escapeData(text: string): string {
  return visible(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** A property value also ends at `,` and its name at `:` (actions/toolkit `escapeProperty`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
