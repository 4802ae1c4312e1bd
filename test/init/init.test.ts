import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseYaml } from "@redocly/openapi-core";
import { loadSpecsConfig } from "../../scripts/generate/config.js";
import { readDir } from "../../scripts/lib/atomic.js";
import { main } from "../../scripts/main.js";
import { recordingIo } from "../helpers/io.js";
import { repo } from "../helpers/workspace.js";

// An app's own types: `init` writes its config from galaxiom's own, `pull --from` a file stands in for the vendor's
// URL, and `generate` writes where the config's `out` says. Paths are absolute: the tests don't change directory.
/** Axiom's documents as galaxiom vendors them: what a pull would fetch. */
const vendored = (file: string) => path.join(repo, "specs/axiom", file);
let app: string;
let specs: string;
let out: string;
/** A folder beside the app, which nothing may write into. */
let outside: string;

beforeEach(async () => {
  app = await mkdtemp(path.join(tmpdir(), "galaxiom-app-"));
  outside = await mkdtemp(path.join(tmpdir(), "galaxiom-outside-"));
  specs = path.join(app, "galaxiom");
  out = path.join(app, "src/galaxiom-generated");
});
afterEach(() => Promise.all([rm(app, { recursive: true, force: true }), rm(outside, { recursive: true, force: true })]));

async function galaxiom(...args: string[]) {
  const io = recordingIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}
const init = (...args: string[]) => galaxiom("init", "--specs", specs, "--out", out, ...args);

describe("galaxiom init", () => {
  it("writes galaxiom's own config for both vendors, with `out`, the lint rules and the overlays; no vendor document", async () => {
    const result = await init();
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toContain("`galaxiom pull --specs");
    expect([...(await readDir(specs)).keys()].sort()).toEqual(["apis.yaml", "axiom/overlay.yaml", "galileo/overlay.yaml", "redocly.yaml"]);
    const [config, own] = await Promise.all([loadSpecsConfig(specs), loadSpecsConfig(path.join(repo, "specs"))]);
    expect(config.out).toBe(out);
    const described = (apis: typeof own.apis, folder: string) =>
      apis.map(({ name, overlay, sources }) => ({
        name,
        overlay: overlay && path.relative(folder, overlay),
        sources: sources.map((source) => ({ ...source, file: path.relative(folder, source.file) })),
      }));
    expect(described(config.apis, specs)).toEqual(described(own.apis, path.join(repo, "specs")));
    for (const overlay of ["axiom/overlay.yaml", "galileo/overlay.yaml"]) {
      expect(await readFile(path.join(specs, overlay), "utf8")).toBe(await readFile(path.join(repo, "specs", overlay), "utf8"));
    }
  });

  it("writes the vendor asked for alone, its lint rules rooted at the app's output", async () => {
    expect((await init("--vendor", "axiom")).code).toBe(0);
    expect([...(await readDir(specs)).keys()].sort()).toEqual(["apis.yaml", "axiom/overlay.yaml", "redocly.yaml"]);
    expect((await loadSpecsConfig(specs)).apis.map((api) => api.name)).toEqual(["axiom"]);
    const redocly = parseYaml(await readFile(path.join(specs, "redocly.yaml"), "utf8")) as { apis: Record<string, { root: string; rules: object }> };
    expect(Object.keys(redocly.apis)).toEqual(["axiom"]);
    expect(redocly.apis.axiom!.root).toBe("../src/galaxiom-generated/axiom.openapi.yaml");
    expect(redocly.apis.axiom!.rules).toMatchObject({ "operation-4xx-response": "off" });
  });

  it("is followed by pull and generate, which write the app's types and security table where `out` says", async () => {
    expect((await init("--vendor", "axiom")).code).toBe(0);
    for (const version of ["v1", "v2"]) {
      expect(await galaxiom("pull", `axiom-${version}`, "--from", vendored(`${version}.json`), "--specs", specs)).toMatchObject({ code: 0 });
    }
    const generated = await galaxiom("generate", "--specs", specs);
    expect(generated).toMatchObject({ code: 0, out: expect.stringContaining(`wrote ${path.relative(process.cwd(), out)}/`) });
    // From the documents the package's types came from, the app gets the package's types and table, to the byte.
    const files = await readDir(out);
    expect([...files.keys()].sort()).toEqual([
      "README.md",
      "axiom.media-types.ts",
      "axiom.openapi.yaml",
      "axiom.pagination.ts",
      "axiom.security.ts",
      "axiom.ts",
      "axiom.validators.ts",
    ]);
    const own = await readDir(path.join(repo, "generated"));
    for (const name of ["axiom.openapi.yaml", "axiom.security.ts", "axiom.media-types.ts", "axiom.pagination.ts", "axiom.ts", "axiom.validators.ts"])
      expect(files.get(name), name).toBe(own.get(name));
    expect(await galaxiom("generate", "--specs", specs, "--check")).toMatchObject({ code: 0 });
  });
});

