import { catalogue, changeIds, type Area } from "../catalogue.js";
import { oasdiffChecks, type OasdiffScope } from "./oasdiff-map.js";

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

/** Covered / total for a set of oasdiff checks. */
export function coverage(scopes: readonly OasdiffScope[]): { covered: number; total: number; percent: number } {
  const checks = oasdiffChecks.filter(([, , scope]) => scopes.includes(scope));
  const covered = checks.filter(([, , , ours]) => ours.length > 0).length;
  return { covered, total: checks.length, percent: Math.round((covered / checks.length) * 1000) / 10 };
}

function renderOasdiff(): string {
  const core = coverage(["core"]);
  const all = coverage(["core", "3.1", "extension"]);
  const scopeNames: Record<OasdiffScope, string> = { core: "core (OpenAPI 3.0)", "3.1": "OpenAPI 3.1 only", extension: "oasdiff extension" };
  const rows = oasdiffChecks.map(([check, level, scope, ours]) => {
    const mapped = ours.length > 0 ? ours.map((id) => `\`${id}\``).join(", ") : "not yet";
    return `| \`${check}\` | ${level} | ${scopeNames[scope]} | ${mapped} |`;
  });
  return [
    `**Coverage of oasdiff's core OpenAPI 3.0 ERR/WARN checks: ${core.covered} of ${core.total} (${core.percent} %).** ` +
      `Of all ${all.total} ERR/WARN checks, including those that need OpenAPI 3.1 keywords or oasdiff's own extensions: ${all.covered} (${all.percent} %).`,
    "",
    "| oasdiff check | level | scope | galaxiom change id |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
