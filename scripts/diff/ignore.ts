import { summarise } from "./report.js";
import type { Change, DiffReport, OperationLocation } from "./types.js";

/** One line of an ignore file: the operation it names (none for a whole-API change), and the id or message text. */
export interface IgnoreRule {
  method?: string;
  path?: string;
  text: string;
}

const methodLine = /^(get|put|post|delete|options|head|patch|trace)\s+(\S+)\s+(.+)$/i;

/**
 * Rules from an ignore file in oasdiff's `--err-ignore` format: one finding a line, `METHOD /path` then the change
 * id or (part of) its message, e.g. `GET /tokens response-property-removed` or
 * `GET /tokens 200 response (application/json), field \`note\`: removed`. A line without `METHOD /path` names a
 * change to the whole API (servers, security schemes, components). Blank lines and `#` comments are skipped.
 */
export function parseIgnore(text: string): IgnoreRule[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = methodLine.exec(line);
      return match ? { method: match[1]?.toLowerCase(), path: match[2], text: match[3] ?? "" } : { text: line };
    });
}

/**
 * The report without the changes the rules name, its summary counted again. A change shared by several operations
 * loses the operations a rule names, and is gone when none is left.
 */
export function applyIgnore(report: DiffReport, rules: readonly IgnoreRule[]): DiffReport {
  if (rules.length === 0) return report;
  const changes = report.changes.flatMap((change): Change[] => {
    const said = (rule: IgnoreRule) => rule.text === change.id || change.message.toLowerCase().includes(rule.text.toLowerCase());
    const names = (operation: OperationLocation) => rules.some((rule) => said(rule) && rule.method === operation.method && rule.path === operation.path);
    if (change.operations) {
      const left = change.operations.filter((operation) => !names(operation));
      if (left.length === change.operations.length) return [change];
      if (left.length === 0) return [];
      const { operations: _, ...rest } = change;
      return [left.length === 1 ? { ...rest, ...left[0] } : { ...rest, operations: left }];
    }
    const { method, path } = change;
    const ignored = method !== undefined && path !== undefined ? names({ method, path }) : rules.some((rule) => rule.method === undefined && said(rule));
    return ignored ? [] : [change];
  });
  return { ...report, summary: summarise(changes), changes };
}
