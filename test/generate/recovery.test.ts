import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readDir } from "../../scripts/lib/atomic.js";
import { main } from "../../scripts/main.js";
import { readRows } from "../../scripts/pull/sources-record.js";
import { recordingIo } from "../helpers/io.js";
import { copyOfFixture, fixtureGenerated } from "../helpers/workspace.js";

// The states a kill leaves on disk, built by hand, and what the next command makes of them.
let work: string;
let specs: string;
let out: string;

beforeEach(async () => {
  ({ work, specs, out } = await copyOfFixture("galaxiom-recovery-"));
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function galaxiom(command: string, ...args: string[]) {
  const io = recordingIo();
  const code = await main([command, ...args, "--specs", specs, ...(command === "generate" ? ["--out", out] : [])], io);
  return { code, out: io.out(), err: io.err() };
}

describe("generate after a generate killed between its two renames (generated/ gone, the old copy beside it)", () => {
  beforeEach(async () => {
    await rename(out, path.join(work, ".generated.old-4242"));
    await mkdir(path.join(work, ".generated.new-4242"));
  });

  it.each([
    ["generate --check", ["--check"]],
    ["generate", []],
  ])("%s restores generated/ and says so", async (_, flags) => {
    const committed = await fixtureGenerated();
    const { code, err } = await galaxiom("generate", ...flags);
    expect(code).toBe(0);
    expect(err).toContain(`${out}/ was missing after an interrupted run; restored its previous content (from .generated.old-4242)`);
    expect(err).toContain("removed .generated.new-4242");
    expect(await readDir(out)).toEqual(committed);
  });
});

describe("generate after a pull killed while replacing files in specs/", () => {
  const staging = () => path.join(specs, ".galaxiom-replacing");
  const nextSpec = async () => `${await readFile(path.join(specs, "axiom/v2-tokens.yaml"), "utf8")}# next version\n`;
  const nextSources = async () =>
    (await readFile(path.join(specs, "SOURCES.md"), "utf8")).replace(/(\| `axiom\/v2-tokens\.yaml` \| [^|]+ \| )\d{4}-\d{2}-\d{2}/, "$12099-01-01");

  it("completes the replacement after its commit point, so the spec and its record agree", async () => {
    // Killed after the first of two renames: SOURCES.md replaced, the spec still staged.
    await mkdir(staging());
    await writeFile(path.join(staging(), "0"), await nextSpec());
    await writeFile(path.join(specs, "SOURCES.md"), await nextSources());
    await writeFile(
      path.join(staging(), "journal.json"),
      JSON.stringify([
        { target: "axiom/v2-tokens.yaml", staged: "0" },
        { target: "SOURCES.md", staged: "1" },
      ]),
    );
    const expected = await nextSpec();

    const { code, err } = await galaxiom("generate");
    expect(code).toBe(0);
    expect(err).toContain(`completed an interrupted replacement in ${specs}/: replaced axiom/v2-tokens.yaml`);
    expect(await readFile(path.join(specs, "axiom/v2-tokens.yaml"), "utf8")).toBe(expected);
    expect(readRows(await readFile(path.join(specs, "SOURCES.md"), "utf8")).find((row) => row.file === "axiom/v2-tokens.yaml")?.vendored).toBe("2099-01-01");
    expect((await readDir(specs)).has(".galaxiom-replacing/journal.json")).toBe(false);
  });

  it("is completed by the next pull too, before it reads anything", async () => {
    await mkdir(staging());
    await writeFile(path.join(staging(), "0"), await nextSpec());
    await writeFile(path.join(staging(), "journal.json"), JSON.stringify([{ target: "axiom/v2-tokens.yaml", staged: "0" }]));
    const expected = await nextSpec();
    const from = path.join(work, "same.yaml");
    await writeFile(from, expected);

    const { code, out: said, err } = await galaxiom("pull", "axiom-v2", "--from", from, "--dry-run");
    expect(code).toBe(0);
    expect(err).toContain("completed an interrupted replacement");
    expect(said).toContain("unchanged");
    expect(await readFile(path.join(specs, "axiom/v2-tokens.yaml"), "utf8")).toBe(expected);
  });

  it("discards a replacement killed before its commit point, changing nothing", async () => {
    await mkdir(staging());
    await writeFile(path.join(staging(), "0"), "half-written");
    const before = await readDir(specs);
    before.delete(".galaxiom-replacing/0");

    const { code, err } = await galaxiom("generate", "--check");
    expect(code).toBe(0);
    expect(err).toContain(`discarded an interrupted replacement in ${specs}/ that had changed nothing`);
    expect(await readDir(specs)).toEqual(before);
  });
});
