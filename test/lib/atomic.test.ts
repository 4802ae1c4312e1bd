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

describe("recoverFiles on a journal galaxiom didn't write", () => {
  // The journal lives inside specs/, which a pull request can change: recovery (run by generate --check, which
  // npm test runs) must not become a way to write outside the folder or pull an outside file into it.
  let specs: string;
  let outside: string;
  beforeEach(async () => {
    specs = path.join(work, "repo/specs");
    outside = path.join(work, "outside");
    await mkdir(path.join(specs, ".galaxiom-replacing"), { recursive: true });
    await mkdir(outside);
    await writeFile(path.join(specs, "apis.yaml"), "kept\n");
    await writeFile(path.join(outside, "secret.txt"), "outside\n");
  });

  const plant = async (journal: unknown, staged: Record<string, string> = { "0": "#!/bin/sh\n" }) => {
    for (const [name, content] of Object.entries(staged)) await writeFile(path.join(specs, ".galaxiom-replacing", name), content);
    await writeFile(path.join(specs, ".galaxiom-replacing/journal.json"), JSON.stringify(journal));
  };
  const untouched = async () => {
    expect(await readDir(outside)).toEqual(new Map([["secret.txt", "outside\n"]]));
    expect(await fs.readFile(path.join(specs, "apis.yaml"), "utf8")).toBe("kept\n");
    expect(await fs.readdir(path.join(work, "repo"))).toEqual(["specs"]);
  };

  it.each([
    ["a target climbing out of the folder", [{ target: "../../x.sh", staged: "0" }], "/0/target"],
    ["an absolute target", [{ target: "/tmp/galaxiom-planted-x.sh", staged: "0" }], "/0/target"],
    ["a target inside the staging folder", [{ target: ".galaxiom-replacing/0", staged: "0" }], "/0/target"],
    ["a staged name climbing out, to move an outside file in", [{ target: "stolen.txt", staged: "../../outside/secret.txt" }], "/0/staged"],
    ["a staged name that isn't a number", [{ target: "apis.yaml", staged: "journal.json" }], "/0/staged"],
    ["a target that isn't a string", [{ target: ["apis.yaml"], staged: "0" }], "/0/target"],
    ["a journal that isn't a list", { target: "apis.yaml", staged: "0" }, ""],
  ])("refuses %s, naming the journal and the entry, and touches nothing", async (_, journal, pointer) => {
    await plant(journal);
    const error = await recoverFiles(specs).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`${path.join(specs, ".galaxiom-replacing/journal.json")}${pointer ? ` #${pointer}` : ""}: `);
    expect((error as Error).message).toContain("galaxiom didn't write this journal");
    await untouched();
  });

  it("refuses a target through a symbolic link to a folder outside, and a staged symbolic link", async () => {
    await fs.symlink(outside, path.join(specs, "linked"));
    await plant([{ target: "linked/secret.txt", staged: "0" }]);
    await expect(recoverFiles(specs)).rejects.toThrow("#/0/target");
    await fs.rm(path.join(specs, ".galaxiom-replacing"), { recursive: true });
    await fs.rm(path.join(specs, "linked"));
    await mkdir(path.join(specs, ".galaxiom-replacing"));
    await fs.symlink(path.join(outside, "secret.txt"), path.join(specs, ".galaxiom-replacing/0"));
    await plant([{ target: "stolen.txt", staged: "0" }], {});
    await expect(recoverFiles(specs)).rejects.toThrow("#/0/staged");
    expect(await fs.readFile(path.join(outside, "secret.txt"), "utf8")).toBe("outside\n");
  });

  it("still completes a journal it could have written", async () => {
    await plant([{ target: "apis.yaml", staged: "0" }], { "0": "new\n" });
    expect(await recoverFiles(specs)).toEqual([`completed an interrupted replacement in ${specs}/: replaced apis.yaml`]);
    expect(await fs.readFile(path.join(specs, "apis.yaml"), "utf8")).toBe("new\n");
  });
});
