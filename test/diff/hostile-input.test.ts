import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSpecs } from "../../scripts/diff/index.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";
import { SpecError } from "../../scripts/lib/spec-error.js";
import { main } from "../../scripts/main.js";
import { recordingIo } from "../helpers/io.js";
import {
  billionLaughs,
  deeplyNestedJson,
  diffInChild,
  fanOut,
  filterLoop,
  recursiveFilter,
  recursiveTree,
  refChain,
  refLoop,
  schemaObjects,
  spec,
} from "../helpers/hostile.js";

// `galaxiom diff` compares documents a user was handed: they must not make it print other files, hang or crash.
const SECRET = "SECRET-BESIDE-THE-DIFFED-FOLDER";
let work: string;
let folder: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "galaxiom-diff-hostile-"));
  folder = path.join(work, "given");
  await writeFile(path.join(work, "secret.yaml"), `type: string\nenum: [${SECRET}]\n`);
  await mkdir(folder);
  await writeFile(path.join(folder, "plain.yaml"), spec());
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** `galaxiom diff old new …flags` on two documents written as files (JSON, or YAML text as it is). */
async function diffFiles(old: object | string, now: object | string, ...flags: string[]) {
  const write = async (name: string, document: object | string) => {
    const file = path.join(folder, typeof document === "string" ? `${name}.yaml` : `${name}.json`);
    await writeFile(file, typeof document === "string" ? document : JSON.stringify(document));
    return file;
  };
  const io = recordingIo();
  const code = await main(["diff", await write("old", old), await write("new", now), ...flags], io);
  return { code, out: io.out(), err: io.err() };
}

async function diff(text: string, { stdin = false } = {}) {
  const file = path.join(folder, "hostile.yaml");
  if (!stdin) await writeFile(file, text);
  const io = recordingIo({ readStdin: async () => text });
  const code = await main(["diff", path.join(folder, "plain.yaml"), stdin ? "-" : file], io);
  return { code, out: io.out(), err: io.err() };
}

