import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOasdiffFixtures } from "../../scripts/diff/docs/oasdiff-fixtures.js";
import { checkPairs, type ProbeResult } from "./compiler/probes.js";

/**
 * The `types` verdicts of the corpus and of the oasdiff pairs, confirmed by TypeScript: a case whose worst expected `types` verdict is `safe` must
 * compile at every checked position, one whose worst is `breaking` must fail to compile at one at least; `risky` may
 * go either way. See compiler/probes.ts for the positions.
 */
interface Case {
  name: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  expect: Array<[string, string, string]>;
}

const folder = new URL("../fixtures/diff/cases/", import.meta.url);
const cases = [
  ...readdirSync(folder)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .flatMap((file) => (parse(readFileSync(new URL(file, folder), "utf8")) as Case[]).map((fixture) => ({ file, ...fixture }))),
  // oasdiff's pairs too (test/fixtures/diff/oasdiff/), filtered with ONLY_OASDIFF=1 while writing them.
  ...loadOasdiffFixtures().map((fixture) => ({ ...fixture, file: `oasdiff/${fixture.file}`, name: `${fixture.oasdiff}: ${fixture.name}` })),
].filter((fixture) => !process.env.ONLY_OASDIFF || fixture.file.startsWith("oasdiff/"));

const document = (partial: Record<string, unknown>) => ({ openapi: "3.0.3", info: { title: "Fixture", version: "1" }, ...partial });
const RANK = { safe: 0, risky: 1, breaking: 2 } as Record<string, number>;
const worst = (fixture: Case) => fixture.expect.reduce((verdict, [, , types]) => (RANK[types]! > RANK[verdict]! ? types : verdict), "safe");

/**
 * Cases where the compiler disagrees with what `galaxiom diff` reports and the diff engine is not fixed yet, each with
 * the reason. A case listed here must still disagree: once the engine reports the change, take it off the list.
 */
const KNOWN: Record<string, string> = {};

let results: ProbeResult[] = [];
beforeAll(async () => {
  results = await checkPairs(cases.map((fixture) => ({ before: document(fixture.before), after: document(fixture.after) })));
}, 300_000);

describe("the types verdict, as TypeScript compiles it", () => {
  it.each(cases.map((fixture, index) => ({ ...fixture, index, title: `${fixture.file}: ${fixture.name}` })))("$title", (fixture) => {
    const result = results[fixture.index]!;
    expect(result.errors).toEqual([]);
    const verdict = worst(fixture);
    const failing = [...result.failures].map(([position, messages]) => `${position}: ${messages.join(" / ")}`);
    const agrees = verdict === "risky" || (verdict === "safe") === (failing.length === 0);
    if (fixture.name in KNOWN) {
      expect(agrees, `listed as a known disagreement (${KNOWN[fixture.name]}), but the compiler now agrees`).toBe(false);
      return;
    }
    if (verdict === "safe") expect(failing, `types safe, but does not compile at`).toEqual([]);
    if (verdict === "breaking") expect(failing.length, `types breaking, but compiles at every position: ${result.positions.join("; ")}`).toBeGreaterThan(0);
  });
});
