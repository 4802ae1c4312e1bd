import { readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseYaml } from "@redocly/openapi-core";
import { MAX_DEPTH } from "../../scripts/lib/document-bounds.js";
import { main } from "../../scripts/main.js";
import { readDir } from "../../scripts/lib/atomic.js";
import { recordingIo } from "../helpers/io.js";
import { copyOfFixture } from "../helpers/workspace.js";
import { deeplyNestedJson, laughs, localServer } from "../helpers/hostile.js";

// A vendored spec is hostile input: nothing it references outside specs/ may reach generated/, and nothing in
// it may make generate run away. generated/ is left as it was on every refusal.
const SECRET = "SECRET-NEXT-TO-SPECS";
let work: string;
let specs: string;
let out: string;

beforeEach(async () => {
  ({ work, specs, out } = await copyOfFixture("galaxiom-hostile-"));
  await writeFile(path.join(work, "secret.yaml"), `type: string\nenum: [${SECRET}]\n`);
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function generate() {
  const before = await readDir(out);
  const io = recordingIo();
  const code = await main(["generate", "--specs", specs, "--out", out], io);
  expect(JSON.stringify([...(await readDir(out)).values()])).not.toContain(SECRET);
  if (code !== 0) expect(await readDir(out)).toEqual(before);
  return { code, err: io.err() };
}

const tokens = () => path.join(specs, "axiom/v2-tokens.yaml");
/** Point the Axiom token schema's description (a place no type is generated from) at `ref`. */
async function referFromDescription(ref: string) {
  const text = await readFile(tokens(), "utf8");
  await writeFile(
    tokens(),
    text.replace(/\n {2}schemas:\n {4}(\w+):\n/, (match) => `${match}      x-docs:\n        $ref: '${ref}'\n`),
  );
}

describe("generate refuses $refs leading out of specs/", () => {
  it.each([
    ["an absolute path", () => path.join(work, "secret.yaml")],
    ["a path climbing out of specs/", () => "../../secret.yaml"],
    ["a file: URL", () => `file://${path.join(work, "secret.yaml")}`],
    ["a symlink inside specs/ to a file outside", () => "../leak.yaml"],
  ])("%s, naming the vendor file, the pointer and the ref", async (_, ref) => {
    await symlink(path.join(work, "secret.yaml"), path.join(specs, "leak.yaml"));
    await referFromDescription(ref());
    const { code, err } = await generate();
    expect(code).toBe(2);
    expect(err).toMatch(
      new RegExp(`v2-tokens\\.yaml #/components/schemas/\\w+/x-docs/\\$ref: \\$ref "${ref().replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}" refused`),
    );
  });

  it("refuses a URL $ref unless apis.yaml allows its origin, then fetches it", async () => {
    const server = await localServer((_, response) => response.end("description: fetched from an allowed origin\n"));
    try {
      await referFromDescription(`${server.base}/docs.yaml`);
      const refused = await generate();
      expect(refused.code).toBe(2);
      expect(refused.err).toContain("is not in the spec's allowRemoteRefs");
      expect(server.requests).toEqual([]);

      const config = await readFile(path.join(specs, "apis.yaml"), "utf8");
      await writeFile(
        path.join(specs, "apis.yaml"),
        config.replace("        file: axiom/v2-tokens.yaml\n", `        file: axiom/v2-tokens.yaml\n        allowRemoteRefs: ["${server.base}"]\n`),
      );
      const allowed = await generate();
      expect(allowed.err).not.toMatch(/refused/);
      expect(allowed.code).toBe(0);
      expect(server.requests).toEqual(["/docs.yaml"]);
    } finally {
      await server.close();
    }
  });

  it("refuses an allowRemoteRefs entry that is not an origin", async () => {
    const config = await readFile(path.join(specs, "apis.yaml"), "utf8");
    await writeFile(
      path.join(specs, "apis.yaml"),
      config.replace("        file: axiom/v2-tokens.yaml\n", `        file: axiom/v2-tokens.yaml\n        allowRemoteRefs: ["https://example.com/specs/"]\n`),
    );
    const { code, err } = await generate();
    expect(code).toBe(2);
    expect(err).toContain('apis.yaml #/apis/axiom/specs/axiom-v2/allowRemoteRefs/0: "https://example.com/specs/" is not an origin');
  });
});

describe("generate bounds what a vendor document can cost", () => {
  it("refuses a billion laughs quickly", async () => {
    const text = await readFile(tokens(), "utf8");
    // In the real vendored file, as the example of the token schema every selection keeps.
    await writeFile(
      tokens(),
      text.replace("paths:\n", `${laughs()}paths:\n`).replace(/\n {2}schemas:\n {4}(\w+):\n/, (match) => `${match}      example: *i\n`),
    );
    const started = performance.now();
    const { code, err } = await generate();
    expect(code).toBe(2);
    expect(err).toMatch(/v2-tokens\.yaml #\/\S+: expands to more than [\d,]+ nodes through YAML aliases/);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("refuses a schema nested 5,000 deep, naming the file and the pointer (not a stack overflow)", async () => {
    await writeFile(tokens(), deeplyNestedJson(5000));
    const { code, err } = await generate();
    expect(code).toBe(2);
    expect(err).toMatch(/v2-tokens\.yaml #\/components\/schemas\/Deep(\/properties\/a){248}\/properties: nested more than 500 levels deep/);
    expect(err).not.toContain("call stack");
  });

  it("still generates a schema nested just under the limit, without overflowing the stack anywhere", async () => {
    const document = parseYaml(await readFile(tokens(), "utf8")) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    let deep: unknown = { type: "string" };
    for (let level = 0; level < (MAX_DEPTH - 10) / 2; level++) deep = { type: "object", properties: { a: deep } };
    Object.values(document.components.schemas)[0]!.properties.deep = deep;
    await writeFile(tokens(), JSON.stringify(document));
    const { code, err } = await generate();
    expect(err).not.toMatch(/refused|call stack/);
    expect(code).toBe(0);
  });

  it('refuses $refs that only lead to each other, naming the pointer (not Redocly\'s bare "circular pointer")', async () => {
    const text = await readFile(tokens(), "utf8");
    await writeFile(
      tokens(),
      text.replace(/\n {2}schemas:\n/, "\n  schemas:\n    LoopA: {$ref: '#/components/schemas/LoopB'}\n    LoopB: {$ref: '#/components/schemas/LoopA'}\n"),
    );
    const { code, err } = await generate();
    expect(code).toBe(2);
    expect(err).toContain(
      "v2-tokens.yaml #/components/schemas/LoopB/$ref: $ref cycle: #/components/schemas/LoopB → #/components/schemas/LoopA → #/components/schemas/LoopB",
    );
  });
});
