import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDir } from "../../scripts/lib/atomic.js";
import { main } from "../../scripts/main.js";
import { recordingIo } from "./io.js";

export const repo = path.resolve(import.meta.dirname, "../..");
/**
 * A miniature specs/ folder (vendor excerpts, apis.yaml, overlays, lint policy, SOURCES.md; see its README.md): what
 * build, pull and generate tests run on, so that they pass whichever vendor specs the repository's specs/ holds.
 */
export const fixtureSpecs = path.join(repo, "test/fixtures/specs");

export interface Workspace {
  work: string;
  specs: string;
  out: string;
}

/** The fixture specs/, copied into a fresh temporary folder a test may change freely; `out` is not created. */
export async function copyOfFixtureSpecs(prefix: string): Promise<Workspace> {
  const work = await mkdtemp(path.join(tmpdir(), prefix));
  const specs = path.join(work, "specs");
  await cp(fixtureSpecs, specs, { recursive: true });
  return { work, specs, out: path.join(work, "generated") };
}

/** The fixture specs/ and the generated/ built from them, in a fresh temporary folder a test may change freely. */
export async function copyOfFixture(prefix: string): Promise<Workspace> {
  const workspace = await copyOfFixtureSpecs(prefix);
  for (const [name, text] of await fixtureGenerated()) {
    const file = path.join(workspace.out, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return workspace;
}

let generated: Promise<Map<string, string>> | undefined;

/**
 * What `galaxiom generate` writes for the fixture specs/, file name to content: built once per test file by the real
 * CLI in-process, from a copy of the fixture, in a folder of its own (removed after).
 */
export function fixtureGenerated(): Promise<Map<string, string>> {
  generated ??= (async () => {
    const { work, specs, out } = await copyOfFixtureSpecs("galaxiom-fixture-");
    try {
      const io = recordingIo();
      const code = await main(["generate", "--specs", specs, "--out", out], io);
      if (code !== 0) throw new Error(`galaxiom generate failed on ${fixtureSpecs} (exit ${code}):\n${io.err()}`);
      return await readDir(out);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  })();
  return generated;
}
