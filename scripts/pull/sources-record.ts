import { createHash } from "node:crypto";

/** One row of specs/SOURCES.md: where a vendored file's bytes came from, when, and their sha256. */
export interface SourceRow {
  file: string;
  source: string;
  vendored: string;
  sha256: string;
}

const ROW = /^\| `([^`]+)` \| (.*) \| (\d{4}-\d{2}-\d{2}) \| `([0-9a-f]{64})` \|$/;

export function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

export function readRows(markdown: string): SourceRow[] {
  return markdown.split("\n").flatMap((line) => {
    const match = ROW.exec(line);
    return match ? [{ file: match[1]!, source: match[2]!, vendored: match[3]!, sha256: match[4]! }] : [];
  });
}

/** The table with `row` replacing the row of the same file, or appended after the last row. */
export function writeRow(markdown: string, row: SourceRow): string {
  const line = `| \`${row.file}\` | ${row.source.replace(/\|/g, "\\|")} | ${row.vendored} | \`${row.sha256}\` |`;
  const lines = markdown.split("\n");
  const existing = lines.findIndex((candidate) => ROW.exec(candidate)?.[1] === row.file);
  if (existing >= 0) {
    lines[existing] = line;
  } else {
    const last = lines.findLastIndex((candidate) => candidate.startsWith("|"));
    lines.splice(last + 1, 0, line);
  }
  return lines.join("\n");
}
