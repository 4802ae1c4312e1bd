import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { oasdiffChecks } from "../../scripts/diff/docs/oasdiff-map.js";
import { checkResults, coverage, renderSections } from "../../scripts/diff/docs/render.js";
import { replaceSections } from "../../scripts/diff/docs/sections.js";

const doc = readFileSync(new URL("../../docs/diff.md", import.meta.url), "utf8");

describe("docs/diff.md", () => {
  it("holds the catalogue and the oasdiff table as rendered from the data and the fixture runs (npx tsx scripts/diff/docs/write.ts)", () => {
    expect(replaceSections(doc, renderSections())).toBe(doc);
  });

  it("prints the coverage figure measured on the oasdiff fixture pairs", () => {
    const { covered, total, percent } = coverage(checkResults(), ["core"]);
    expect(doc).toContain(`${covered} of ${total} (${percent} %)`);
  });
});

describe("the list of oasdiff checks", () => {
  it("lists each of oasdiff's 243 ERR/WARN checks (213 ERR, 30 WARN) once", () => {
    const checks = oasdiffChecks.map(([check]) => check);
    expect(new Set(checks).size).toBe(243);
    expect(oasdiffChecks.filter(([, level]) => level === "ERR")).toHaveLength(213);
    expect(oasdiffChecks.filter(([, level]) => level === "WARN")).toHaveLength(30);
  });
});
