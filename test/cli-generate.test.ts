import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readDir } from "../scripts/lib/atomic.js";
import { main } from "../scripts/main.js";
import { recordingIo } from "./helpers/io.js";
import { TINY_SPEC, tinySpecs } from "./helpers/tiny-specs.js";
import type { Workspace } from "./helpers/workspace.js";

// generate and pull as their help describes them, on a specs/ folder of the tests' own (the repository's is
// the vendors' full specs: slow to build, and not this file's subject).
let workspace: Workspace;
beforeEach(async () => {
  workspace = await tinySpecs("galaxiom-cli-");
});
afterEach(() => rm(workspace.work, { recursive: true, force: true }));

async function galaxiom(...argv: string[]) {
  const io = recordingIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}
const generate = (...extra: string[]) => galaxiom("generate", "--specs", workspace.specs, "--out", workspace.out, ...extra);

describe("galaxiom generate", () => {
  it("--help names every file it writes, and --verbose", async () => {
    expect((await generate()).code).toBe(0);
    const written = [...(await readDir(workspace.out)).keys()];
    expect(written.length).toBeGreaterThan(1);
    const { out: help } = await galaxiom("generate", "--help");
    for (const name of written) expect(help).toContain(name === "README.md" ? "<out>/README.md" : `<out>/${name.replace(/^tiny\./, "<api>.")}`);
    expect(help).toMatch(/^ {2}-v, --verbose {4}list every lint warning/m);
  });

  it("says a folder already up to date is unchanged, and leaves it alone", async () => {
    await generate();
    const before = await stat(workspace.out);
    const { code, out } = await generate();
    expect(code).toBe(0);
    expect(out).toBe(`${workspace.out}/ unchanged: already up to date with ${workspace.specs}/ (7 files); nothing written\n`);
    // Replacing the folder would give it a new inode: it is the same folder, untouched.
    expect(await stat(workspace.out)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
  });

  it("names only the files that changed", async () => {
    await generate();
    await writeFile(path.join(workspace.out, "tiny.ts"), "// edited\n");
    await writeFile(path.join(workspace.out, "stray.ts"), "");
    const { out } = await generate();
    expect(out).toBe(`wrote ${path.join(workspace.out, "tiny.ts")}; removed ${path.join(workspace.out, "stray.ts")}\n`);
  });

  it("--check names each stale file and the command that regenerates it, with the options given", async () => {
    const { code, err } = await generate("--check");
    expect(code).toBe(1);
    expect(err).toContain(`${workspace.out}/ is stale; run \`galaxiom generate --specs ${workspace.specs} --out ${workspace.out}\`:\n  README.md: missing\n`);
  });
});

describe("galaxiom pull", () => {
  it("tells to run galaxiom generate, which works outside the repository, in its help and after a pull", async () => {
    const { out: help } = await galaxiom("pull", "--help");
    expect(help).toContain("Then run `galaxiom generate`");
    expect(help).not.toContain("npm run");

    const next = path.join(workspace.work, "next.yaml");
    await writeFile(next, TINY_SPEC.replace('version: "1"', 'version: "2"'));
    const { code, out } = await galaxiom("pull", "tiny", "--from", next, "--specs", workspace.specs);
    expect(code).toBe(0);
    expect(out).toContain(`now run \`galaxiom generate --specs ${workspace.specs}\` to regenerate the types\n`);
    expect(await readFile(path.join(workspace.specs, "tiny.yaml"), "utf8")).toContain('version: "2"');
  });
});
