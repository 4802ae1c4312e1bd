import { execFile } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureGenerated, fixtureSpecs } from "./helpers/workspace.js";

// Both packages as users get them: packed, then installed into scratch folders the way npm would, but offline —
// their dependencies are linked from this checkout's node_modules instead of downloaded. Node resolves a linked
// package's own dependencies from where it really is, so linking the direct ones is enough to run.
const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
const fixtures = path.join(repo, "test/fixtures/diff/files");
let scratch: string;

interface Manifest {
  name: string;
  version: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface Installed {
  tarball: string;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
  /** The folder that holds node_modules/. */
  folder: string;
  /** The package's folder in node_modules/. */
  root: string;
  manifest: Manifest;
}

type Packed = Pick<Installed, "tarball" | "files" | "manifest">;
const packed = new Map<string, Promise<Packed>>();

/** `npm pack` the package in `source` (running its prepack build), once for the whole file. */
function pack(source: string): Promise<Packed> {
  if (!packed.has(source)) packed.set(source, packOnce(source));
  return packed.get(source)!;
}

async function packOnce(source: string): Promise<Packed> {
  const { stdout } = await exec("npm", ["pack", "--silent", "--pack-destination", scratch], { cwd: source, maxBuffer: 1 << 24 });
  const tarball = path.join(scratch, stdout.trim().split("\n").pop()!);
  const files = (await exec("tar", ["-tzf", tarball])).stdout
    .trim()
    .split("\n")
    .map((file) => file.replace(/^package\//, ""));
  const manifest = JSON.parse((await exec("tar", ["-xOzf", tarball, "package/package.json"])).stdout) as Manifest;
  return { tarball, files, manifest };
}

/** Pack the package in `source`, then install the tarball into `folder` (an app may install several). */
async function packAndInstall(source: string, folder: string): Promise<Installed> {
  await mkdir(folder, { recursive: true });
  const { tarball, files, manifest } = await pack(source);
  const root = path.join(folder, "node_modules", manifest.name);
  await mkdir(root, { recursive: true });
  await exec("tar", ["-xzf", tarball, "-C", root, "--strip-components=1"]);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) await link(folder, dependency);
  // What npm's bin-links does: a link in node_modules/.bin, and the target made executable.
  for (const [name, target] of Object.entries(manifest.bin ?? {})) {
    await mkdir(path.join(folder, "node_modules/.bin"), { recursive: true });
    await symlink(path.join("..", manifest.name, target), path.join(folder, "node_modules/.bin", name));
    await chmod(path.join(root, target), 0o755);
  }
  await writeFile(path.join(folder, "package.json"), JSON.stringify({ name: "scratch", type: "module", private: true }));
  return { tarball, files, folder, root, manifest };
}

async function link(folder: string, dependency: string): Promise<void> {
  const target = path.join(folder, "node_modules", dependency);
  await mkdir(path.dirname(target), { recursive: true });
  await symlink(path.join(repo, "node_modules", dependency), target, "dir");
}

/** The package names a manifest's dependencies reach, transitively, as installed in this checkout. */
async function dependencyClosure(manifest: Manifest): Promise<string[]> {
  const seen = new Set<string>();
  const pending = Object.keys(manifest.dependencies ?? {});
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const own = JSON.parse(await readFile(path.join(repo, "node_modules", name, "package.json"), "utf8")) as Manifest;
    pending.push(...Object.keys(own.dependencies ?? {}));
  }
  return [...seen].sort();
}

/** The lifecycle scripts npm runs when a package is installed, and warns about (`allowScripts`): none in a published manifest. */
function installScripts(manifest: Manifest): string[] {
  const scripts = (manifest.scripts ?? {}) as Record<string, string>;
  return ["preinstall", "install", "postinstall", "prepare"].filter((name) => name in scripts);
}

async function contents(root: string, files: string[]): Promise<Array<{ file: string; text: string }>> {
  return Promise.all(files.filter((file) => file.endsWith(".js")).map(async (file) => ({ file, text: await readFile(path.join(root, file), "utf8") })));
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "galaxiom-packages-"));
}, 10_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("the client package, galaxiom", () => {
  let client: Installed;
  beforeAll(async () => {
    client = await packAndInstall(repo, path.join(scratch, "app"));
    // npm would install openapi-fetch's own dependency beside it: so does this app.
    const linked = new Set(Object.keys(client.manifest.dependencies ?? {}));
    for (const dependency of await dependencyClosure(client.manifest)) if (!linked.has(dependency)) await link(client.folder, dependency);
  }, 180_000);

  it("ships the runtime only: compiled src and generated, their declarations, README and LICENSE", () => {
    expect(client.files).toContain("dist/src/index.js");
    expect(client.files).toContain("dist/src/index.d.ts");
    expect(client.files).toContain("dist/generated/galileo.security.js");
    expect(client.files.filter((file) => !/^(dist\/(src|generated)\/.*\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
  });

  it("points at no source map it doesn't ship", async () => {
    const pointing = (await contents(client.root, client.files)).filter(({ text }) => text.includes("sourceMappingURL"));
    expect(pointing.map(({ file }) => file)).toEqual([]);
  });

  it("depends on openapi-fetch alone, so an app installs openapi-fetch, its helpers and galaxiom", async () => {
    // A range, so that an app with a later 0.17.x of openapi-fetch shares it rather than installing a second copy.
    expect(client.manifest.dependencies).toEqual({ "openapi-fetch": expect.stringMatching(/^~0\.17\.\d+$/) });
    expect(await dependencyClosure(client.manifest)).toEqual(["openapi-fetch", "openapi-typescript-helpers"]);
    expect(client.manifest.bin).toBeUndefined();
    expect(installScripts(client.manifest)).toEqual([]);
    for (const field of ["repository", "homepage", "bugs", "keywords"]) expect(client.manifest).toHaveProperty(field);
  });

  it("has a README whose links work from the npm page: absolute URLs or anchors in it", async () => {
    const readme = await readFile(path.join(client.root, "README.md"), "utf8");
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !/^(https?:\/\/|#)/.test(target))).toEqual([]);
  });

  it("is importable as `galaxiom` and works at run time", async () => {
    await writeFile(
      path.join(client.folder, "app.mjs"),
      `import { createGalileoClient, createAxiomClient, ApiError } from "galaxiom";
const fetch = async (request) => Response.json({ url: request.url, key: request.headers.get("galileo-api-key"), bearer: request.headers.get("authorization") });
const galileo = createGalileoClient({ apiKey: "gk-packed", fetch });
const axiom = createAxiomClient({ token: "xaat-packed", fetch });
console.log(JSON.stringify([await galileo.auth.getToken(), await axiom.tokens.get("abc"), typeof ApiError]));
`,
    );
    const { stdout } = await exec("node", ["app.mjs"], { cwd: client.folder });
    expect(JSON.parse(stdout)).toEqual([
      { url: "https://api.galileo.ai/v2/token", key: "gk-packed", bearer: null },
      { url: "https://api.axiom.co/v2/tokens/abc", key: null, bearer: "Bearer xaat-packed" },
      "function",
    ]);
  });

  it("exports galaxiom/testing, a fake that answers a client, without msw or nock installed; and its msw and nock entries", async () => {
    expect(Object.keys(client.manifest.exports as object)).toEqual([".", "./testing", "./testing/msw", "./testing/nock", "./validation"]);
    expect(client.manifest.peerDependenciesMeta).toEqual({ msw: { optional: true }, nock: { optional: true } });
    for (const entry of ["index", "msw", "nock"]) expect(client.files).toContain(`dist/src/testing/${entry}.d.ts`);
    await writeFile(
      path.join(client.folder, "fake.mjs"),
      `import { createAxiomClient } from "galaxiom";
import { createFakeAxiom } from "galaxiom/testing";
const fake = createFakeAxiom().on("GET /v2/datasets", () => ({ status: 200, body: [] }));
const axiom = createAxiomClient({ token: "xaat-packed", fetch: fake.fetch });
console.log(JSON.stringify([(await axiom.GET("/v2/datasets")).data, fake.calls.length]));
`,
    );
    const { stdout } = await exec("node", ["fake.mjs"], { cwd: client.folder });
    expect(JSON.parse(stdout)).toEqual([[], 1]);
  });

  it("exports galaxiom/validation: a drifted response rejects a call made with validate: throw", async () => {
    expect(client.files).toContain("dist/src/validation/index.d.ts");
    await writeFile(
      path.join(client.folder, "drift.mjs"),
      `import { createAxiomClient } from "galaxiom";
import { axiomValidation } from "galaxiom/validation";
const drifted = async () => Response.json([{ id: 7 }]);
const axiom = createAxiomClient({ token: "xaat-packed", fetch: drifted, validate: "throw", validation: axiomValidation });
console.log(await axiom.GET("/v2/datasets").catch((error) => error.name + ": " + error.message));
`,
    );
    const { stdout } = await exec("node", ["drift.mjs"], { cwd: client.folder });
    expect(stdout.trim()).toBe("ResponseValidationError: GET /v2/datasets → 200: /0/created: expected present, got missing (and 6 more)");
  });

  it("ships declarations that type-check an app, rejecting a wrong call", async () => {
    await writeFile(
      path.join(client.folder, "app.ts"),
      `import { createGalileoClient, type GalileoSchemas } from "galaxiom";
const galileo = createGalileoClient({ apiKey: "gk-packed" });
export const created: Promise<GalileoSchemas["CreateApiKeyResponse"]> = galileo.apiKeys.create({ description: "ci" });
// @ts-expect-error: "admin" is not a role the spec allows
galileo.apiKeys.create({ description: "ci", project_role: "admin" });
`,
    );
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: false, module: "nodenext", target: "es2022", lib: ["es2023", "dom"], types: [] };
    await writeFile(path.join(client.folder, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["app.ts"] }));
    const tsc = path.join(repo, "node_modules", "typescript", "bin", "tsc");
    await expect(exec("node", [tsc, "-p", client.folder], { cwd: client.folder })).resolves.toBeDefined();
  }, 60_000);
});

describe("the tools package, galaxiom-tools", () => {
  let tools: Installed;
  let bin: string;
  let server: Server;
  let origin: string;
  /** Runs the installed bin; resolves with its exit code and output, whatever the code. */
  const galaxiom = (args: string[], cwd: string, input?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(bin, args, { cwd, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
      child.stdin?.end(input ?? "");
    });

  beforeAll(async () => {
    tools = await packAndInstall(path.join(repo, "scripts"), path.join(scratch, "tools"));
    bin = path.join(tools.folder, "node_modules/.bin/galaxiom");
    // A loopback server for the URL forms of `diff` and `pull --from`: it serves the diff fixtures and the fixture specs/.
    server = createServer((request, response) => {
      const [folder, ...rest] = (request.url ?? "/").slice(1).split("/");
      const base = folder === "fixtures" ? fixtures : folder === "specs" ? fixtureSpecs : undefined;
      if (!base) return void response.writeHead(404).end();
      readFile(path.join(base, ...rest)).then(
        (body) => response.writeHead(200, { "content-type": "application/yaml" }).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("ships compiled JavaScript only, with a galaxiom bin, and no source maps; and galaxiom's own config, for init", async () => {
    expect(tools.manifest.name).toBe("galaxiom-tools");
    expect(tools.manifest.bin).toEqual({ galaxiom: expect.stringMatching(/^(\.\/)?dist\/cli\.js$/) });
    expect(installScripts(tools.manifest)).toEqual([]);
    expect(tools.files.filter((file) => !/^(dist\/.*\.js|dist\/template\/.*\.yaml|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
    for (const file of ["apis.yaml", "redocly.yaml", "axiom/overlay.yaml", "galileo/overlay.yaml"]) {
      expect(await readFile(path.join(tools.root, "dist/template", file), "utf8")).toBe(await readFile(path.join(repo, "specs", file), "utf8"));
    }
    const pointing = (await contents(tools.root, tools.files)).filter(({ text }) => text.includes("sourceMappingURL"));
    expect(pointing.map(({ file }) => file)).toEqual([]);
  });

  it("declares every package its code imports", async () => {
    const declared = new Set(Object.keys(tools.manifest.dependencies ?? {}));
    const undeclared = new Set<string>();
    for (const { file, text } of await contents(tools.root, tools.files)) {
      // Import and export statements (one a line, as tsc writes them) and dynamic imports; not the word "from" in a message.
      for (const [, statement, dynamic] of text.matchAll(/^(?:import|export)\b[^\n]*?\sfrom\s*"([^".][^"]*)"|(?:import|require)\(\s*"([^".][^"]*)"/gm)) {
        const specifier = statement ?? dynamic;
        const name = specifier!.startsWith("@") ? specifier!.split("/").slice(0, 2).join("/") : specifier!.split("/")[0]!;
        if (!name.startsWith("node:") && !declared.has(name)) undeclared.add(`${file}: ${specifier}`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });

  it("answers --version and --help", async () => {
    expect(await galaxiom(["--version"], scratch)).toMatchObject({ code: 0, stdout: `${tools.manifest.version}\n` });
    const help = await galaxiom(["--help"], scratch);
    expect(help.code).toBe(0);
    for (const command of ["diff", "pull", "generate"]) expect(help.stdout).toContain(command);
    expect(await galaxiom(["diff", "--help"], scratch)).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: galaxiom diff") });
  });

  it("diffs two specs given as files, standard input or http URLs, from any folder", async () => {
    const ids = (stdout: string) => (JSON.parse(stdout) as { changes: Array<{ id: string }> }).changes.map((change) => change.id);
    const [v1, v2] = [path.join(fixtures, "tokens-v1.yaml"), path.join(fixtures, "tokens-v2.yaml")];
    const fromFiles = await galaxiom(["diff", v1, v2, "--format", "json"], scratch);
    expect(fromFiles.code).toBe(0);
    expect(ids(fromFiles.stdout)).toContain("path-param-renamed");
    const fromStdin = await galaxiom(["diff", "-", v2, "--format", "json"], scratch, await readFile(v1, "utf8"));
    expect(ids(fromStdin.stdout)).toEqual(ids(fromFiles.stdout));
    const fromUrls = await galaxiom(["diff", `${origin}/fixtures/tokens-v1.yaml`, `${origin}/fixtures/tokens-v2.yaml`, "--format", "json"], scratch);
    expect(ids(fromUrls.stdout)).toEqual(ids(fromFiles.stdout));
    const missing = await galaxiom(["diff", `${origin}/fixtures/none.yaml`, v2], scratch);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${origin}/fixtures/none.yaml`);
  });

  it("refuses generate and pull outside a folder laid out like the repository, saying what they need", async () => {
    const empty = await mkdtemp(path.join(scratch, "empty-"));
    for (const command of ["generate", "pull"]) {
      const result = await galaxiom([command], empty);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^galaxiom ${command}: .*no apis\\.yaml in .*specs: in an app, run \`galaxiom init\` first`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("generates and pulls in a folder laid out like the repository", async () => {
    const project = path.join(scratch, "project");
    await cp(fixtureSpecs, path.join(project, "specs"), { recursive: true });
    const generated = await galaxiom(["generate"], project);
    expect(generated).toMatchObject({ code: 0, stdout: expect.stringContaining("wrote generated/") });
    // What the packed CLI writes is what the CLI's source writes, run in-process.
    const expected = await fixtureGenerated();
    const names = [...expected.keys()].sort();
    expect((await readdir(path.join(project, "generated"))).sort()).toEqual(names);
    for (const name of names) {
      expect(await readFile(path.join(project, "generated", name), "utf8")).toBe(expected.get(name));
    }
    expect(await galaxiom(["generate", "--check"], project)).toMatchObject({ code: 0 });

    const pulled = await galaxiom(["pull", "axiom-v2", "--from", `${origin}/specs/axiom/v2-tokens.yaml`], project);
    expect(pulled).toMatchObject({ code: 0, stdout: expect.stringContaining("unchanged") });
  }, 60_000);
});

// The README's set-up: `npm i galaxiom` and `npm i -D galaxiom-tools` in one app. `npx galaxiom` then runs the tools'
// bin from node_modules/.bin (npx looks there before it resolves a package), never the client, which has none.
describe("an app with both packages, regenerating its own types", () => {
  let app: string;
  /** `npx --offline galaxiom …` in the app; resolves with its exit code and output, whatever the code. */
  const npx = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("npx", ["--offline", "galaxiom", ...args], { cwd: app, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });

  beforeAll(async () => {
    app = path.join(scratch, "own-types");
    const client = await packAndInstall(repo, app);
    await packAndInstall(path.join(repo, "scripts"), app);
    for (const dependency of await dependencyClosure(client.manifest))
      if (!Object.hasOwn(client.manifest.dependencies ?? {}, dependency)) await link(app, dependency);
  }, 180_000);

  it("runs `npx galaxiom`", async () => {
    const help = await npx(["--help"]);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: galaxiom <command>") });
    for (const command of ["init", "pull", "diff", "generate"]) expect(help.stdout).toContain(`  ${command} `);
    expect(await npx(["init", "--help"])).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: galaxiom init") });
  });

  it("inits, pulls, generates, and compiles and runs an app that passes its types and table to the client", async () => {
    const init = await npx(["init", "--vendor", "axiom"]);
    expect(init).toMatchObject({ code: 0, stdout: expect.stringContaining("wrote galaxiom/apis.yaml") });
    // The app keeps one Axiom v2 operation: the last `select: all` is axiom-v2's.
    const config = path.join(app, "galaxiom/apis.yaml");
    const text = await readFile(config, "utf8");
    const at = text.lastIndexOf("select: all");
    await writeFile(config, `${text.slice(0, at)}select:\n          operations: ["GET /datasets"]${text.slice(at + "select: all".length)}`);
    // The vendor's documents as galaxiom vendors them stand in for its URLs (the tools' tests pull from loopback URLs).
    for (const name of ["v1", "v2"]) {
      const pulled = await npx(["pull", `axiom-${name}`, "--from", path.join(repo, `specs/axiom/${name}.json`)]);
      expect(pulled).toMatchObject({ code: 0, stdout: expect.stringContaining(`replaced galaxiom/axiom/${name}.json`) });
    }
    const generated = await npx(["generate"]);
    expect(generated).toMatchObject({ code: 0, stdout: expect.stringContaining("src/galaxiom-generated/axiom.ts") });
    // What the app's selection changes from the package's description, as `diff` shows it: the other v2 operations go.
    const diff = await npx(["diff", path.join(repo, "generated/axiom.openapi.yaml"), "src/galaxiom-generated/axiom.openapi.yaml", "--format", "json"]);
    const { changes } = JSON.parse(diff.stdout) as { changes: Array<{ id: string; method?: string; path?: string }> };
    const removed = changes.filter((change) => change.id === "operation-removed").map((change) => `${change.method?.toUpperCase()} ${change.path}`);
    expect(removed).toContain("GET /v2/tokens/{id}");
    expect(removed.filter((operation) => operation === "GET /v2/datasets" || operation.includes(" /v1/"))).toEqual([]);

    await writeFile(
      path.join(app, "app.ts"),
      `import { createAxiomClient } from "galaxiom";
import type { paths } from "./src/galaxiom-generated/axiom.js";
import { operationSecurity } from "./src/galaxiom-generated/axiom.security.js";

const sent: string[] = [];
const fetch = async (request: Request) => {
  sent.push(\`\${request.method} \${new URL(request.url).pathname} \${request.headers.get("authorization")}\`);
  return Response.json([]);
};
const axiom = createAxiomClient<paths>({ token: "xaat-app", security: operationSecurity, fetch });
const { data } = await axiom.GET("/v2/datasets");
const names: string[] | undefined = data?.map((dataset) => dataset.name);
// @ts-expect-error: not in the app's selection
const refused = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "abc" } } }).catch((error: Error) => error.message);
console.log(JSON.stringify({ sent, names, refused }));
`,
    );
    const compilerOptions = { strict: true, skipLibCheck: false, module: "nodenext", target: "es2022", lib: ["es2023", "dom"], types: [], outDir: "build" };
    await writeFile(path.join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["app.ts"] }));
    await exec("node", [path.join(repo, "node_modules/typescript/bin/tsc"), "-p", app], { cwd: app });
    const { stdout } = await exec("node", ["build/app.js"], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({
      sent: ["GET /v2/datasets Bearer xaat-app"],
      names: [],
      refused: expect.stringMatching(/^GET \/v2\/tokens\/\{id\}: not in the client's security table/),
    });
  }, 120_000);
});
