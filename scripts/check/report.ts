import { visible } from "../lib/escape.js";
import type { CheckResult, Differing } from "./index.js";
import type { Mismatch } from "./mismatches.js";
import type { Exchange } from "./recording.js";

const MAX_TEXT = 100;
/** A path segment or property name shaped like a credential (20+ characters, letters and at least 4 digits): a recording may hold one anywhere. */
const SECRET_LOOKING = /^(?=(?:\D*\d){4})(?=.*[a-z])[\w.~+=:%-]{20,}$/i;

/**
 * Text from the recording or the spec, as a report may show it: credential-looking segments masked, control
 * characters shown escaped (no ANSI, no line break before `::error::`), cut to MAX_TEXT characters.
 */
export function shownText(text: string): string {
  const masked = text
    .split("/")
    .map((segment) => (SECRET_LOOKING.test(segment) ? "[REDACTED]" : segment))
    .join("/");
  const escaped = visible(masked);
  return escaped.length > MAX_TEXT ? `${escaped.slice(0, MAX_TEXT)}…` : escaped;
}

/** Where a request went, without what may be secret in a URL: no user info, no query, no fragment. */
export const shownUrl = (url: URL): string => shownText(url.origin + url.pathname);

/** `/0/created: expected string (date-time), got number`, as the client's validation says it. */
export function describeMismatch({ part, pointer, expected, actual }: Mismatch): string {
  const where = shownText(pointer);
  if (part === "status" || part === "content type") return `${part} ${shownText(actual)} is not declared (declared: ${shownText(expected)})`;
  return `${part === "body" ? where || "body" : `${part}${where}`}: expected ${shownText(expected)}, got ${shownText(actual)}`;
}

export function textReport(result: CheckResult): { stdout: string; stderr: string } {
  const lines: string[] = [];
  for (const { operation, api, checked, differing } of result.operations) {
    if (differing.length === 0) continue;
    lines.push(
      `${visible(operation)} (${visible(api)}): ${differing.length} of ${checked} ${plural(checked, "response")} ${differing.length === 1 ? "differs" : "differ"}`,
    );
    for (const response of differing) {
      for (const mismatch of response.found) lines.push(`  ${response.at} → ${response.status}: ${describeMismatch(mismatch)}`);
      if (response.total > response.found.length) lines.push(`  ${response.at} → ${response.status}: and ${response.total - response.found.length} more`);
    }
  }
  const differing = count(result, (response) => response.total > 0);
  const operations = result.operations.length;
  lines.push(
    `checked ${result.checked} ${plural(result.checked, "response")} of ${operations} ${plural(operations, "operation")}: ${
      differing === 0 ? "all match the spec" : `${differing} ${differing === 1 ? "differs" : "differ"} from the spec`
    }${result.noOperation.length > 0 ? `; ${result.noOperation.length} matched no operation (not checked)` : ""}`,
  );
  const stderr = result.noOperation.map(
    (exchange) => `warning: ${exchange.at}: ${exchange.method} ${shownUrl(exchange.url)} matches no operation; not checked\n`,
  );
  for (const [api, formats] of result.uncheckedFormats)
    stderr.push(`note: ${visible(api)}: these formats are not checked, only their types: ${formats.map(shownText).join(", ")}\n`);
  return { stdout: `${lines.join("\n")}\n`, stderr: stderr.join("") };
}

export function jsonReport(result: CheckResult): string {
  const mismatch = (found: Mismatch) => ({ ...found, pointer: shownText(found.pointer), expected: shownText(found.expected), actual: shownText(found.actual) });
  const report = {
    summary: { checked: result.checked, differing: count(result, (response) => response.total > 0), noOperation: result.noOperation.length },
    operations: result.operations.map(({ api, operation, checked, differing }) => ({
      api,
      operation,
      checked,
      differing: differing.map(({ at, status, found, total }) => ({ at, status, total, issues: found.map(mismatch) })),
    })),
    noOperation: result.noOperation.map((exchange: Exchange) => ({ at: exchange.at, method: exchange.method, url: shownUrl(exchange.url) })),
    uncheckedFormats: Object.fromEntries([...result.uncheckedFormats].map(([api, formats]) => [api, formats.map(shownText)])),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

const count = (result: CheckResult, test: (response: Differing) => boolean) =>
  result.operations.reduce((sum, { differing }) => sum + differing.filter(test).length, 0);

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
