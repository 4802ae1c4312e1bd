import type { DiffReport } from "../types.js";
import { markdownText } from "../../lib/escape.js";
import { affected, groupByEndpoint } from "./groups.js";

/** The report as Markdown for a pull request comment: a summary table, then a table per endpoint. */
export function formatMarkdown(report: DiffReport): string {
  const { wire, types } = report.summary;
  const lines = [
    `## API changes: ${markdownText(`${report.old.title} ${report.old.version} → ${report.new.title} ${report.new.version}`)}`,
    "",
    "| | breaking | risky | safe |",
    "|---|---:|---:|---:|",
    `| wire | ${wire.breaking} | ${wire.risky} | ${wire.safe} |`,
    `| types | ${types.breaking} | ${types.risky} | ${types.safe} |`,
  ];
  if (report.changes.length === 0) lines.push("", "No changes.");
  for (const group of groupByEndpoint(report)) {
    lines.push(
      "",
      `### ${markdownText(group.title)}${group.oldPath ? ` (was ${markdownText(group.oldPath)})` : ""}`,
      "",
      "| wire | types | change | details |",
      "|---|---|---|---|",
    );
    for (const change of group.changes) {
      const where = change.operations ? `<br>in ${markdownText(affected(change))}` : "";
      lines.push(`| ${verdict(change.wire)} | ${verdict(change.types)} | \`${change.id}\` | ${markdownText(change.message)}${where} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function verdict(value: string): string {
  return value === "breaking" ? "**breaking**" : value;
}
