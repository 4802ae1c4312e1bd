// Speed of `galaxiom diff` on the GitHub REST API description (@octokit/openapi 22.0.0 → 23.0.2, ~12 MB each),
// side by side with api-smart-diff 1.0.6 on the same pair, and on halves and quarters of it to show how time grows.
// Each tool runs in a child process; wall time is measured around it, peak memory is the child's own maxRSS.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { median, table } from "./table.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
const cache = path.join(repo, "bench/.cache");
const VERSIONS = ["22.0.0", "23.0.2"] as const;
const RUNS = 3;
const TARGET = { seconds: 2, megabytes: 500, speedup: 8 };

type Json = Record<string, unknown>;
interface Measure {
  seconds: number;
  megabytes: number;
}

export async function run(): Promise<void> {
  const [older, newer] = await Promise.all(VERSIONS.map(download));
  if (!older || !newer) throw new Error("download failed");
  const cli = await build();
  // The two tools take turns, so that a slow moment of a shared machine falls on both.
  const runs: Array<[Measure, Measure]> = [];
  for (let i = 0; i < RUNS; i++) runs.push([await galaxiomDiff(cli, older, newer), await apiSmartDiff(older, newer)]);
  const [galaxiom, peer] = [summary(runs.map(([ours]) => ours)), summary(runs.map(([, theirs]) => theirs))];
  const counts = await Promise.all([older, newer].map(async (file) => `${operationCount(JSON.parse(await readFile(file, "utf8")))}`));
  const sizes = await Promise.all([older, newer].map(megabytesOf));
  console.log(
    `\ngalaxiom diff vs api-smart-diff 1.0.6, @octokit/openapi ${VERSIONS.join(" → ")} (${counts.join(" → ")} operations, ${sizes.join(" → ")} MB)\n`,
  );
  console.log(
    table(
      ["tool", "wall time", "peak RSS", "runs"],
      [
        [
          "galaxiom diff --format json",
          `${galaxiom.seconds.toFixed(2)} s`,
          `${galaxiom.megabytes} MB`,
          `median of ${RUNS}: ${seconds(runs.map(([ours]) => ours))}`,
        ],
        [
          "api-smart-diff 1.0.6 (apiCompare)",
          `${peer.seconds.toFixed(2)} s`,
          `${peer.megabytes} MB`,
          `median of ${RUNS}: ${seconds(runs.map(([, theirs]) => theirs))}`,
        ],
      ],
    ),
  );
  const speedup = peer.seconds / galaxiom.seconds;
  const targets = [
    `< ${TARGET.seconds} s ${verdict(galaxiom.seconds < TARGET.seconds)}`,
    `< ${TARGET.megabytes} MB ${verdict(galaxiom.megabytes < TARGET.megabytes)}`,
    `≥ ${TARGET.speedup}× ${verdict(speedup >= TARGET.speedup)}`,
  ];
  const ratios = runs.map(([ours, theirs]) => (theirs.seconds / ours.seconds).toFixed(1));
  console.log(`\n${speedup.toFixed(1)}× faster (run by run: ${ratios.join(", ")}). Targets: ${targets.join(", ")}`);
  console.log("\nGrowth with spec size (the same pair cut to the first quarter, half and all of its paths, with the components they reach):\n");
  const rows: string[][] = [];
  for (const fraction of [0.25, 0.5, 1]) {
    // Cut even at 100 %, so that every row holds only the components its paths reach and sizes compare.
    const [a, b] = await Promise.all([older, newer].map((file) => cut(file, fraction)));
    if (!a || !b) continue;
    const result = await measure(RUNS, () => galaxiomDiff(cli, a, b));
    const ops = operationCount(JSON.parse(await readFile(b, "utf8")));
    const megabytes = Number(await megabytesOf(a)) + Number(await megabytesOf(b));
    const perMegabyte = Math.round((result.seconds * 1000) / megabytes);
    rows.push([`${fraction * 100} %`, `${ops}`, `${megabytes.toFixed(1)} MB`, `${result.seconds.toFixed(2)} s`, `${perMegabyte} ms`, `${result.megabytes} MB`]);
  }
  // Node's start-up and module loading are a fixed cost; the rest grows with the input, so ms per MB stays flat or falls.
  console.log(table(["paths kept", "operations (new)", "input (old + new)", "wall time", "per MB of input", "peak RSS"], rows));
}

