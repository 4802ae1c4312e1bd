import { describe, expect, it } from "vitest";
import { oasdiffChecks } from "../../scripts/diff/docs/oasdiff-map.js";
import { loadOasdiffFixtures, runOasdiffFixture } from "../../scripts/diff/docs/oasdiff-fixtures.js";
import { agreement, checkResults, coverage } from "../../scripts/diff/docs/render.js";

// Each pair is one that oasdiff's own tests or documentation use for a check; what galaxiom reports on it is the
// coverage figure in docs/diff.md, so a pair that stops reporting what it states fails here and lowers the figure.
const fixtures = loadOasdiffFixtures();
const checks = new Map(oasdiffChecks.map(([check, level, scope]) => [check, { level, scope }]));

describe.each([...new Set(fixtures.map((fixture) => fixture.file))])("oasdiff/%s", (file) => {
  it.each(fixtures.filter((fixture) => fixture.file === file))("$oasdiff: $name", (fixture) => {
    expect(checks.has(fixture.oasdiff), `${fixture.oasdiff} is one of oasdiff's ERR/WARN checks`).toBe(true);
    expect(fixture.source).toMatch(/^(checker\/[\w./-]+|docs\/[\w./-]+|data\/[\w./-]+)$/);
    expect([...runOasdiffFixture(fixture).actual].sort()).toEqual([...fixture.expect].sort());
  });
});

describe("coverage against oasdiff", () => {
  it("counts a check only when its pairs run as stated and report a change", () => {
    const fixture = { oasdiff: "request-body-removed", source: "checker/x_test.go", name: "n", file: "f", expect: [] };
    const body = { requestBody: { content: { "application/json": { schema: { type: "object" } } } }, responses: { "204": { description: "ok" } } };
    const before = { paths: { "/t": { post: body } } };
    const after = { paths: { "/t": { post: { responses: body.responses } } } };
    const reported = runOasdiffFixture({ ...fixture, before, after, expect: [["request-body-removed", "risky", "breaking"]] });
    const stated = reported.actual;
    const wrong = runOasdiffFixture({ ...fixture, before, after, expect: [["request-body-removed", "safe", "safe"]] });
    const silent = runOasdiffFixture({ ...fixture, before, after: before, expect: [] });

    expect(reported.passed).toBe(true);
    expect(stated.length).toBeGreaterThan(0);
    const result = (runs: (typeof reported)[]) => checkResults(runs).find((check) => check.check === "request-body-removed")!;
    expect(result([reported]).covered).toBe(true);
    expect(result([reported, wrong]).covered).toBe(false);
    expect(result([silent]).covered).toBe(false);
    expect(result([]).covered).toBe(false);
  });

  it("agrees with oasdiff's ERR level when the wire verdict is breaking", () => {
    const results = checkResults();
    const err = agreement(results, "ERR", ["core"]);
    expect(err.breaking).toBe(results.filter((r) => r.covered && r.level === "ERR" && r.scope === "core" && r.wire === "breaking").length);
    expect(coverage(results, ["core"]).covered).toBe(results.filter((r) => r.scope === "core" && r.covered).length);
  });
});
