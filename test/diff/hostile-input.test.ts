import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../scripts/main.js";
import { recordingIo } from "../helpers/io.js";
import { billionLaughs, deeplyNestedJson, spec } from "../helpers/hostile.js";

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
