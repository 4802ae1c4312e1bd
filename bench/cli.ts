// Start-up and run time of the `galaxiom` CLI as compiled JavaScript (what npm scripts and the galaxiom-tools bin
// run), beside the same sources through tsx (how npm scripts ran it before). Each command runs in a child process,
// wall time measured around it, the variants interleaved so a busier moment weighs on each alike.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { median, table } from "./table.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
const compiled = path.join(repo, "scripts/dist/cli.js");
const tsx = path.join(repo, "node_modules/tsx/dist/cli.mjs");
const fixtures = path.join(repo, "test/fixtures/diff/files");
const RUNS = 5;
/** Start-up (a --help) well under a second. */
const TARGET_STARTUP_SECONDS = 0.5;

/** Prints the package of each module the process resolves, on stderr: ES modules through a resolve hook (which runs
 * off the main thread), CommonJS ones (TypeScript and openapi-typescript are required) through Module's resolver. */
const LOG_PACKAGE = `(where) => {
  const match = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(where);
  if (match) process.stderr.write("galaxiom-bench-loaded " + match[1] + "\\n");
}`;
const TRACE_HOOKS = `data:text/javascript,${encodeURIComponent(
  `const log = ${LOG_PACKAGE};
  export async function resolve(specifier, context, next) {
    const resolved = await next(specifier, context);
    log(resolved.url);
    return resolved;
  }`,
)}`;
const TRACE = `data:text/javascript,${encodeURIComponent(
  `import Module, { register } from "node:module";
  const log = ${LOG_PACKAGE};
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (...args) { const file = resolveFilename.apply(this, args); log(file); return file; };
  register(${JSON.stringify(TRACE_HOOKS)});`,
)}`;

async function seconds(command: string, args: string[]): Promise<number> {
  const start = performance.now();
  await exec(command, args, { cwd: repo, maxBuffer: 1 << 26 });
  return (performance.now() - start) / 1000;
}

/** The packages a compiled CLI run loads (galaxiom's own modules aside). */
async function packagesLoaded(args: string[]): Promise<string[]> {
  const { stderr } = await exec(process.execPath, ["--import", TRACE, compiled, ...args], { cwd: repo, maxBuffer: 1 << 26 });
  return [...new Set([...stderr.matchAll(/^galaxiom-bench-loaded (.+)$/gm)].map((match) => match[1]!))].sort();
}

/** How many packages, naming the heavy ones (the rest are theirs). */
function describeLoaded(loaded: string[]): string {
  const heavy = ["@redocly/openapi-core", "openapi-typescript", "typescript"].filter((name) => loaded.includes(name));
  return loaded.length === 0 ? "none" : `${loaded.length}${heavy.length > 0 ? ` (${heavy.join(", ")})` : ""}`;
}

export async function run(): Promise<void> {
  await exec("npm", ["run", "build:tools", "--silent"], { cwd: repo });
  const out = await mkdtemp(path.join(tmpdir(), "galaxiom-bench-cli-"));
  try {
    const yaml = [path.join(fixtures, "tokens-v1.yaml"), path.join(fixtures, "tokens-v2.yaml")];
    const cases: Array<{ label: string; args: string[]; npm?: string[] }> = [
      { label: "`galaxiom diff --help`", args: ["diff", "--help"] },
      { label: "`galaxiom generate --help`", args: ["generate", "--help"] },
      { label: "`galaxiom diff` of two small YAML specs (test/fixtures/diff/files/tokens-v1 → v2)", args: ["diff", ...yaml] },
      { label: "`galaxiom generate` on the repository's specs/", args: ["generate", "--out", out], npm: ["run", "generate", "--silent", "--", "--out", out] },
    ];
    const rows: string[][] = [];
    for (const { label, args, npm } of cases) {
      const times = { compiled: [] as number[], tsx: [] as number[], npm: [] as number[] };
      for (let i = 0; i < RUNS; i++) {
        times.compiled.push(await seconds(process.execPath, [compiled, ...args]));
        times.tsx.push(await seconds(process.execPath, [tsx, path.join(repo, "scripts/cli.ts"), ...args]));
        if (npm) times.npm.push(await seconds("npm", npm));
      }
      const loaded = await packagesLoaded(args);
      const cell = (list: number[]) => (list.length === 0 ? "—" : `${median(list).toFixed(2)} s`);
      rows.push([label, cell(times.compiled), cell(times.npm), cell(times.tsx), describeLoaded(loaded)]);
    }
    console.log(`\nThe galaxiom CLI, wall time of one process (median of ${RUNS}, interleaved)\n`);
    console.log(table(["command", "compiled (`node scripts/dist/cli.js`)", "`npm run …`", "through tsx", "packages loaded"], rows));
    const startup = rows.slice(0, 2).map((row) => Number.parseFloat(row[1]!));
    const met = startup.every((value) => value < TARGET_STARTUP_SECONDS) && rows.slice(0, 2).every((row) => row[4] === "none");
    console.log(`\nTarget: --help under ${TARGET_STARTUP_SECONDS} s, loading no package: ${met ? "met" : "MISSED"}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
