import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readDir } from "../../scripts/lib/atomic.js";
import { main } from "../../scripts/main.js";
import { recordingIo } from "../helpers/io.js";
import { billionLaughs, localServer, spec, type LocalServer } from "../helpers/hostile.js";
import { copyOfFixtureSpecs, fixtureSpecs } from "../helpers/workspace.js";

// What a vendor (or whoever answers for it) serves is hostile input: pull checks all of it before storing any of
// it, and no answer can make it read without end, wait without end, or follow the spec to another host.
const vendored = await readFile(path.join(fixtureSpecs, "axiom/v2-tokens.yaml"), "utf8");
const next = vendored.replace("  title:", "  x-next: true\n  title:");

let server: LocalServer;
let specs: string;
let work: string;
const closed: string[] = [];

beforeAll(async () => {
  server = await localServer((request, response) => {
    response.on("close", () => closed.push(request.url ?? ""));
    const url = request.url ?? "";
    if (url === "/next.yaml") response.end(next);
    else if (url === "/secret-ref.yaml") response.end(spec("components:\n  schemas:\n    A: {$ref: '/etc/passwd'}\n"));
    else if (url === "/laughs.yaml") response.end(billionLaughs());
    else if (url === "/silent.yaml")
      return; // never answers
    else if (url === "/stalls.yaml")
      response.write(vendored.slice(0, 100)); // starts, then never finishes
    else if (url === "/endless.yaml") {
      response.writeHead(200, { "content-type": "application/yaml" });
      const chunk = `# ${"x".repeat(64 * 1024)}\n`;
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once("drain", pump);
      };
      pump();
    } else if (url === "/moved.yaml") response.writeHead(301, { location: "/next.yaml" }).end();
    else if (url === "/elsewhere.yaml") response.writeHead(302, { location: `${server.base.replace("127.0.0.1", "localhost")}/next.yaml` }).end();
    else response.writeHead(404).end();
  });
});
afterAll(() => server.close());

beforeEach(async () => {
  ({ work, specs } = await copyOfFixtureSpecs("galaxiom-pull-hostile-"));
  server.requests.length = 0;
  closed.length = 0;
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function pull(route: string, ...flags: string[]) {
  const before = await readDir(specs);
  const io = recordingIo({ fetch: (...request) => globalThis.fetch(...request) });
  const started = performance.now();
  const code = await main(["pull", "axiom-v2", "--specs", specs, "--from", `${server.base}${route}`, ...flags], io);
  const unchanged = JSON.stringify([...(await readDir(specs))]) === JSON.stringify([...before]);
  return { code, err: io.err(), unchanged, ms: performance.now() - started };
}

describe("pull validates everything before storing anything", () => {
  it("refuses a document with a $ref out of it", async () => {
    const { code, err, unchanged } = await pull("/secret-ref.yaml");
    expect(code).toBe(2);
    expect(err).toContain(`${server.base}/secret-ref.yaml #/components/schemas/A/$ref: $ref "/etc/passwd" refused`);
    expect(unchanged).toBe(true);
  });

  it("refuses a billion laughs, quickly", async () => {
    const { code, err, unchanged, ms } = await pull("/laughs.yaml");
    expect(code).toBe(2);
    expect(err).toMatch(/laughs\.yaml #\/\S+: expands to more than [\d,]+ nodes through YAML aliases/);
    expect(unchanged).toBe(true);
    expect(ms).toBeLessThan(1500);
  });
});

describe("pull's download limits", () => {
  it("stops reading at --max-size and closes the connection", async () => {
    const { code, err, unchanged, ms } = await pull("/endless.yaml", "--max-size", "1");
    expect(code).toBe(2);
    expect(err).toContain(`${server.base}/endless.yaml: download refused: larger than the limit of 1 MB`);
    expect(unchanged).toBe(true);
    expect(ms).toBeLessThan(5000);
    await expect.poll(() => closed).toContain("/endless.yaml");
  });

  it.each([
    ["never answers", "/silent.yaml"],
    ["stops halfway through the body", "/stalls.yaml"],
  ])("gives up on a server that %s after --timeout, naming the URL", async (_, route) => {
    const { code, err, unchanged, ms } = await pull(route, "--timeout", "0.3");
    expect(code).toBe(2);
    expect(err).toContain(`download failed: no complete answer from ${server.base}${route} within 0.3 s`);
    expect(unchanged).toBe(true);
    expect(ms).toBeLessThan(3000);
  });

  it("follows a redirect within the origin", async () => {
    const { code, unchanged } = await pull("/moved.yaml");
    expect(code).toBe(0);
    expect(unchanged).toBe(false);
    expect(server.requests).toEqual(["/moved.yaml", "/next.yaml"]);
    expect(await readFile(path.join(specs, "axiom/v2-tokens.yaml"), "utf8")).toBe(next);
  });

  it("refuses a redirect to another origin, naming both, and doesn't follow it", async () => {
    const { code, err, unchanged } = await pull("/elsewhere.yaml");
    expect(code).toBe(2);
    expect(err).toContain(`redirects to ${server.base.replace("127.0.0.1", "localhost")}/next.yaml, another origin`);
    expect(unchanged).toBe(true);
    expect(server.requests).toEqual(["/elsewhere.yaml"]);
  });

  it("refuses a limit that is not a positive number", async () => {
    const { code, err } = await pull("/next.yaml", "--max-size", "lots");
    expect(code).toBe(2);
    expect(err).toContain('--max-size must be a positive number, not "lots"');
  });
});

describe("pull's limit on a local file", () => {
  it("refuses a --from file larger than --max-size", async () => {
    const file = path.join(work, "big.yaml");
    await writeFile(file, `${vendored}# ${"x".repeat(1024 * 1024)}\n`);
    const io = recordingIo();
    const code = await main(["pull", "axiom-v2", "--specs", specs, "--from", file, "--max-size", "1"], io);
    expect(code).toBe(2);
    expect(io.err()).toContain("big.yaml: refused");
  });
});
