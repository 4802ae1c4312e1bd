// What galaxiom's types cost an app: `tsc` on a small app calling ten operations of both vendors, beside the same
// app written with bare openapi-fetch over openapi-typescript's output of the same vendor documents; and what they
// cost its editor: tsserver's completions for a path string. With GALAXIOM_BEFORE=<a checkout of fb0f7fe, built>,
// also the package before it typed every operation, on the four calls it had, beside this one on the same calls.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { cpuSeconds, PRINT_CPU_TIME } from "./cpu-time.js";
import { openapiTypescript, vendorDocuments } from "./openapi-typescript.js";
import { median, table } from "./table.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
const tsc = path.join(repo, "node_modules/typescript/bin/tsc");
const tsserver = path.join(repo, "node_modules/typescript/lib/tsserver.js");
const RUNS = 5;
/** The issue's targets: tsc's time and memory at most 1.25× the bare app's; a path completion under 300 ms. */
const TARGET_RATIO = 1.25;
const TARGET_COMPLETION_MS = 300;

/** Where the editor is asked for completions: inside the first path string of an Axiom call. */
const COMPLETION_AT = 'axiom.GET("';

/** The ten calls, written once, with galaxiom's paths: Axiom's v1 and v2 mounted at their version, in one client. */
const TEN_CALLS = `export async function main(projectId: string, logStreamId: string) {
  const datasets = await axiom.GET("/v2/datasets");
  const ingested = await axiom.POST("/v1/datasets/{dataset_name}/ingest", {
    params: { path: { dataset_name: "logs" } },
    headers: { "Content-Type": "application/x-ndjson" },
    body: '{"level":"info","message":"hello"}\\n',
  });
  const result = await axiom.POST("/v1/datasets/_apl", {
    params: { query: { format: "tabular" } },
    body: { apl: "['logs'] | where level == 'error' | count", startTime: "2026-01-01T00:00:00Z" },
  });
  const apiToken = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "tok-1" } } });
  const monitors = await axiom.GET("/v2/monitors");
  const token = await galileo.GET("/v2/token", { params: { query: { organization_slug: "acme" } } });
  const login = await galileo.POST("/v1/login/api_key", { body: { api_key: "gk-bench" } });
  const project = await galileo.POST("/v2/projects", { body: { name: "bench", type: "gen_ai", create_example_templates: false } });
  const logged = await galileo.POST("/v2/projects/{project_id}/traces", {
    params: { path: { project_id: projectId } },
    body: {
      log_stream_id: logStreamId,
      logging_method: "api_direct",
      reliable: true,
      is_complete: true,
      include_trace_ids: true,
      traces: [{ type: "trace", name: "chat", input: "Where is my refund?", output: "On its way.", tags: ["bench"] }],
    },
  });
  const found = await galileo.POST("/v2/projects/{project_id}/traces/search", {
    params: { path: { project_id: projectId } },
    body: {
      log_stream_id: logStreamId,
      starting_token: 0,
      limit: 20,
      truncate_fields: true,
      include_counts: false,
      filters: [{ type: "text", column_id: "input", operator: "contains", value: "refund", case_sensitive: false }],
      sort: { column_id: "created_at", ascending: false, sort_type: "column" },
    },
  });
  return [
    datasets.data?.map((dataset) => dataset.name),
    ingested.data?.ingested,
    result.data?.tables?.length,
    apiToken.data?.expiresAt,
    monitors.data?.map((monitor) => monitor.name),
    token.data?.expires_at,
    login.data?.access_token,
    project.data?.id,
    logged.data?.traces_count,
    found.data?.records?.map((record) => record.id),
  ];
}
`;

const GALAXIOM_CLIENTS = `import { createAxiomClient, createGalileoClient } from "galaxiom";

const axiom = createAxiomClient({ token: "xaat-bench" });
const galileo = createGalileoClient({ apiKey: "gk-bench" });
`;

const GALAXIOM_APP = `${GALAXIOM_CLIENTS}\n${TEN_CALLS}`;

/**
 * The same calls with openapi-fetch alone: a client per vendor document, at its server's base URL, and each path as
 * its document spells it (galaxiom drops the query string Axiom v1 puts in its APL path key).
 */
