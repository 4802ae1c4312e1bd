// Batched ingest while Axiom misbehaves, galaxiom next to @axiomhq/js: memory while the server stalls, and
// delivery when it refuses three requests. Each library runs in a child process against a loopback fake Axiom
// that this process serves, so that a child's RSS is its library's alone and the server's count is independent.
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { build } from "esbuild";
import { table } from "./table.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
const LIBRARIES = ["galaxiom", "@axiomhq/js"];
const MB = 1024 * 1024;

/** What the fake applied: events answered 200, and those it saw more than once. */
interface Applied {
  events: number;
  duplicates: number;
}

/**
 * A fake Axiom: "stalled" reads no request and answers none; "refused" answers its first three ingest requests
 * 503 and applies the rest.
 */
async function fakeAxiom(scenario: "stalled" | "refused"): Promise<{ origin: string; applied: Applied; close(): void }> {
  const applied = { events: 0, duplicates: 0 };
  const seen = new Set<number>();
  let refusals = 3;
  const server = createServer((request, response) => {
    if (scenario == "stalled") return void request.pause();
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      if (refusals-- > 0) return void response.writeHead(503, { "content-type": "application/json" }).end('{"message":"unavailable"}');
      const lines = (request.headers["content-encoding"] == "gzip" ? gunzipSync(body) : body).toString().split("\n").filter(Boolean);
      for (const line of lines) {
        const { id } = JSON.parse(line) as { id: number };
        if (seen.has(id)) applied.duplicates++;
        seen.add(id);
      }
      applied.events += lines.length;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ingested: lines.length, failed: 0, processedBytes: body.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    applied,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** galaxiom's ingest compiled as an app's bundler would; importing src/ through tsx would time tsx's transform. */
async function bundle(): Promise<string> {
  const outfile = path.join(repo, "bench/.cache/galaxiom-ingest.mjs");
  await mkdir(path.dirname(outfile), { recursive: true });
  await build({
    stdin: { contents: 'export * from "./src/index.ts";\nexport { createAxiomIngest } from "./src/axiom/ingest.ts";', resolveDir: repo, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile,
  });
  return outfile;
}

async function child<T>(library: string, scenario: "stalled" | "refused", bundled: string): Promise<T & { applied: Applied }> {
  const axiom = await fakeAxiom(scenario);
  try {
    const { stdout } = await exec(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "ingest-child.ts"), library, scenario, axiom.origin, bundled],
      {
        cwd: repo,
        maxBuffer: 1 << 20,
      },
    );
    return { ...(JSON.parse(stdout.trim().split("\n").at(-1)!) as T), applied: axiom.applied };
  } finally {
    axiom.close();
  }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const count = (value: number) => value.toLocaleString("en-US");

export async function run(): Promise<void> {
  const bundled = await bundle();

  const stalled: string[][] = [];
  for (const library of LIBRARIES) {
    const result = await child<{ seconds: number; growth: number; peakGrowth: number; dropped?: number }>(library, "stalled", bundled);
    stalled.push([
      library,
      `${result.seconds.toFixed(1)} s`,
      mb(result.growth),
      mb(result.peakGrowth),
      result.dropped === undefined ? "none: every event is held" : `${count(result.dropped)} dropped, counted, reported`,
    ]);
  }
  console.log("A stalled server (reads nothing, answers nothing): 1,000,000 distinct events of ~1 KB, one ingest() each, defaults.\n");
  console.log(table(["library", "time to offer", "RSS growth", "peak RSS growth", "when the queue is full"], stalled));

  const refused: string[][] = [];
  for (const library of LIBRARIES) {
    const result = await child<{ flush: string; reported: { calls: number; events: number } }>(library, "refused", bundled);
    const { calls, events } = result.reported;
    refused.push([
      library,
      count(result.applied.events - result.applied.duplicates),
      count(result.applied.duplicates),
      count(10_000 - result.applied.events + result.applied.duplicates),
      `${calls} call${calls == 1 ? "" : "s"}${library == "galaxiom" ? `, ${count(events)} events` : ""}`,
      result.flush,
    ]);
  }
  console.log("\nThe server answers its first three ingest requests 503: 10,000 events, one ingest() each, defaults, then flush().\n");
  console.log(table(["library", "events applied", "applied twice", "lost", "onError", "flush()"], refused));
}
