import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecsConfig } from "../scripts/generate/config.js";
import { readRows, sha256 } from "../scripts/pull/sources-record.js";
import { fixtureSpecs, repo } from "./helpers/workspace.js";

// The repository's specs/, whichever vendor specs it holds, and the fixture copy of an older one the build, pull
// and generate tests run on: each vendored file is recorded, byte for byte, in its folder's SOURCES.md.
describe.each([
  ["specs/", path.join(repo, "specs")],
  ["test/fixtures/specs/", fixtureSpecs],
])("%s", (_, specs) => {
  it("holds every vendored file exactly as recorded in SOURCES.md: vendor files are never edited by hand", async () => {
    const rows = readRows(await readFile(path.join(specs, "SOURCES.md"), "utf8"));
    const config = await loadSpecsConfig(specs);
    const files = [...new Set(config.apis.flatMap((api) => api.sources.map((source) => path.relative(specs, source.file))))];
    expect(rows.map((row) => row.file).sort()).toEqual(files.sort());
    for (const row of rows) expect(sha256(await readFile(path.join(specs, row.file))), row.file).toBe(row.sha256);
  });
});