/** The GitHub description of one @octokit/openapi version, fetched once with `npm pack` and kept under bench/.cache. */
async function download(version: string): Promise<string> {
  const folder = path.join(cache, `octokit-openapi-${version}`);
  const file = path.join(folder, "package/generated/api.github.com.json");
  if (existsSync(file)) return file;
  await mkdir(folder, { recursive: true });
  await exec("npm", ["pack", `@octokit/openapi@${version}`, "--pack-destination", folder], { cwd: repo });
  await exec("tar", ["-xzf", path.join(folder, `octokit-openapi-${version}.tgz`), "-C", folder, "package/generated/api.github.com.json"]);
  return file;
}

/** The compiled CLI (scripts/dist, as npm scripts and the galaxiom-tools bin run it), so the timing is galaxiom's and not a TypeScript loader's. */
async function build(): Promise<string> {
  await exec("npm", ["run", "build:tools", "--silent"], { cwd: repo });
  return path.join(repo, "scripts/dist/cli.js");
}

/** Run `node -e script args…` in a child and read back the maxRSS it reports on exit. */
async function child(script: string, args: string[]): Promise<Measure> {
  const report = `process.on("exit", () => process.stderr.write("\\nmaxrss=" + process.resourceUsage().maxRSS));`;
  const start = performance.now();
  const { stderr } = await exec(process.execPath, ["--input-type=module", "-e", report + script, "--", ...args], { cwd: repo, maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const kilobytes = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  return { seconds, megabytes: Math.round(kilobytes / 1024) };
}

function galaxiomDiff(cli: string, a: string, b: string): Promise<Measure> {
  // cli.js reads process.argv.slice(2), as when run as the `galaxiom` bin.
  return child(`process.argv.splice(1, 0, "galaxiom"); await import(${JSON.stringify(pathToFileURL(cli).href)});`, ["diff", a, b, "--format", "json"]);
}

function apiSmartDiff(a: string, b: string): Promise<Measure> {
  const script = `import { readFileSync } from "node:fs"; import { apiCompare } from "api-smart-diff";
    const [a, b] = process.argv.slice(1).map((file) => JSON.parse(readFileSync(file, "utf8")));
    console.log(apiCompare(a, b).diffs.length);`;
  return child(script, [a, b]);
}

async function measure(runs: number, once: () => Promise<Measure>): Promise<Measure> {
  const results: Measure[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  return summary(results);
}

function summary(results: Measure[]): Measure {
  return { seconds: median(results.map((r) => r.seconds)), megabytes: median(results.map((r) => r.megabytes)) };
}

function seconds(results: Measure[]): string {
  return results.map((r) => r.seconds.toFixed(2)).join(", ");
}

/** A copy of the document with the first `fraction` of its paths and only the components they reach. */
async function cut(file: string, fraction: number): Promise<string> {
  const out = path.join(cache, "cuts", `${path.basename(path.dirname(path.dirname(path.dirname(file))))}-${fraction}.json`);
  if (existsSync(out)) return out;
  const doc = JSON.parse(await readFile(file, "utf8")) as Json;
  const paths = Object.entries((doc.paths ?? {}) as Json);
  const kept = Object.fromEntries(paths.slice(0, Math.ceil(paths.length * fraction)));
  await mkdir(path.dirname(out), { recursive: true });
  const rest: Json = { ...doc, paths: kept };
  delete rest.components;
  await writeFile(out, JSON.stringify({ ...rest, components: reachable(doc, rest) }));
  return out;
}

/** The components `from` (the document without its components) reaches through `$ref`s, transitively. */
function reachable(doc: Json, from: unknown): Json {
  const components = (doc.components ?? {}) as Record<string, Json>;
  const kept: Record<string, Json> = Object.fromEntries(Object.keys(components).map((section) => [section, {}]));
  const pending = [from];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    const ref = (value as Json).$ref;
    const [, section, name] = typeof ref === "string" ? (/^#\/components\/([^/]+)\/([^/]+)$/.exec(ref) ?? []) : [];
    const target = section && name ? components[section]?.[name] : undefined;
    if (section && name && target !== undefined && kept[section] && !(name in kept[section])) {
      kept[section][name] = target;
      pending.push(target);
    }
    pending.push(...Object.values(value));
  }
  return { ...kept, securitySchemes: components.securitySchemes ?? {} };
}

function operationCount(doc: Json): number {
  const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
  return Object.values((doc.paths ?? {}) as Record<string, Json>).reduce((sum, item) => sum + Object.keys(item).filter((key) => methods.has(key)).length, 0);
}

async function megabytesOf(file: string): Promise<string> {
  return ((await stat(file)).size / 1e6).toFixed(1);
}

function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}