describe("init refuses, writing nothing, and exits 2", () => {
  const nothingWritten = async () => {
    expect([...(await readDir(outside)).keys()]).toEqual([]);
    expect(await readDir(out)).toEqual(new Map());
  };

  it("when the config exists, leaving it as it was", async () => {
    await mkdir(specs);
    await writeFile(path.join(specs, "apis.yaml"), "apis: {}\n");
    const result = await init();
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^galaxiom init: .*galaxiom\/apis\.yaml: exists already: init never overwrites a file/);
    expect(await readDir(specs)).toEqual(new Map([["apis.yaml", "apis: {}\n"]]));
  });

  it("when any file it would write exists, an overlay say: not even the config is written", async () => {
    await mkdir(path.join(specs, "axiom"), { recursive: true });
    await writeFile(path.join(specs, "axiom/overlay.yaml"), "# mine\n");
    expect((await init()).err).toContain("axiom/overlay.yaml: exists already");
    expect(await readDir(specs)).toEqual(new Map([["axiom/overlay.yaml", "# mine\n"]]));
  });

  it("when the config is a link, even one to nothing, outside the app", async () => {
    await mkdir(specs);
    await symlink(path.join(outside, "apis.yaml"), path.join(specs, "apis.yaml"));
    const result = await init();
    expect(result.code).toBe(2);
    expect(result.err).toContain("apis.yaml: exists already");
    await nothingWritten();
  });

  it.each([
    ["the specs folder", () => specs],
    ["an overlay's folder", () => path.join(specs, "galileo")],
  ])("when %s is a link to a folder outside the app", async (_, link) => {
    await mkdir(path.dirname(link()), { recursive: true });
    await symlink(outside, link(), "dir");
    const result = await init();
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/leads outside .* \(through a symbolic link\): init writes only inside the app/);
    await nothingWritten();
  });

  it("when the specs folder is a link outside the app, leaving alone an interrupted replacement there", async () => {
    const journal = new Map([
      [".galaxiom-replacing/0", "planted\n"],
      [".galaxiom-replacing/journal.json", JSON.stringify([{ target: "planted.yaml", staged: "0" }])],
    ]);
    for (const [name, text] of journal) {
      await mkdir(path.dirname(path.join(outside, name)), { recursive: true });
      await writeFile(path.join(outside, name), text);
    }
    await symlink(outside, specs, "dir");
    expect((await init()).err).toMatch(/galaxiom: leads outside/);
    expect(await readDir(outside)).toEqual(journal);
  });

  it.each([
    ["outside the app", () => path.join(app, "../.."), /it is outside .*, the folder that holds galaxiom\//],
    ["the app itself", () => app, /generate replaces that folder whole, and it holds this config/],
    ["the specs folder", () => specs, /generate replaces that folder whole, and it holds this config/],
  ])("when --out is %s", async (_, where, reason) => {
    const result = await galaxiom("init", "--specs", specs, "--out", where());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(reason);
    expect(result.err).toContain("Usage: galaxiom init");
    expect(await readDir(app)).toEqual(new Map());
  });

  it("when a vendor is not one galaxiom has", async () => {
    const result = await init("--vendor", "datadog");
    expect(result).toMatchObject({ code: 2, err: expect.stringContaining('--vendor must be one of galileo, axiom (got "datadog")') });
    expect(await readDir(app)).toEqual(new Map());
  });
});

// apis.yaml is in the app's repository: any commit may change it, and generate replaces `out` whole.
describe("a config whose paths lead out of the app is refused, naming the entry, before anything is read or written", () => {
  async function editConfig(change: (text: string) => string) {
    expect((await init("--vendor", "axiom")).code).toBe(0);
    const file = path.join(specs, "apis.yaml");
    await writeFile(file, change(await readFile(file, "utf8")));
  }

  it.each([
    ["outside the app", "../..", "it is outside"],
    ["the app itself", "..", "generate replaces that folder whole, and it holds this config"],
    ["the specs folder", ".", "generate replaces that folder whole, and it holds this config"],
    ["a link in the app to a folder outside it", "../generated-link", "it is outside"],
  ])("generate, `out` being %s", async (_, where, reason) => {
    await symlink(outside, path.join(app, "generated-link"), "dir");
    await editConfig((text) => text.replace("out: ../src/galaxiom-generated", `out: ${where}`));
    const before = await readDir(app);
    const result = await galaxiom("generate", "--specs", specs);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`galaxiom/apis.yaml #/out: "${where}" can't be where generate writes: ${reason}`);
    expect(await readDir(app)).toEqual(before);
    await nothingWritten();
  });

  it.each([
    ["document", "file: axiom/v1.json", () => "file: ../../stolen.json", "/apis/axiom/specs/axiom-v1/file"],
    ["overlay", "overlay: axiom/overlay.yaml", () => `overlay: ${path.join(outside, "overlay.yaml")}`, "/apis/axiom/overlay"],
  ])("pull and generate, its %s", async (_, from, to, pointer) => {
    await editConfig((text) => text.replace(from, to()));
    for (const command of [["pull", "axiom-v1", "--from", vendored("v1.json")], ["generate"]]) {
      const result = await galaxiom(...command, "--specs", specs);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(new RegExp(`apis\\.yaml #${pointer}: ".*" is outside .*: name a file inside it`));
    }
    await nothingWritten();
  });

  async function nothingWritten() {
    expect([...(await readDir(outside)).keys()]).toEqual([]);
    expect(await readDir(out)).toEqual(new Map());
  }
});
