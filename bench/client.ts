// Per-call cost of a galaxiom client next to what it is built on: a raw fetch, and bare openapi-fetch.
// Each runs the same GET /tokens/{id} (a path parameter, a bearer token, a JSON body), in turn, round after
// round, against an in-process fetch stub and against a loopback node:http server with keep-alive.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { paths } from "../generated/axiom.js";
import { median, table } from "./table.js";

type Galaxiom = typeof import("../src/index.js");
type Fetch = (request: Request, init?: RequestInit) => Promise<Response>;
type Variant = { name: string; call: () => Promise<unknown> };

const TOKEN = "xaat-bench-0123456789abcdef";
const BODY = JSON.stringify({ id: "abc", name: "ingest", datasetCapabilities: {}, orgCapabilities: {}, expiresAt: null });
const ROUNDS = 30;
const BASELINE = "openapi-fetch";

const stub: Fetch = async () => new Response(BODY, { headers: { "content-type": "application/json" } });

/**
 * galaxiom as an app runs it: compiled by esbuild, as a bundler would. Importing src/ through tsx instead
 * would measure tsx's transform, which wraps every closure the library creates to keep its name.
 */
async function compiledGalaxiom(): Promise<Galaxiom> {
  const { outputFiles } = await build({
    entryPoints: [path.resolve(import.meta.dirname, "../src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  const folder = await mkdtemp(path.join(tmpdir(), "galaxiom-bench-"));
  const file = path.join(folder, "galaxiom.mjs");
  await writeFile(file, outputFiles[0]!.text);
  try {
    return (await import(pathToFileURL(file).href)) as Galaxiom;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function variants(galaxiom: Galaxiom, baseUrl: string, fetch: Fetch): Variant[] {
  const bare = createClient<paths>({ baseUrl, fetch, headers: { Authorization: `Bearer ${TOKEN}` } });
  const configured = { token: TOKEN, baseUrl, fetch, retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 } };
  const client = galaxiom.createAxiomClient({ ...configured, timeout: 10_000, deadline: 30_000 });
  const untimed = galaxiom.createAxiomClient({ ...configured, timeout: false });
  const init = { params: { path: { id: "abc" } } };
  const url = `${baseUrl}/tokens/abc`;
  return [
    { name: "raw fetch", call: async () => (await fetch(new Request(url, { headers: { Authorization: `Bearer ${TOKEN}` } }))).json() },
    { name: BASELINE, call: () => bare.GET("/v2/tokens/{id}", init) },
    { name: "galaxiom", call: () => client.GET("/v2/tokens/{id}", init) },
    { name: "galaxiom, no timers", call: () => untimed.GET("/v2/tokens/{id}", init) },
  ];
}

interface Result {
  /** Median µs per call. */
  micros: number;
  /** Median, over rounds, of this variant's time over the baseline's in the same round. */
  ratio: number;
}

/**
 * Each round runs `perRound` sequential calls of every variant, one after the other, so that a slower or
 * busier moment of the machine weighs on all of them alike; ratios are taken within a round.
 */
async function measure(list: Variant[], perRound: number): Promise<Map<string, Result>> {
  const times = new Map(list.map((variant) => [variant.name, [] as number[]]));
  // The first rounds warm up the JIT and the connection pool.
  for (let round = -3; round < ROUNDS; round++) {
    for (const variant of list) {
      const started = performance.now();
      for (let i = 0; i < perRound; i++) await variant.call();
      if (round >= 0) times.get(variant.name)!.push(((performance.now() - started) * 1000) / perRound);
    }
  }
  const baseline = times.get(BASELINE)!;
  return new Map([...times].map(([name, values]) => [name, { micros: median(values), ratio: median(values.map((value, round) => value / baseline[round]!)) }]));
}

async function overLoopback<T>(use: (baseUrl: string) => Promise<T>): Promise<T> {
  const server = createServer({ keepAlive: true }, (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) });
    response.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

export async function run(): Promise<void> {
  const galaxiom = await compiledGalaxiom();
  const stubbed = await measure(variants(galaxiom, "https://api.axiom.co", stub), 1_000);
  const loopback = await overLoopback((baseUrl) =>
    measure(
      variants(galaxiom, baseUrl, (request, init) => fetch(request, init)),
      200,
    ),
  );

  const cells = (result: Result) => [`${result.micros.toFixed(1)} µs`, `${result.ratio.toFixed(2)}×`];
  const rows = [...stubbed.keys()].map((name) => [name, ...cells(stubbed.get(name)!), ...cells(loopback.get(name)!)]);
  console.log(
    `Per call: GET /tokens/{id}, sequential, median of ${ROUNDS} rounds; ratios against ${BASELINE} within each round.\n` +
      "galaxiom: bearer auth, path checks, 3 attempts, 10 s timeout per attempt, 30 s deadline, no logger.\n",
  );
  console.log(table(["client", "in-process stub", `vs ${BASELINE}`, "loopback HTTP", `vs ${BASELINE}`], rows));
}
