// Cost of the build on the vendors' full specs, and what its output costs an app's type-check.
// The full specs are not committed; they are read from GALAXIOM_UPSTREAM_SPECS (default ../shared/specs-upstream).
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { readDir } from "../scripts/lib/atomic.js";
import { median, table } from "./table.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
const upstream = path.resolve(repo, process.env.GALAXIOM_UPSTREAM_SPECS ?? "../shared/specs-upstream");
const GALILEO = "galileo-server-2026-04-27.yaml";
const AXIOM = "axiom-v2-2026-07-30.json";
const RUNS = 3;
const APP_RUNS = 5;

const selections = {
  default: {
    galileo: `      galileo-v1: { file: galileo/full.yaml, select: { operations: [POST /v1/login/api_key] } }
      galileo-v2-token: { file: galileo/full.yaml, select: { operations: [GET /v2/token] } }
      galileo-v2-api-keys: { file: galileo/full.yaml, select: { operations: [POST /v2/users/api_keys] } }`,
    axiom: `      axiom-v2: { file: axiom/full.json, select: { operations: ["GET /tokens/{id}"] } }`,
  },
  everything: {
    galileo: "      galileo-server: { file: galileo/full.yaml, select: all }",
    axiom: "      axiom-v2: { file: axiom/full.json, select: all }",
  },
};

/** A specs/ folder holding the full vendor specs, with the repo's overlays and lint policy, for the given APIs. */
async function specsFolder(work: string, apis: Array<"galileo" | "axiom">, selection: keyof typeof selections): Promise<string> {
  const specs = path.join(work, `specs-${apis.join("-")}-${selection}`);
  await mkdir(path.join(specs, "galileo"), { recursive: true });
  await mkdir(path.join(specs, "axiom"), { recursive: true });
  await cp(path.join(repo, "specs/redocly.yaml"), path.join(specs, "redocly.yaml"));
  await cp(path.join(repo, "specs/galileo/overlay.yaml"), path.join(specs, "galileo/overlay.yaml"));
  await cp(path.join(repo, "specs/axiom/overlay.yaml"), path.join(specs, "axiom/overlay.yaml"));
  await symlink(path.join(upstream, GALILEO), path.join(specs, "galileo/full.yaml"));
  await symlink(path.join(upstream, AXIOM), path.join(specs, "axiom/full.json"));
  const body = apis.map((api) => `  ${api}:\n    overlay: ${api}/overlay.yaml\n    specs:\n${selections[selection][api]}`).join("\n");
  await writeFile(path.join(specs, "apis.yaml"), `apis:\n${body}\n`);
  return specs;
}

/** Wall time of `npm run generate` as a user runs it: one process of the compiled CLI (`npm run build:tools`). */
async function timeGenerate(specs: string, out: string): Promise<number> {
  const cli = path.join(repo, "scripts/dist/cli.js");
  const start = performance.now();
  await exec("node", [cli, "generate", "--specs", specs, "--out", out], { cwd: repo, maxBuffer: 1 << 26 });
  return performance.now() - start;
}

const APP = `import { createAxiomClient, createGalileoClient } from "galaxiom";
const galileo = createGalileoClient({ apiKey: "gk" });
const axiom = createAxiomClient({ token: "xaat" });
export async function main() {
  const token = await galileo.auth.getToken({ organization_slug: "acme" });
  const { data } = await galileo.GET("/v2/token", { params: { query: { organization_id: "id" } } });
  const created = await galileo.apiKeys.create({ description: "ci", project_role: "viewer" });
  const login = await galileo.POST("/v1/login/api_key", { body: { api_key: "gk" } });
  const apiToken = await axiom.tokens.get("abc");
  return [token.expires_at, data?.access_token, created.api_key, login.data?.access_token, apiToken.name];
}
`;

/**
 * An app as users have it: galaxiom installed as its declarations (dist/src, built once by `npm run build`) over
 * the given generated/ folder, compiled to declarations too. tsc then checks the app against them as it would.
 */
async function appFolder(work: string, name: string, generated: string): Promise<string> {
  const app = path.join(work, `app-${name}`);
  const installed = path.join(app, "node_modules/galaxiom");
  await cp(path.join(repo, "dist/src"), path.join(installed, "dist/src"), { recursive: true, filter: (file) => !file.endsWith(".map") });
  const tsc = path.join(repo, "node_modules/typescript/bin/tsc");
  const sources = ["galileo", "axiom"].flatMap((api) => [".ts", ".security.ts", ".media-types.ts"].map((suffix) => path.join(generated, `${api}${suffix}`)));
  const declarationOptions = ["--declaration", "--emitDeclarationOnly", "--skipLibCheck", "--target", "es2022", "--module", "nodenext"];
  await exec("node", [tsc, ...declarationOptions, "--outDir", path.join(installed, "dist/generated"), ...sources]);
  await writeFile(
    path.join(installed, "package.json"),
    JSON.stringify({ name: "galaxiom", type: "module", exports: { ".": { types: "./dist/src/index.d.ts" } } }),
  );
  for (const dependency of ["openapi-fetch", "openapi-typescript-helpers"]) {
    await symlink(path.join(repo, "node_modules", dependency), path.join(app, "node_modules", dependency));
  }
  await writeFile(path.join(app, "app.ts"), APP);
  await writeFile(
    path.join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        module: "nodenext",
        target: "es2022",
        lib: ["es2023", "dom", "dom.iterable"],
        types: [],
      },
      files: ["app.ts"],
    }),
  );
  return app;
}