const BARE_APP = `import createClient from "openapi-fetch";
import type { paths as AxiomV1 } from "./types/axiom-v1.js";
import type { paths as AxiomV2 } from "./types/axiom-v2.js";
import type { paths as Galileo } from "./types/galileo.js";

const auth = { Authorization: "Bearer xaat-bench" };
const axiomV1 = createClient<AxiomV1>({ baseUrl: "https://api.axiom.co/v1", headers: auth });
const axiom = createClient<AxiomV2>({ baseUrl: "https://api.axiom.co/v2", headers: auth });
const galileo = createClient<Galileo>({ baseUrl: "https://api.galileo.ai", headers: { "Galileo-API-Key": "gk-bench" } });

${TEN_CALLS.replaceAll('axiom.POST("/v1/datasets/_apl"', 'axiom.POST("/v1/datasets/_apl?format=tabular"')
  .replaceAll(/axiom\.(GET|POST)\("\/v1\//g, 'axiomV1.$1("/')
  .replaceAll(/axiom\.(GET|POST)\("\/v2\//g, 'axiom.$1("/')}`;

/** The four operations galaxiom typed before it typed them all (Axiom's token then had no version in its path). */
const seedApp = (axiomTokenPath: string) => `${GALAXIOM_CLIENTS}
export async function main() {
  const token = await galileo.GET("/v2/token", { params: { query: { organization_slug: "acme" } } });
  const login = await galileo.POST("/v1/login/api_key", { body: { api_key: "gk-bench" } });
  const created = await galileo.POST("/v2/users/api_keys", { body: { description: "ci", project_role: "viewer" } });
  const apiToken = await axiom.GET("${axiomTokenPath}", { params: { path: { id: "tok-1" } } });
  return [token.data?.expires_at, login.data?.access_token, created.data?.api_key, apiToken.data?.expiresAt];
}
`;

/** Strict, as the issue asks; skipLibCheck, as `tsc --init` sets it and as openapi-typescript's whole-Galileo output needs (TS2502 on its JsonValue). */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: "nodenext",
    target: "es2022",
    lib: ["es2023", "dom", "dom.iterable"],
    types: [],
  },
  files: ["app.ts"],
};

async function writeApp(app: string, source: string, dependenciesFrom: string): Promise<void> {
  await mkdir(path.join(app, "node_modules"), { recursive: true });
  for (const dependency of ["openapi-fetch", "openapi-typescript-helpers"]) {
    await symlink(path.join(dependenciesFrom, "node_modules", dependency), path.join(app, "node_modules", dependency));
  }
  await writeFile(path.join(app, "app.ts"), source);
  await writeFile(path.join(app, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
}

/**
 * An app with galaxiom installed from a built checkout: what its package ships (dist/src and dist/generated, the
 * declarations `npm run build` compiles generated/*.ts to), and openapi-fetch beside it, at the checkout's version.
 */
async function galaxiomApp(app: string, checkout: string, source: string): Promise<string> {
  const installed = path.join(app, "node_modules/galaxiom");
  for (const folder of ["dist/src", "dist/generated"]) {
    await cp(path.join(checkout, folder), path.join(installed, folder), { recursive: true, filter: (file) => !file.endsWith(".map") });
  }
  await writeFile(
    path.join(installed, "package.json"),
    JSON.stringify({ name: "galaxiom", type: "module", exports: { ".": { types: "./dist/src/index.d.ts", default: "./dist/src/index.js" } } }),
  );
  await writeApp(app, source, checkout);
  return app;
}

/** An app that runs openapi-typescript on each vendor document itself (into types/<spec>.d.ts) and uses openapi-fetch. */
async function bareApp(app: string, source: string): Promise<string> {
  await mkdir(path.join(app, "types"), { recursive: true });
  for (const document of await vendorDocuments()) await openapiTypescript(document.file, path.join(app, "types", `${document.name}.d.ts`));
  await writeApp(app, source, repo);
  return app;
}

interface Diagnostics {
  types: number;
  instantiations: number;
  /** Seconds. */
  check: number;
  total: number;
  /** Seconds of CPU, the process's user and system time: the machine is shared, and wall time is noisy. */
  cpu: number;
  /** Kilobytes, as tsc prints them. */
  memory: number;
}

/** One `tsc -p <app> --extendedDiagnostics`; an app that doesn't compile fails the bench, since its figures would mean nothing. */
async function diagnostics(app: string): Promise<Diagnostics> {
  const args = ["--import", PRINT_CPU_TIME, tsc, "-p", app, "--extendedDiagnostics"];
  const { stdout, stderr } = await exec(process.execPath, args, { cwd: app, maxBuffer: 1 << 26 }).catch((error) => {
    throw new Error(`${app} does not compile:\n${(error as { stdout?: string }).stdout ?? error}`);
  });
  const read = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1]);
  return {
    types: read("Types"),
    instantiations: read("Instantiations"),
    check: read("Check time"),
    total: read("Total time"),
    cpu: cpuSeconds(stderr),
    memory: read("Memory used"),
  };
}

