import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
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
  for (const dependency of ["openapi-fetch", "openapi-typescript-helpers"]) {
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
    const tsc = path.join(repo, "node_modules", "typescript", "bin", "tsc");
    const args = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--lib", "es2022,dom", "--types", "", "app.ts"];
    await expect(exec("node", [tsc, ...args], { cwd: app })).resolves.toBeDefined();
  }, 60_000);

  it("ships compiled code and declarations only: no sources, specs, tests or source maps", async () => {
    const files = (await exec("tar", ["-tzf", tarball])).stdout.trim().split("\n");
    expect(files).toContain("package/dist/src/index.js");
    expect(files).toContain("package/dist/src/index.d.ts");
    expect(files.filter((file) => !/^package\/(dist\/.*\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
  });
});
