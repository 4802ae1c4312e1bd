import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecsConfig } from "../scripts/generate/config.js";
import { readRows, sha256 } from "../scripts/pull/sources-record.js";

const specs = path.resolve(import.meta.dirname, "../specs");

describe("specs/", () => {
  it("holds every vendored file exactly as recorded in SOURCES.md: vendor files are never edited by hand", async () => {
    const rows = readRows(await readFile(path.join(specs, "SOURCES.md"), "utf8"));
    const config = await loadSpecsConfig(specs);
    const files = [...new Set(config.apis.flatMap((api) => api.sources.map((source) => path.relative(specs, source.file))))];
    expect(rows.map((row) => row.file).sort()).toEqual(files.sort());
    for (const row of rows) expect(sha256(await readFile(path.join(specs, row.file))), row.file).toBe(row.sha256);
  });
});
