import type { DiffReport } from "../types.js";
import { type AnnotationTarget, formatGithubActions } from "./githubactions.js";
import { formatMarkdown } from "./markdown.js";
import { formatText } from "./text.js";

export const formats = ["text", "markdown", "json", "githubactions"] as const;
export type Format = (typeof formats)[number];

/**
 * The report as text (ANSI colour only when `color`), Markdown, JSON in the documented shape, or GitHub annotations
 * (on the file and lines of `annotate`, when given).
 */
export function formatReport(report: DiffReport, format: Format, { color = false, annotate }: { color?: boolean; annotate?: AnnotationTarget } = {}): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "githubactions") return formatGithubActions(report, annotate);
  return format === "markdown" ? formatMarkdown(report) : formatText(report, color);
}