interface Diagnostics {
  types: number;
  check: number;
  total: number;
  memory: number;
}

/** One `tsc --extendedDiagnostics` run: types created, check time, total time (s) and memory (kB). */
async function diagnostics(app: string): Promise<Diagnostics> {
  const tsc = path.join(repo, "node_modules/typescript/bin/tsc");
  const { stdout } = await exec("node", [tsc, "-p", app, "--extendedDiagnostics"], { cwd: app });
  const read = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1]);
  return { types: read("Types"), check: read("Check time"), total: read("Total time"), memory: read("Memory used") };
}

export async function run(): Promise<void> {
  if (!existsSync(path.join(upstream, GALILEO)) || !existsSync(path.join(upstream, AXIOM))) {
    console.log(`generate bench skipped: the full vendor specs are not in ${upstream} (set GALAXIOM_UPSTREAM_SPECS)`);
    return;
  }
  await exec("npm", ["run", "build:tools", "--silent"], { cwd: repo });
  const work = await mkdtemp(path.join(tmpdir(), "galaxiom-bench-generate-"));
  try {
    const rows: string[][] = [];
    const outputs = new Map<string, string>();
    for (const [api, label] of [
      ["galileo", "Galileo 1.961.4 (944 operations)"],
      ["axiom", "Axiom v2 (78 operations)"],
    ] as const) {
      for (const selection of ["default", "everything"] as const) {
        const specs = await specsFolder(work, [api], selection);
        const out = path.join(work, `out-${api}-${selection}`);
        const times = [];
        for (let i = 0; i < RUNS; i++) times.push(await timeGenerate(specs, out));
        outputs.set(`${api}-${selection}`, out);
        rows.push([label, selection, `${(median(times) / 1000).toFixed(2)} s`, `${(Math.min(...times) / 1000).toFixed(2)} s`]);
      }
    }
    console.log("\n`npm run generate` on the full specs (one process of the compiled CLI; median and best of 3)\n");
    console.log(table(["spec", "selection", "median", "best"], rows));

    const variants: Array<[string, string]> = [
      ["excerpt types (generated/ as committed)", path.join(repo, "generated")],
      ["full Galileo and Axiom specs, default selection", await mergedGenerated(work, "default")],
      ["full Galileo spec, everything", await swap(work, "galileo", outputs.get("galileo-everything")!)],
      ["full Axiom spec, everything", await swap(work, "axiom", outputs.get("axiom-everything")!)],
    ];
    await exec("npm", ["run", "build", "--silent"], { cwd: repo });
    const apps = await Promise.all(variants.map(([, generated], index) => appFolder(work, String(index), generated)));
    // Round-robin, so that a busier moment of the machine weighs on every variant alike.
    const runs: Diagnostics[][] = apps.map(() => []);
    for (let round = 0; round < APP_RUNS; round++) for (const [index, app] of apps.entries()) runs[index]!.push(await diagnostics(app));
    const checks = runs.map((list) => median(list.map((run) => run.check)));
    const appRows = variants.map(([label], index) => [
      label,
      String(runs[index]![0]!.types),
      `${checks[index]!.toFixed(2)} s`,
      index === 0 ? "—" : `${((checks[index]! / checks[0]! - 1) * 100).toFixed(1)}%`,
      `${median(runs[index]!.map((run) => run.total)).toFixed(2)} s`,
      `${Math.round(median(runs[index]!.map((run) => run.memory)) / 1024)} MB`,
    ]);
    const identical = (await readDir(path.join(repo, "generated"))).get("galileo.ts") === (await readDir(variants[1]![1])).get("galileo.ts");
    console.log(`\nType-checking a small app that uses both clients (tsc --extendedDiagnostics, median of ${APP_RUNS}, round-robin)\n`);
    console.log(table(["generated types", "types", "check time", "vs excerpt", "total time", "memory"], appRows));
    console.log(`\nThe default selection's galileo.ts is ${identical ? "byte-identical to" : "DIFFERENT from"} the excerpts'.`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** generated/ with one API's files replaced by another build's, so an app sees one full API and one excerpt. */
async function swap(work: string, api: "galileo" | "axiom", from: string): Promise<string> {
  const target = path.join(work, `generated-${api}-everything`);
  await cp(path.join(repo, "generated"), target, { recursive: true });
  for (const suffix of [".ts", ".security.ts", ".media-types.ts", ".openapi.yaml"])
    await cp(path.join(from, `${api}${suffix}`), path.join(target, `${api}${suffix}`));
  return target;
}

/** generated/ built from both full specs with the default selection (should equal the excerpts' output). */
async function mergedGenerated(work: string, selection: "default"): Promise<string> {
  const specs = await specsFolder(work, ["galileo", "axiom"], selection);
  const out = path.join(work, "generated-full-default");
  await timeGenerate(specs, out);
  return out;
}
