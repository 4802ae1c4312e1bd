import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/main.js";
import { readDir } from "../../scripts/lib/atomic.js";
import { typecheck } from "../../scripts/generate/typecheck.js";
import { recordingIo } from "../helpers/io.js";
import { fixtureSpecs, repo } from "../helpers/workspace.js";

// The full vendor specs have shapes the excerpts don't; these tests build miniatures of them (test/fixtures/generate)
// with the lint policy and the overlays of the fixture specs/ (test/fixtures/specs), selecting everything: the
// repository's own overlays are written for the vendor specs it holds, and change with them.
const fixtures = path.join(repo, "test/fixtures/generate");
let work: string;
let specs: string;
let out: string;

const apis = `apis:
  galileo:
    overlay: galileo/overlay.yaml
    specs:
      galileo-server:
        file: galileo/server.yaml
        select: all
  axiom:
    overlay: axiom/overlay.yaml
    specs:
      axiom-v2:
        file: axiom/v2.json
        select: all
`;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "galaxiom-shapes-"));
  specs = path.join(work, "specs");
  out = path.join(work, "generated");
  await mkdir(specs);
  for (const file of ["redocly.yaml", "galileo/overlay.yaml", "axiom/overlay.yaml"]) await cp(path.join(fixtureSpecs, file), path.join(specs, file));
  await cp(path.join(fixtures, "galileo-like.yaml"), path.join(specs, "galileo/server.yaml"));
  await cp(path.join(fixtures, "axiom-like.json"), path.join(specs, "axiom/v2.json"));
  await writeFile(path.join(specs, "apis.yaml"), apis);
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function generate() {
  const io = recordingIo();
  const code = await main(["generate", "--specs", specs, "--out", out], io);
  return { code, err: io.err(), files: await readDir(out) };
}

async function edit(file: string, change: (text: string) => string) {
  await writeFile(path.join(specs, file), change(await readFile(path.join(specs, file), "utf8")));
}

describe("the real specs' shapes, everything selected, under the fixture's lint policy and overlays", () => {
  it("build: vendor style (no security on public endpoints, no summaries, undeclared scopes) doesn't block", async () => {
    const { code, err } = await generate();
    expect(err).not.toMatch(/error/i);
    expect(code).toBe(0);
  });

  it("derive auth from the spec: public endpoints carry nothing, Axiom's root bearerAuth covers the rest", async () => {
    const { files } = await generate();
    const galileo = files.get("galileo.security.ts")!;
    expect(galileo).toContain('"POST /v1/login/api_key": {"apiKey":[],"bearer":[],"basic":[]},');
    expect(galileo).toContain('"GET /healthcheck": {"apiKey":[],"bearer":[],"basic":[]},');
    expect(galileo).toContain('"PATCH /v2/datasets/{dataset_id}/content": {"apiKey":["Galileo-API-Key"],"bearer":["Authorization"]},');
    const axiom = files.get("axiom.security.ts")!;
    expect(axiom).toContain('"GET /tokens/{id}": {"bearer":["Authorization"]},');
    expect(axiom).toContain('"POST /datasets/{id}/query": {"bearer":["Authorization"]},');
  });

  it("apply the overlays' fixes: one server, pydantic's `error` keyword gone, a nullable Filter value typed as such", async () => {
    const { files } = await generate();
    const galileo = files.get("galileo.openapi.yaml")!;
    expect(galileo).not.toContain("localhost");
    expect(galileo).not.toContain("error: Edits list cannot be empty.");
    expect(files.get("axiom.openapi.yaml")).toContain("- url: https://api.axiom.co/v2\n");
    const app = `import type { components } from "./axiom.js";
export const f: components["schemas"]["Filter"] = { field: "status", value: null };
`;
    expect(typecheck(new Map([...files, ["app.ts", app]]))).toEqual([]);
  });

  it("block on what would make the client wrong: a non-JSON-Schema keyword the overlay doesn't fix (struct)", async () => {
    await edit("galileo/overlay.yaml", (text) => text.replace("properties.edits.error", "properties.edits.other"));
    const { code, err, files } = await generate();
    expect(code).toBe(2);
    expect(err).toMatch(/galileo\/server\.yaml:\d+ #\/components\/schemas\/UpdateDatasetContentRequest\/properties\/edits\/error: .*\(struct\)/);
    expect(files.size).toBe(0);
  });

  it("block on types that wouldn't compile, naming the schema, and leave generated/ as it was", async () => {
    expect((await generate()).code).toBe(0);
    const before = await readDir(out);
    await edit("galileo/server.yaml", (text) =>
      text
        .replace("    JsonPrimitive:", "    Direct:\n      anyOf: [{type: string}, {$ref: '#/components/schemas/Direct'}]\n    JsonPrimitive:")
        .replace("$ref: '#/components/schemas/UpdateDatasetContentRequest'}", "$ref: '#/components/schemas/Direct'}"),
    );
    const { code, err, files } = await generate();
    expect(code).toBe(2);
    expect(err).toContain('galileo/server.yaml #/components/schemas/Direct: schema "Direct" would give types that don\'t compile (TS2456');
    expect(files).toEqual(before);
  });

  it("refuse Redocly decorators: only the overlay may change a description", async () => {
    await edit("redocly.yaml", (text) => `${text}    decorators:\n      filter-out:\n        property: operationId\n        value: getAPIToken\n`);
    const { code, err } = await generate();
    expect(code).toBe(2);
    expect(err).toMatch(/redocly\.yaml #\/apis\/axiom\/decorators: `decorators` would change descriptions outside the overlay/);
  });

  it("ignore a redocly.yaml in the working directory: openapi-typescript runs with its own config", async () => {
    expect((await generate()).code).toBe(0);
    const expected = await readDir(out);
    const elsewhere = path.join(work, "elsewhere");
    await mkdir(elsewhere);
    await writeFile(
      path.join(elsewhere, "redocly.yaml"),
      "extends: [minimal]\ndecorators:\n  filter-out:\n    property: operationId\n    value: getAPIToken\n",
    );
    const tsx = path.join(repo, "node_modules/tsx/dist/cli.mjs");
    const other = path.join(work, "generated-elsewhere");
    await promisify(execFile)("node", [tsx, path.join(repo, "scripts/cli.ts"), "generate", "--specs", specs, "--out", other], { cwd: elsewhere });
    expect(await readDir(other)).toEqual(expected);
  }, 60_000);
});
