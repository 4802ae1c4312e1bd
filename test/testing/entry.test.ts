import { readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "../..");

/** Every module `entry` reaches through relative imports (type-only ones included), as paths from the repository. */
async function reached(entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const pending = [path.join(repo, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(file, "utf8");
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith(".")) pending.push(path.resolve(path.dirname(file), fileName.replace(/\.js$/, ".ts")));
    }
  }
  return [...seen].map((file) => path.relative(repo, file)).sort();
}

describe("the entry points", () => {
  it("keep the fakes, their samples and validators out of the client's: galaxiom reaches nothing of galaxiom/testing", async () => {
    const client = await reached("src/index.ts");
    expect(client.filter((file) => /^src\/testing\/|\.(samples|validators)\.ts$/.test(file))).toEqual([]);
  });

  it("keep msw and nock out of galaxiom/testing: only its msw and nock entries import them", async () => {
    const testing = await reached("src/testing/index.ts");
    expect(testing.filter((file) => /(msw|nock)\.ts$/.test(file))).toEqual([]);
    expect(testing).toContain("generated/galileo.samples.ts");
  });
});
