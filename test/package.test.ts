import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
let app: string;
let tarball: string;

// The packed tarball, installed into an app the way npm would, but offline: its one runtime dependency is
// linked from this checkout instead of downloaded.
beforeAll(async () => {
  app = await mkdtemp(path.join(tmpdir(), "galaxiom-app-"));
  const { stdout } = await exec("npm", ["pack", "--silent", "--pack-destination", app], { cwd: repo });
  tarball = path.join(app, stdout.trim().split("\n").pop()!);
  const installed = path.join(app, "node_modules", "galaxiom");
  await mkdir(installed, { recursive: true });
  await exec("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  for (const dependency of ["openapi-fetch", "openapi-typescript-helpers", "@redocly"]) {
    await symlink(path.join(repo, "node_modules", dependency), path.join(app, "node_modules", dependency), "dir");
  }
  await writeFile(path.join(app, "package.json"), JSON.stringify({ name: "app", type: "module", private: true }));
}, 120_000);
afterAll(() => rm(app, { recursive: true, force: true }));

describe("the packed package", () => {
  it("is importable as `galaxiom` and works at run time", async () => {
    await writeFile(
      path.join(app, "app.mjs"),
      `import { createGalileoClient, createAxiomClient, ApiError } from "galaxiom";
const fetch = async (request) => Response.json({ url: request.url, key: request.headers.get("galileo-api-key"), bearer: request.headers.get("authorization") });
const galileo = createGalileoClient({ apiKey: "gk-packed", fetch });
const axiom = createAxiomClient({ token: "xaat-packed", fetch });
console.log(JSON.stringify([await galileo.auth.getToken(), await axiom.tokens.get("abc"), typeof ApiError]));
`,
    );
    const { stdout } = await exec("node", ["app.mjs"], { cwd: app });
    expect(JSON.parse(stdout)).toEqual([
      { url: "https://api.galileo.ai/v2/token", key: "gk-packed", bearer: null },
      { url: "https://api.axiom.co/v2/tokens/abc", key: null, bearer: "Bearer xaat-packed" },
      "function",
    ]);
  });

  it("ships declarations that type-check an app, rejecting a wrong call", async () => {
    await writeFile(
      path.join(app, "app.ts"),
      `import { createGalileoClient, type GalileoSchemas } from "galaxiom";
const galileo = createGalileoClient({ apiKey: "gk-packed" });
export const created: Promise<GalileoSchemas["CreateApiKeyResponse"]> = galileo.apiKeys.create({ description: "ci" });
// @ts-expect-error: "admin" is not a role the spec allows
galileo.apiKeys.create({ description: "ci", project_role: "admin" });
`,
    );
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: false, module: "nodenext", target: "es2022", lib: ["es2023", "dom"], types: [] };
    await writeFile(path.join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["app.ts"] }));
    const tsc = path.join(repo, "node_modules", "typescript", "bin", "tsc");
    await expect(exec("node", [tsc, "-p", app], { cwd: app })).resolves.toBeDefined();
  }, 60_000);

  it("ships the galaxiom bin, whose diff runs from the installed package", async () => {
    const installed = path.join(app, "node_modules", "galaxiom");
    const { bin } = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as { bin: Record<string, string> };
    const fixtures = path.join(repo, "test/fixtures/diff/files");
    const result = await exec("node", [path.join(installed, bin.galaxiom!), "diff", path.join(fixtures, "tokens-v1.yaml"), path.join(fixtures, "tokens-v2.yaml"), "--format", "json"], { cwd: app });
    const report = JSON.parse(result.stdout) as { changes: Array<{ id: string }> };
    expect(report.changes.map((change) => change.id)).toContain("path-param-renamed");
  });

  it("ships compiled code and declarations only: no sources, specs, tests or source maps", async () => {
    const files = (await exec("tar", ["-tzf", tarball])).stdout.trim().split("\n");
    expect(files).toContain("package/dist/src/index.js");
    expect(files).toContain("package/dist/src/index.d.ts");
    expect(files.filter((file) => !/^package\/(dist\/.*\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
  });
});
