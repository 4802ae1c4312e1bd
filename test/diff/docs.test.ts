import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { coverage, renderSections } from "../../scripts/diff/docs/render.js";
import { replaceSections } from "../../scripts/diff/docs/sections.js";
import { oasdiffChecks } from "../../scripts/diff/docs/oasdiff-map.js";

const doc = readFileSync(new URL("../../docs/diff.md", import.meta.url), "utf8");

describe("docs/diff.md", () => {
  it("holds the catalogue and the oasdiff table as rendered from the data (npx tsx scripts/diff/docs/write.ts)", () => {
    expect(replaceSections(doc, renderSections())).toBe(doc);
  });

  it("prints the coverage figure computed from the oasdiff map", () => {
    const { covered, total, percent } = coverage(["core"]);
    expect(doc).toContain(`${covered} of ${total} (${percent} %)`);
  });
});

describe("the oasdiff map", () => {
  it("lists each of oasdiff's 243 ERR/WARN checks (213 ERR, 30 WARN) once", () => {
    const checks = oasdiffChecks.map(([check]) => check);
    expect(new Set(checks).size).toBe(243);
    expect(oasdiffChecks.filter(([, level]) => level === "ERR")).toHaveLength(213);
    expect(oasdiffChecks.filter(([, level]) => level === "WARN")).toHaveLength(30);
  });

  it("counts as covered only the checks mapped to at least one galaxiom id", () => {
    const core = oasdiffChecks.filter(([, , scope]) => scope === "core");
    expect(coverage(["core"])).toEqual({ covered: core.filter(([, , , ours]) => ours.length > 0).length, total: core.length, percent: expect.any(Number) });
  });
});
