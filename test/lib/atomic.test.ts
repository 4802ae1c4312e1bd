import * as fs from "node:fs/promises";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readDir, recoverDir, recoverFiles, replaceDir, replaceFiles, type FileOps } from "../../scripts/lib/atomic.js";

// A kill can come between any two file operations. Each test stops a replacement at every step in turn (the
// step's promise never settles, and nothing after it runs, as in a killed process), then runs the recovery the
// next command runs first, and requires the whole old or the whole new content.
let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "galaxiom-atomic-"));
});
afterEach(() => rm(work, { recursive: true, force: true }));

/** Real file operations that stop for good at operation number `stopAt`; `stopped` settles when they do. */
function killedAt(stopAt: number): FileOps & { stopped: Promise<void> } {
  let calls = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const step =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (calls++ !== stopAt) return operation(...args);
      stop();
      return new Promise<R>(() => undefined);
    };
  return { mkdir: step(fs.mkdir), writeFile: step(fs.writeFile), rename: step(fs.rename), rm: step(fs.rm), stopped };
}

/** Run `replace` stopped at each step in turn, `check`ing after each, until it runs to the end. */
async function atEveryStep(replace: (ops: FileOps) => Promise<void>, reset: () => Promise<void>, check: (stopAt: number) => Promise<void>) {
  for (let stopAt = 0; ; stopAt++) {
    await reset();
    const ops = killedAt(stopAt);
    const finished = await Promise.race([replace(ops).then(() => true), ops.stopped.then(() => false)]);
    await check(stopAt);
    if (finished) return;
  }
}

describe("replaceDir killed at any step", () => {
  const old = new Map([
    ["a.ts", "old a"],
    ["README.md", "old readme"],
  ]);
  const next = new Map([
    ["a.ts", "new a"],
    ["b.ts", "new b"],
  ]);

  it("leaves the old or the new folder once recoverDir has run, and says when it restored one", async () => {
    const target = path.join(work, "generated");
    const outcomes = new Set<string>();
    await atEveryStep(
      (ops) => replaceDir(target, next, ops),
      async () => {
        await rm(work, { recursive: true, force: true });
        await mkdir(target, { recursive: true });
        for (const [name, content] of old) await writeFile(path.join(target, name), content);
      },
      async (stopAt) => {
        const said = await recoverDir(target);
        const content = await readDir(target);
        const outcome = JSON.stringify([...content]) === JSON.stringify([...old]) ? "old" : "new";
        expect(content, `killed at step ${stopAt}`).toEqual(outcome === "old" ? old : new Map([...next].sort(([a], [b]) => a.localeCompare(b))));
        if (said.some((line) => line.includes("restored its previous content"))) outcomes.add("restored");
        outcomes.add(outcome);
        expect(await fs.readdir(work)).toEqual(["generated"]);
      },
    );
    expect(outcomes).toEqual(new Set(["old", "new", "restored"]));
  });

  it("restores the folder from the state a kill between the two renames leaves", async () => {
    const target = path.join(work, "generated");
    await mkdir(path.join(work, ".generated.old-4242"));
    await writeFile(path.join(work, ".generated.old-4242/a.ts"), "old a");
    await mkdir(path.join(work, ".generated.new-4242"));
    await writeFile(path.join(work, ".generated.new-4242/a.ts"), "new a, never swapped in");
    const said = await recoverDir(target);
    expect(said).toEqual([
      `${target}/ was missing after an interrupted run; restored its previous content (from .generated.old-4242)`,
      "removed .generated.new-4242, left by an interrupted run",
    ]);
    expect(await readDir(target)).toEqual(new Map([["a.ts", "old a"]]));
    expect(await fs.readdir(work)).toEqual(["generated"]);
  });
});

describe("replaceFiles killed at any step", () => {
  const names = ["SOURCES.md", "axiom/v2.yaml", "galileo/v2.yaml"];

  it("leaves every file old or every file new once recoverFiles has run", async () => {
    const outcomes = new Set<string>();
    await atEveryStep(
      (ops) => replaceFiles(work, new Map(names.map((name) => [path.join(work, name), `new ${name}`])), ops),
      async () => {
        await rm(work, { recursive: true, force: true });
        for (const name of names) {
          await mkdir(path.dirname(path.join(work, name)), { recursive: true });
          await writeFile(path.join(work, name), `old ${name}`);
        }
      },
      async (stopAt) => {
        const said = await recoverFiles(work);
        const content = [...(await readDir(work)).values()];
        const ages = new Set(content.map((text) => text.split(" ")[0]));
        expect(ages.size, `killed at step ${stopAt}: ${content.join(", ")}`).toBe(1);
        expect(content).toHaveLength(names.length);
        outcomes.add(`${[...ages][0]}${said.some((line) => line.startsWith("completed")) ? " (completed)" : ""}`);
      },
    );
    expect(outcomes).toEqual(new Set(["old", "new", "new (completed)"]));
  });
});

describe("recoverFiles on a journal planted in the folder", () => {
  it("renames nothing to a target outside it, and says which journal to remove", async () => {
    const root = path.join(work, "specs");
    await mkdir(path.join(root, ".galaxiom-replacing"), { recursive: true });
    await writeFile(path.join(root, ".galaxiom-replacing/0"), "planted");
    await writeFile(path.join(root, ".galaxiom-replacing/journal.json"), JSON.stringify([{ target: "../outside.yaml", staged: "0" }]));
    await expect(recoverFiles(root)).rejects.toThrow(/journal\.json names a file outside .*specs: remove .*\.galaxiom-replacing/);
    expect(await fs.readdir(work)).toEqual(["specs"]);
  });
});