/** Milliseconds from a tsserver request to its answer. */
interface EditorTimes {
  /** `projectInfo` right after `open`: the project's program is built (files read, parsed and bound). */
  load: number;
  /** The first completion: the checker computes the call's types. */
  first: number;
  /** The same request again: the checker's caches answer. */
  again: number;
  /** After a keystroke elsewhere in the file: a new program and checker, the declarations reused. */
  edited: number;
  /** How many paths the completion offers. */
  entries: number;
}

interface TsServerAnswer {
  success: boolean;
  message?: string;
  body?: { entries?: unknown[] };
}

/**
 * An editor's view: a fresh tsserver opens the app file, then asks for completions just inside the path string of
 * `axiom.GET("`. tsserver answers with one JSON message per line on stdout, each after a Content-Length header.
 */
async function editorTimes(app: string): Promise<EditorTimes> {
  const file = path.join(app, "app.ts");
  const text = await readFile(file, "utf8");
  const lineOf = (prefix: string) => prefix.split("\n");
  const before = lineOf(text.slice(0, text.indexOf(COMPLETION_AT) + COMPLETION_AT.length));
  const end = lineOf(text);
  const server = spawn(process.execPath, [tsserver, "--disableAutomaticTypingAcquisition"], { cwd: app, stdio: ["pipe", "pipe", "ignore"] });
  const answers = new Map<number, (answer: TsServerAnswer) => void>();
  createInterface({ input: server.stdout }).on("line", (line) => {
    const message = line.startsWith("{") ? JSON.parse(line) : undefined;
    if (message?.type === "response") answers.get(message.request_seq)?.(message);
  });
  let seq = 0;
  const send = (command: string, args: object) => server.stdin.write(`${JSON.stringify({ seq: ++seq, type: "request", command, arguments: args })}\n`);
  /** A request and its answer, timed; `open` and `change` have none, so they are sent with `send`. */
  const timed = async (command: string, args: object) => {
    const start = performance.now();
    const answered = new Promise<TsServerAnswer>((resolve) => answers.set(seq + 1, resolve));
    send(command, args);
    const answer = await answered;
    if (!answer.success) throw new Error(`tsserver ${command} failed on ${file}: ${answer.message}`);
    return { ms: performance.now() - start, answer };
  };
  const complete = () => timed("completionInfo", { file, line: before.length, offset: before.at(-1)!.length + 1, triggerCharacter: '"' });
  try {
    send("open", { file, projectRootPath: app });
    const load = await timed("projectInfo", { file, needFileNameList: false });
    const first = await complete();
    const again = await complete();
    // A space typed at the end of the file: the completion position doesn't move.
    send("change", { file, line: end.length, offset: end.at(-1)!.length + 1, endLine: end.length, endOffset: end.at(-1)!.length + 1, insertString: " " });
    const edited = await complete();
    return { load: load.ms, first: first.ms, again: again.ms, edited: edited.ms, entries: first.answer.body?.entries?.length ?? 0 };
  } finally {
    server.kill();
  }
}

const seconds = (value: number) => `${value.toFixed(2)} s`;
const megabytes = (kilobytes: number) => `${Math.round(kilobytes / 1024)} MB`;
const verdict = (ratio: number) => `${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×): ${ratio <= TARGET_RATIO ? "MET" : "MISSED"}`;

/** A row per app: medians of its runs (types and instantiations don't vary from run to run). */
function diagnosticsRows(apps: Array<{ label: string; runs: Diagnostics[] }>): string[][] {
  return apps.map(({ label, runs }) => [
    label,
    runs[0]!.types.toLocaleString("en"),
    runs[0]!.instantiations.toLocaleString("en"),
    seconds(median(runs.map((run) => run.check))),
    seconds(median(runs.map((run) => run.total))),
    seconds(median(runs.map((run) => run.cpu))),
    megabytes(median(runs.map((run) => run.memory))),
  ]);
}

