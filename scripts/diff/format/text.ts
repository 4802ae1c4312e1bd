import type { DiffReport, Tally, Verdict } from "../types.js";
import { visible } from "../../lib/escape.js";
import { affected, groupByEndpoint } from "./groups.js";

const colours: Record<Verdict | "bold" | "dim", [string, string]> = {
  breaking: ["\x1b[31m", "\x1b[39m"],
  risky: ["\x1b[33m", "\x1b[39m"],
  safe: ["\x1b[32m", "\x1b[39m"],
  bold: ["\x1b[1m", "\x1b[22m"],
  dim: ["\x1b[2m", "\x1b[22m"],
};

/** The report for a terminal: a summary, then each endpoint's changes, breaking first. */
export function formatText(report: DiffReport, color: boolean): string {
  const paint = (style: keyof typeof colours, text: string) => (color ? `${colours[style][0]}${text}${colours[style][1]}` : text);
  const lines = [
    paint("bold", visible(`${report.old.title} ${report.old.version} → ${report.new.title} ${report.new.version}`)),
    `wire:  ${tally(report.summary.wire, paint)}`,
    `types: ${tally(report.summary.types, paint)}`,
  ];
  if (report.changes.length === 0) return `${lines.join("\n")}\n\nNo changes.\n`;
  for (const group of groupByEndpoint(report)) {
    lines.push("", paint("bold", visible(group.title)) + (group.oldPath ? paint("dim", ` (was ${visible(group.oldPath)})`) : ""));
    for (const change of group.changes) {
      lines.push(`  wire: ${paint(change.wire, change.wire.padEnd(8))}  types: ${paint(change.types, change.types.padEnd(8))}  ${change.id}`);
      lines.push(`      ${visible(change.message)}`);
      if (change.operations) lines.push(paint("dim", `      in ${visible(affected(change))}`));
    }
  }
  return `${lines.join("\n")}\n`;
}

function tally(counts: Tally, paint: (style: Verdict, text: string) => string): string {
  return (["breaking", "risky", "safe"] as const).map((verdict) => paint(verdict, `${counts[verdict]} ${verdict}`)).join(", ");
}
