import type { DiffReport } from "../types.js";
import { formatMarkdown } from "./markdown.js";
import { formatText } from "./text.js";

export const formats = ["text", "markdown", "json"] as const;
export type Format = (typeof formats)[number];

/** The report as text (ANSI colour only when `color`), Markdown, or JSON in the documented shape. */
export function formatReport(report: DiffReport, format: Format, { color = false }: { color?: boolean } = {}): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  return format === "markdown" ? formatMarkdown(report) : formatText(report, color);
}