describe("galaxiom diff on hostile documents", () => {
  it.each([
    ["an absolute path", () => path.join(work, "secret.yaml")],
    ["a path out of the document's folder", () => "../secret.yaml"],
  ])("refuses a $ref to %s, printing nothing of it", async (_, ref) => {
    const { code, out, err } = await diff(spec(`components:\n  schemas:\n    A: {type: object, x-doc: {$ref: '${ref()}'}}\n`));
    expect(code).toBe(2);
    expect(err).toContain(`hostile.yaml #/components/schemas/A/x-doc/$ref: $ref "${ref()}" refused`);
    expect(out + err).not.toContain(SECRET);
  });

  it("refuses any external $ref in a document on stdin", async () => {
    const { code, err } = await diff(spec("components:\n  schemas:\n    A: {$ref: 'plain.yaml'}\n"), { stdin: true });
    expect(code).toBe(2);
    expect(err).toContain('- #/components/schemas/A/$ref: $ref "plain.yaml" refused');
  });

  it("refuses a billion laughs in well under a second", async () => {
    const started = performance.now();
    const { code, err } = await diff(billionLaughs());
    expect(code).toBe(2);
    expect(err).toMatch(/hostile\.yaml #\/\S+: expands to more than [\d,]+ nodes through YAML aliases/);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("refuses a schema nested 5,000 deep, naming where the limit was passed", async () => {
    const { code, err } = await diff(deeplyNestedJson(5000));
    expect(code).toBe(2);
    expect(err).toMatch(/hostile\.yaml #\/components\/schemas\/Deep(\/properties\/a){248}\/properties: nested more than 500 levels deep/);
  });
});

describe("galaxiom diff stays polynomial in time and memory", () => {
  it("keeps each finding once, where ten properties all $ref the next schema, 40 levels deep", async () => {
    // 18 KB; when a parent copied its children's findings once per edge, 10^40 copies ended in a V8 fatal error.
    const [old, now] = [fanOut(40, 10, "string"), fanOut(40, 10, "integer")];
    const { changes, spent } = await diffInChild(old, now);
    expect(changes).toEqual([
      { id: "request-type-changed", message: "Schema `S40` (in requests): type changed from `string` to `integer`" },
      { id: "response-type-changed", message: "Schema `S40` (in responses): type changed from `string` to `integer`" },
    ]);
    // Each schema once per direction, and each finding recorded once and gathered once per direction.
    expect(spent.pairs).toBeLessThanOrEqual(2 * 41);
    expect(spent.findings).toBeLessThanOrEqual(4 * 41);
  });

  it("compares a recursive schema once per pair, where two properties lead to the next level and one back to the top", async () => {
    // 5 KB; with the memo off under recursion, each level doubled the time: 30 levels took minutes.
    const [old, now] = [recursiveTree(30, "string"), recursiveTree(30, "integer")];
    const { changes, spent } = await diffInChild(old, now);
    expect(changes).toEqual([
      { id: "request-type-changed", message: "Schema `L30` (in requests): type changed from `string` to `integer`" },
      { id: "response-type-changed", message: "Schema `L30` (in responses): type changed from `string` to `integer`" },
    ]);
    expect(spent.pairs).toBeLessThanOrEqual(2 * 31);
  });

  it("compares a recursive Filter (children[] and not) with a hostile new version in polynomially many pairs", async () => {
    // 4 KB; 94 s in `diff` and 41 s in `pull` before. Every filter of the new loop is compared with the old Filter.
    const [old, now] = [recursiveFilter(), filterLoop(16)];
    const { changes = [], spent, error } = await diffInChild(old, now);
    expect(error).toBeUndefined();
    for (let i = 0; i < 16; i++) {
      const name = i === 0 ? "Filter" : `F${i}`;
      for (const dir of ["request", "response"])
        expect(changes).toContainEqual({
          id: `${dir}-constraint-tightened`,
          message: `Schema \`${name}\`, field \`value\` (in ${dir}s): \`maxLength\` ${i + 1} added`,
        });
    }
    expect(spent.pairs).toBeLessThanOrEqual(2 * schemaObjects(old) * schemaObjects(now));
  });
});

describe("galaxiom diff's work budget", () => {
  it("stops past --work-budget with exit 2, naming the budget, what it was spent on and where", async () => {
    const { code, out, err } = await diffFiles(fanOut(40, 10, "string"), fanOut(40, 10, "integer"), "--work-budget", "30");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(
      /^galaxiom diff: \S*new\.json #\/components\/schemas\/S\d+: diff stopped here, compared with \S*old\.json #\/components\/schemas\/S\d+: its work budget of 30 steps is spent \(\d+ schema pairs compared, \d+ findings recorded or gathered, 31 of them on POST \/x\); --work-budget raises it\n$/,
    );
  });

  it("refuses a --work-budget that is not a positive number", async () => {
    const { code, err } = await diffFiles(spec(), spec(), "--work-budget", "lots");
    expect(code).toBe(2);
    expect(err).toContain('--work-budget must be a positive number, not "lots"');
  });
});

describe("galaxiom diff on $refs that go deep", () => {
  it.each([
    ["through a property", "property", "#/components/schemas/C165/properties/a/$ref"],
    ["as bare $refs", "bare", "#/components/schemas/C497/$ref"],
  ] as const)("refuses a chain of 600 $refs %s, naming where it passes the depth limit", async (_, how, pointer) => {
    const { code, err } = await diffFiles(refChain(600, how), refChain(600, how, "integer"));
    expect(code).toBe(2);
    expect(err).toContain(`old.json ${pointer}: $refs from #/components/schemas/C0 lead here more than 500 levels deep; refused`);
  });

  it("refuses it in YAML too, before the bundler overflows the stack", async () => {
    const yaml = `# YAML\n${JSON.stringify(refChain(600, "property"))}`;
    const { code, err } = await diffFiles(yaml, refChain(1, "property"));
    expect(code).toBe(2);
    expect(err).toContain("old.yaml #/components/schemas/C165/properties/a/$ref: $refs from #/components/schemas/C0 lead here more than 500 levels deep");
  });

  it("stops a comparison that goes deeper than either document, naming both places", async () => {
    // Loops of 59 and 61 schemas: each document is shallow, but the pairs come back to the first only after 3,599.
    const { code, err } = await diffFiles(refLoop(59), refLoop(61));
    expect(code).toBe(2);
    expect(err).toMatch(
      /new\.json #\/components\/schemas\/C\d+: diff stopped here, compared with \S*old\.json #\/components\/schemas\/C\d+: the two schemas nest more than 300 levels deep through their \$refs/,
    );
  });

  it("bounds its own depth on documents handed to it unchecked, rather than overflowing the stack", () => {
    const [old, now] = [refChain(5000, "property"), refChain(5000, "property", "integer")] as unknown as OpenAPIDocument[];
    for (const other of [now, old]) {
      expect(() => diffSpecs(old!, other!, { files: { old: "a.json", new: "b.json" } })).toThrow(
        new SpecError("diff stopped here, compared with a.json #/components/schemas/C300: the two schemas nest more than 300 levels deep through their $refs", {
          file: "b.json",
          pointer: "/components/schemas/C300",
        }),
      );
    }
  });
});

describe("galaxiom diff on inputs without a size", () => {
  it("stops reading a device past the size limit", async () => {
    const io = recordingIo();
    const code = await main(["diff", "/dev/zero", path.join(folder, "plain.yaml")], io);
    expect(code).toBe(2);
    expect(io.err()).toBe("galaxiom diff: /dev/zero: refused: larger than the limit of 50 MB\n");
  });

  it("stops reading standard input past the size limit", async () => {
    const cli = path.resolve(import.meta.dirname, "../../scripts/cli.ts");
    const child = execFile(process.execPath, ["--import", "tsx", cli, "diff", "-", path.join(folder, "plain.yaml")], { timeout: 60_000 });
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    // An endless stream of zeros, written as fast as the diff reads it, until it stops reading.
    const zeros = Buffer.alloc(1024 * 1024);
    const pump = () => {
      while (child.stdin?.writable && child.stdin.write(zeros));
      if (child.stdin?.writable) child.stdin.once("drain", pump);
    };
    child.stdin?.on("error", () => undefined);
    pump();
    expect(await exit).toBe(2);
    expect(err).toBe("galaxiom diff: -: refused: larger than the limit of 50 MB\n");
  });
});
