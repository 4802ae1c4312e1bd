import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/main.js";
import { readDir } from "../../scripts/lib/atomic.js";
import { recordingIo } from "../helpers/io.js";
import { copyOfFixture, fixtureGenerated } from "../helpers/workspace.js";

let work: string;
let specs: string;
let out: string;

beforeEach(async () => {
  ({ work, specs, out } = await copyOfFixture("galaxiom-generate-"));
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function generate(...args: string[]) {
  const io = recordingIo();
  const code = await main(["generate", "--specs", specs, "--out", out, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

async function edit(file: string, change: (text: string) => string) {
  const full = path.join(specs, file);
  await writeFile(full, change(await readFile(full, "utf8")));
}

describe("npm run generate", () => {
  // The repository's own generated/ is checked against its specs/ by `npm run generate:check` (part of `npm test`).
  it("reproduces generated/ byte for byte, every time: in a fresh folder as in the one of an earlier run", async () => {
    await rm(out, { recursive: true });
    expect((await generate()).code).toBe(0);
    const first = await readDir(out);
    expect(first).toEqual(await fixtureGenerated());
    expect((await generate()).code).toBe(0);
    expect(await readDir(out)).toEqual(first);
    expect([...first.keys()].sort()).toEqual([
      "README.md",
      "axiom.media-types.ts",
      "axiom.openapi.yaml",
      "axiom.pagination.ts",
      "axiom.security.ts",
      "axiom.ts",
      "axiom.validators.ts",
      "galileo.media-types.ts",
      "galileo.openapi.yaml",
      "galileo.pagination.ts",
      "galileo.security.ts",
      "galileo.ts",
      "galileo.validators.ts",
    ]);
  });

  it("merges Galileo v1 and v2 into one API with the overlay's title and single server", async () => {
    const description = (await fixtureGenerated()).get("galileo.openapi.yaml")!;
    expect(description).toContain("title: Galileo\n");
    expect(description.match(/- url: /g)).toEqual(["- url: "]);
    expect(description).toContain("- url: https://api.galileo.ai\n");
    for (const operation of ["/v1/login/api_key:", "/v2/token:", "/v2/users/api_keys:"]) expect(description).toContain(operation);
  });
});

describe("generate --check", () => {
  it("passes on a fresh folder and names each stale, missing or extra file", async () => {
    expect((await generate("--check")).code).toBe(0);
    await writeFile(path.join(out, "galileo.ts"), "// edited by hand\n");
    await rm(path.join(out, "axiom.ts"));
    await writeFile(path.join(out, "leftover.ts"), "");

    const { code, err } = await generate("--check");

    expect(code).toBe(1);
    expect(err).toContain("galileo.ts: differs");
    expect(err).toContain("axiom.ts: missing");
    expect(err).toContain("leftover.ts: not generated from specs/");
    expect(await readFile(path.join(out, "galileo.ts"), "utf8")).toBe("// edited by hand\n");
  });
});

describe("a failing build leaves generated/ exactly as it was", () => {
  async function expectFailure(pattern: RegExp) {
    const before = await readDir(out);
    const result = await generate();
    expect(result.code).toBe(2);
    expect(result.err).toMatch(pattern);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await readDir(out)).toEqual(before);
    expect((await readDir(work)).size).toBe((await readDir(out)).size + (await readDir(specs)).size);
  }

  it("on broken YAML, naming the file and line", async () => {
    await edit("galileo/v2-token.yaml", (text) => text.replace("paths:\n", "paths: [\n"));
    await expectFailure(/galileo\/v2-token\.yaml:\d+: not valid YAML or JSON/);
  });

  it("on a $ref to nothing, naming the file, line and JSON pointer", async () => {
    await edit("axiom/v2-tokens.yaml", (text) => text.replace("$ref: '#/components/schemas/APIToken'", "$ref: '#/components/schemas/APITokn'"));
    await expectFailure(/axiom\/v2-tokens\.yaml:\d+ #\/paths\/~1tokens~1\{id\}\/get\/responses\/200\/content\/application~1json\/schema: Can't resolve \$ref/);
  });

  it("on a lint error, with the rule's message and location", async () => {
    await edit("axiom/overlay.yaml", (text) => text.replace("url: https://api.axiom.co/v2", "url: https://api.axiom.co/v2/"));
    await expectFailure(/axiom\/v2-tokens\.yaml #\/servers\/0\/url: Server `url` should not have a trailing slash\. \(no-server-trailing-slash\)/);
  });

  it("on two documents defining one component differently, naming both files and the component", async () => {
    await edit("galileo/v2-token.yaml", (text) => text.replace("title: Error Type", "title: Error Type\n          maxLength: 10"));
    await expectFailure(
      /galileo\/v2-(token|users-api-keys)\.yaml #\/components\/schemas\/ValidationError: conflicts with .*galileo\/v(1-login-api-key|2-token|2-users-api-keys)\.yaml/,
    );
  });

  it("on a selection that matches no operation, naming the config entry", async () => {
    await edit("apis.yaml", (text) => text.replace("GET /v2/token]", "GET /v2/tokens]"));
    await expectFailure(/apis\.yaml #\/apis\/galileo\/specs\/galileo-v2-token\/select\/operations\/0: matches no operation/);
  });
});