export async function run(): Promise<void> {
  const beforeCheckout = process.env.GALAXIOM_BEFORE && path.resolve(process.env.GALAXIOM_BEFORE);
  if (beforeCheckout && !existsSync(path.join(beforeCheckout, "dist/src/index.d.ts"))) {
    throw new Error(`GALAXIOM_BEFORE=${beforeCheckout} has no dist/src/index.d.ts: run \`npm ci && npm run build\` there first`);
  }
  await exec("npm", ["run", "build", "--silent"], { cwd: repo });
  const work = await mkdtemp(path.join(tmpdir(), "galaxiom-bench-typecheck-"));
  try {
    const galaxiom = { label: "galaxiom (createAxiomClient, createGalileoClient)", app: await galaxiomApp(path.join(work, "galaxiom"), repo, GALAXIOM_APP) };
    const bare = { label: "bare openapi-fetch over openapi-typescript's .d.ts of the same documents", app: await bareApp(path.join(work, "bare"), BARE_APP) };
    const seeds = [
      { label: "after: galaxiom now (every public operation typed)", app: await galaxiomApp(path.join(work, "after"), repo, seedApp("/v2/tokens/{id}")) },
    ];
    if (beforeCheckout) {
      const before = await galaxiomApp(path.join(work, "before"), beforeCheckout, seedApp("/tokens/{id}"));
      seeds.unshift({ label: "before: galaxiom at fb0f7fe (5 operations typed)", app: before });
    }
    // Round-robin, so that a busier moment of the machine (it is shared) weighs on every app alike.
    const compiled = new Map([galaxiom, bare, ...seeds].map(({ app }) => [app, [] as Diagnostics[]]));
    const edited = new Map([galaxiom, bare].map(({ app }) => [app, [] as EditorTimes[]]));
    for (let round = 0; round < RUNS; round++) {
      for (const [app, runs] of compiled) runs.push(await diagnostics(app));
      for (const [app, runs] of edited) runs.push(await editorTimes(app));
    }

    const header = ["app", "types", "instantiations", "check time", "total time", "CPU time", "memory"];
    const rows = (apps: Array<{ label: string; app: string }>) => diagnosticsRows(apps.map(({ label, app }) => ({ label, runs: compiled.get(app)! })));
    console.log(`\nA ten-call app, both vendors: \`tsc -p app --extendedDiagnostics\` (strict, skipLibCheck), median of ${RUNS}, round-robin\n`);
    console.log(table(header, rows([galaxiom, bare])));
    const ratio = (field: keyof Diagnostics) =>
      median(compiled.get(galaxiom.app)!.map((run) => run[field])) / median(compiled.get(bare.app)!.map((run) => run[field]));
    console.log(`\ngalaxiom / bare, total time: ${verdict(ratio("total"))}`);
    console.log(`galaxiom / bare, memory: ${verdict(ratio("memory"))}`);
    console.log(`galaxiom / bare, CPU time (for the noise): ${ratio("cpu").toFixed(2)}×`);

    console.log(`\nBefore and after: an app making the four seed operations' calls, same tsconfig, measured in the same rounds\n`);
    console.log(table(header, rows(seeds)));
    if (!beforeCheckout) console.log("\n(no before row: set GALAXIOM_BEFORE to a checkout of fb0f7fe with `npm ci && npm run build` run in it)");

    console.log(`\nThe editor: a fresh tsserver per run opens app.ts and asks for \`completionInfo\` just after \`${COMPLETION_AT}\`; median of ${RUNS}\n`);
    const ms = (runs: EditorTimes[], field: keyof EditorTimes) => `${Math.round(median(runs.map((run) => run[field])))} ms`;
    console.log(
      table(
        ["app", "paths offered", "project load (open → projectInfo)", "first completion", "same again", "after an edit"],
        [galaxiom, bare].map(({ label, app }) => {
          const runs = edited.get(app)!;
          return [label, String(runs[0]!.entries), ms(runs, "load"), ms(runs, "first"), ms(runs, "again"), ms(runs, "edited")];
        }),
      ),
    );
    const times = edited.get(galaxiom.app)!;
    const within = (field: keyof EditorTimes) => {
      const value = median(times.map((run) => run[field]));
      return `${Math.round(value)} ms ${value < TARGET_COMPLETION_MS ? "MET" : "MISSED"}`;
    };
    const firstAfterOpen = median(times.map((run) => run.load + run.first));
    console.log(
      `\ngalaxiom, completion under ${TARGET_COMPLETION_MS} ms: first request after open (load + first completion) ${Math.round(firstAfterOpen)} ms ` +
        `${firstAfterOpen < TARGET_COMPLETION_MS ? "MET" : "MISSED"}; first completion ${within("first")}; same again ${within("again")}; after an edit ${within("edited")}`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
