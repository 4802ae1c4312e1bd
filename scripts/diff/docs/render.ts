import { catalogue, changeIds, type Area } from "../catalogue.js";
import type { Verdict } from "../types.js";
import { oasdiffChecks, type OasdiffScope } from "./oasdiff-map.js";
import { loadOasdiffFixtures, type OasdiffRun, runOasdiffFixture } from "./oasdiff-fixtures.js";

/** The generated sections of docs/diff.md, by the name of the marker pair around each. */
export function renderSections(): Record<string, string> {
  return { catalogue: renderCatalogue(), oasdiff: renderOasdiff() };
}

function renderCatalogue(): string {
  const areas = [...new Set(changeIds.map((id) => catalogue[id].area))];
  const sections = areas.map((area: Area) => {
    const rows = changeIds
      .filter((id) => catalogue[id].area === area)
      .map((id) => `| \`${id}\` | ${catalogue[id].wire} | ${catalogue[id].types} | ${cell(catalogue[id].meaning)} | ${cell(catalogue[id].example)} |`);
    return [`### ${area[0]?.toUpperCase()}${area.slice(1)}`, "", "| id | wire | types | meaning | example |", "|---|---|---|---|---|", ...rows].join("\n");
  });
  return [`${changeIds.length} kinds of change.`, ...sections].join("\n\n");
}

/** What galaxiom reported on one oasdiff check's fixtures. */
export interface CheckResult {
  check: string;
  level: "ERR" | "WARN";
  scope: OasdiffScope;
  runs: OasdiffRun[];
  /** Every fixture of the check ran as stated and galaxiom reported a change on it. */
  covered: boolean;
  /** The most severe wire verdict galaxiom gave on the check's fixtures. */
  wire?: Verdict;
}

const severity: readonly Verdict[] = ["safe", "risky", "breaking"];

/** Runs every fixture pair in test/fixtures/diff/oasdiff/ and sorts what galaxiom reported by oasdiff check. */
export function checkResults(runs: readonly OasdiffRun[] = loadOasdiffFixtures().map(runOasdiffFixture)): CheckResult[] {
  return oasdiffChecks.map(([check, level, scope]) => {
    const own = runs.filter((run) => run.fixture.oasdiff === check);
    const covered = own.length > 0 && own.every((run) => run.passed) && own.some((run) => run.actual.length > 0);
    const verdicts = own.flatMap((run) => run.actual.map(([, wire]) => wire as Verdict));
    const wire = covered ? severity.findLast((verdict) => verdicts.includes(verdict)) : undefined;
    return { check, level, scope, runs: own, covered, ...(wire ? { wire } : {}) };
  });
}

/** Covered / total for a set of oasdiff checks. */
export function coverage(results: readonly CheckResult[], scopes: readonly OasdiffScope[]): { covered: number; total: number; percent: number } {
  const checks = results.filter((result) => scopes.includes(result.scope));
  const covered = checks.filter((result) => result.covered).length;
  return { covered, total: checks.length, percent: percent(covered, checks.length) };
}

/** Of the covered checks at one oasdiff level, how many galaxiom judges wire-breaking, and breaking or risky. */
export function agreement(results: readonly CheckResult[], level: "ERR" | "WARN", scopes: readonly OasdiffScope[]) {
  const checks = results.filter((result) => result.covered && result.level === level && scopes.includes(result.scope));
  const breaking = checks.filter((result) => result.wire === "breaking").length;
  const atLeastRisky = checks.filter((result) => result.wire === "breaking" || result.wire === "risky").length;
  return {
    checks: checks.length,
    breaking,
    atLeastRisky,
    breakingPercent: percent(breaking, checks.length),
    atLeastRiskyPercent: percent(atLeastRisky, checks.length),
  };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

function renderOasdiff(): string {
  const results = checkResults();
  const core = coverage(results, ["core"]);
  const all = coverage(results, ["core", "3.1", "extension"]);
  const scopeNames: Record<OasdiffScope, string> = { core: "core (OpenAPI 3.0)", "3.1": "OpenAPI 3.1 only", extension: "oasdiff extension" };
  const agreementLine = (scope: OasdiffScope, label: string) => {
    const err = agreement(results, "ERR", [scope]);
    return `- ${label}: of the ${err.checks} ERR checks covered, galaxiom's wire verdict is \`breaking\` on ${err.breaking} (${err.breakingPercent} %), \`breaking\` or \`risky\` on ${err.atLeastRisky} (${err.atLeastRiskyPercent} %).`;
  };
  const rows = results.map((result) => {
    const reported = result.covered
      ? [...new Set(result.runs.flatMap((run) => run.actual.map(([id, wire, types]) => `\`${id}\` (${wire} / ${types})`)))].join(", ")
      : result.runs.length > 0
        ? "not reported"
        : "no fixture yet";
    return `| \`${result.check}\` | ${result.level} | ${scopeNames[result.scope]} | ${reported} |`;
  });
  return [
    `**Coverage of oasdiff's core OpenAPI 3.0 ERR/WARN checks, measured on fixture pairs: ${core.covered} of ${core.total} (${core.percent} %).** ` +
      `Of all ${all.total} ERR/WARN checks, including those that need OpenAPI 3.1 keywords or oasdiff's own extensions: ${all.covered} (${all.percent} %).`,
    "",
    agreementLine("core", "OpenAPI 3.0"),
    agreementLine("3.1", "OpenAPI 3.1"),
    "",
    "| oasdiff check | level | scope | galaxiom reports (wire / types) |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
