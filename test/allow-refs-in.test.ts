import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readDir } from "../scripts/lib/atomic.js";
import { main } from "../scripts/main.js";
import { recordingIo } from "./helpers/io.js";
import { TINY_SPEC, tinySpecs } from "./helpers/tiny-specs.js";
import type { Workspace } from "./helpers/workspace.js";

// apis.yaml's allowRefsIn lets a spec's $refs read a shared folder beside specs/, and nothing more: whatever
// leads out of it (`..`, a symlink inside it) is refused as anything leading out of specs/ is, and the secret
// beside them reaches neither a message nor generated/.
const SECRET = "SECRET-BESIDE-THE-SHARED-FOLDER";
let workspace: Workspace;
let shared: string;

async function setUp(allowRefsIn: string | undefined) {
  workspace = await tinySpecs("galaxiom-allow-refs-", { spec: allowRefsIn === undefined ? "" : `        allowRefsIn: ${allowRefsIn}\n` });
  const { work } = workspace;
  shared = path.join(work, "shared-schemas");
  await mkdir(shared);
  await mkdir(path.join(work, "elsewhere"));
  await writeFile(path.join(work, "secret.yaml"), `type: string\nenum: [${SECRET}]\n`);
  await writeFile(path.join(work, "elsewhere/thing.yaml"), "type: object\n");
  await writeFile(path.join(shared, "thing.yaml"), "type: object\nrequired: [id]\nproperties:\n  id: {type: string}\n  sharedField: {type: string}\n");
  await writeFile(path.join(shared, "climbs.yaml"), "type: object\nproperties:\n  a: {$ref: '../secret.yaml'}\n");
  await symlink(path.join(work, "secret.yaml"), path.join(shared, "link.yaml"));
  await symlink(work, path.join(shared, "up"));
}
afterEach(() => rm(workspace.work, { recursive: true, force: true }));

/** The tiny spec with its Thing schema a $ref to `ref`. */
const referring = (ref: string) => TINY_SPEC.replace(/ {4}Thing: .*\n/, `    Thing: {$ref: "${ref}"}\n`);

async function galaxiom(...argv: string[]) {
  const io = recordingIo();
  const code = await main(argv, io);
  const generated = JSON.stringify([...(await readDir(workspace.out)).values()]);
  expect(io.err() + io.out() + generated).not.toContain(SECRET);
  return { code, out: io.out(), err: io.err(), generated };
}

async function generateWith(ref: string) {
  await writeFile(path.join(workspace.specs, "tiny.yaml"), referring(ref));
  return galaxiom("generate", "--specs", workspace.specs, "--out", workspace.out);
}

describe("generate with allowRefsIn", () => {
  beforeEach(() => setUp('["../shared-schemas"]'));

  it("follows a $ref into the folder it names", async () => {
    const { code, err, generated } = await generateWith("../shared-schemas/thing.yaml");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(generated).toContain("sharedField");
  });

  it.each([
    ["a `..` climbing out of the allowed folder", "../shared-schemas/../secret.yaml", '$ref "../shared-schemas/../secret.yaml" refused'],
    ["a file in the allowed folder whose $ref climbs out", "../shared-schemas/climbs.yaml", 'climbs.yaml #/properties/a/$ref: $ref "../secret.yaml" refused'],
    ["a symlink in the allowed folder to a file outside", "../shared-schemas/link.yaml", '$ref "../shared-schemas/link.yaml" refused'],
    ["a symlinked folder in the allowed folder", "../shared-schemas/up/secret.yaml", '$ref "../shared-schemas/up/secret.yaml" refused'],
    ["a sibling folder it doesn't name", "../elsewhere/thing.yaml", '$ref "../elsewhere/thing.yaml" refused'],
  ])("refuses %s, naming the file, the pointer and the ref", async (_, ref, message) => {
    const { code, err, generated } = await generateWith(ref);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toMatch(/it leads outside \S+specs and \S+shared-schemas/);
    expect(generated).toBe("[]");
  });
});

describe("generate without allowRefsIn", () => {
  beforeEach(() => setUp(undefined));

  it("refuses the same $ref into the shared folder", async () => {
    const { code, err } = await generateWith("../shared-schemas/thing.yaml");
    expect(code).toBe(2);
    expect(err).toMatch(/tiny\.yaml #\/components\/schemas\/Thing\/\$ref: \$ref "\.\.\/shared-schemas\/thing\.yaml" refused: it leads outside/);
  });
});

describe("an allowRefsIn entry that names no folder is refused where it is written", () => {
  it.each([
    ["a file", '["../secret.yaml"]', /"\.\.\/secret\.yaml" is not a folder \(\S+secret\.yaml\)/],
    ["a missing folder", '["../nowhere"]', /"\.\.\/nowhere" names no folder \(\S+nowhere does not exist\)/],
    ["an absolute path", '["/tmp"]', /"\/tmp" must be a folder relative to apis\.yaml, not an absolute path/],
    ["not a list of strings", "../shared-schemas", /must be a list of strings/],
  ])("%s", async (_, entry, message) => {
    await setUp(entry);
    const { code, err } = await generateWith("../shared-schemas/thing.yaml");
    expect(code).toBe(2);
    expect(err).toMatch(/apis\.yaml #\/apis\/tiny\/specs\/tiny\/allowRefsIn(\/0)?: /);
    expect(err).toMatch(message);
  });
});

describe("pull with allowRefsIn", () => {
  beforeEach(() => setUp('["../shared-schemas"]'));

  it("accepts a next version whose $refs reach the folder, and diffs it against the vendored one, which reaches it too", async () => {
    await writeFile(path.join(workspace.specs, "tiny.yaml"), referring("../shared-schemas/thing.yaml"));
    const incoming = path.join(workspace.work, "incoming");
    await mkdir(incoming);
    const next = referring("../shared-schemas/thing.yaml").replace(
      "  /things/{id}:\n",
      '  /things/{id}/more:\n    get:\n      summary: More\n      operationId: more\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {"204": {description: none}}\n  /things/{id}:\n',
    );
    await writeFile(path.join(incoming, "next.yaml"), next);
    const { code, out } = await galaxiom("pull", "tiny", "--from", path.join(incoming, "next.yaml"), "--specs", workspace.specs);
    expect(code).toBe(0);
    expect(out).not.toContain("no readable vendored version");
    expect(out).toContain("GET /things/{id}/more");
    expect(await readFile(path.join(workspace.specs, "tiny.yaml"), "utf8")).toBe(next);
  });
});
