import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { changeIds } from "../../scripts/diff/catalogue.js";
import { diffSpecs } from "../../scripts/diff/index.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

/** A fixture: two tiny documents and the exact changes between them, as [id, wire, types]. */
interface Case {
  name: string;
  before: Partial<OpenAPIDocument>;
  after: Partial<OpenAPIDocument>;
  expect: Array<[string, string, string]>;
}

const folder = new URL("../fixtures/diff/cases/", import.meta.url);
const corpus = readdirSync(folder)
  .filter((file) => file.endsWith(".yaml"))
  .sort()
  .map((file) => ({ file, cases: parse(readFileSync(new URL(file, folder), "utf8")) as Case[] }));

/** The fixtures leave out what every document has. */
function document(partial: Partial<OpenAPIDocument>): OpenAPIDocument {
  return { openapi: "3.0.3", info: { title: "Fixture", version: "1" }, ...partial };
}

function changesOf(fixture: Case): string[][] {
  return diffSpecs(document(fixture.before), document(fixture.after)).changes.map((change) => [change.id, change.wire, change.types]);
}

describe.each(corpus)("$file", ({ cases }) => {
  it.each(cases)("$name", (fixture) => {
    expect(changesOf(fixture).sort()).toEqual([...fixture.expect].sort());
  });
});

describe("the corpus", () => {
  it("has at least one case for every change id in the catalogue", () => {
    const covered = new Set(corpus.flatMap(({ cases }) => cases.flatMap((fixture) => fixture.expect.map(([id]) => id))));
    expect(changeIds.filter((id) => !covered.has(id))).toEqual([]);
  });
});
