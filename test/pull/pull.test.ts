import { readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readDir } from "../../scripts/lib/atomic.js";
import { main } from "../../scripts/main.js";
import { readRows, sha256 } from "../../scripts/pull/sources-record.js";
import { recordingIo } from "../helpers/io.js";
import { copyOfFixture, fixtureSpecs } from "../helpers/workspace.js";

const vendored = await readFile(path.join(fixtureSpecs, "axiom/v2-tokens.yaml"), "utf8");
// The next version: a new optional response property (safe), an enum value gone from a response (safe for
// clients), and a whole new operation the selection doesn't keep (not reported).
const next = vendored
  .replace("        samlAuthenticated:\n", "        lastUsedAt:\n          type: string\n          format: date-time\n        samlAuthenticated:\n")
  .replace("paths:\n", "paths:\n  /datasets:\n    get:\n      operationId: getDatasets\n      responses:\n        '200':\n          description: ok\n");

const routes: Record<string, [number, string]> = {
  "/axiom/next.yaml": [200, next],
  "/axiom/same.yaml": [200, vendored],
  "/axiom/down.yaml": [503, "upstream maintenance"],
  "/axiom/invalid.yaml": [
    200,
    "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Nope'}\n",
  ],
  "/axiom/html": [200, "<!doctype html><html><body>Moved</body></html>"],
};
let server: Server;
let base: string;
const served: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    served.push(request.url ?? "");
    const [status, body] = routes[request.url ?? ""] ?? [404, "not found"];
    response.writeHead(status, { "content-type": "application/yaml" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let work: string;
let specs: string;
let generated: string;
beforeEach(async () => {
  ({ work, specs, out: generated } = await copyOfFixture("galaxiom-pull-"));
  const config = await readFile(path.join(specs, "apis.yaml"), "utf8");
  await writeFile(path.join(specs, "apis.yaml"), config.replace("url: https://axiom.co/docs/restapi/versions/v2.json", `url: ${base}/axiom/next.yaml`));
  served.length = 0;
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function galaxiom(...args: string[]) {
  const io = recordingIo({ fetch: (...request) => globalThis.fetch(...request) });
  const code = await main([...args.slice(0, 1), "--specs", specs, ...args.slice(1)], io);
  return { code, out: io.out(), err: io.err() };
}

describe("galaxiom pull", () => {
  it("downloads the spec's url, shows what changed in its selection, and replaces the file and its record", async () => {
    const { code, out } = await galaxiom("pull", "axiom-v2");

    expect(code).toBe(0);
    expect(served).toEqual(["/axiom/next.yaml"]);
    expect(out).toContain("response-property-added");
    expect(out).not.toContain("/datasets");
    expect(await readFile(path.join(specs, "axiom/v2-tokens.yaml"), "utf8")).toBe(next);
    const row = readRows(await readFile(path.join(specs, "SOURCES.md"), "utf8")).find((r) => r.file === "axiom/v2-tokens.yaml");
    expect(row).toMatchObject({ source: `${base}/axiom/next.yaml`, sha256: sha256(next) });

    expect((await galaxiom("generate", "--out", generated)).code).toBe(0);
    expect((await readDir(generated)).get("axiom.ts")).toContain("lastUsedAt?: string;");
  });

  it("on an unchanged upstream changes no file, so a following generate changes nothing either", async () => {
    const before = await readDir(specs);
    const { code, out } = await galaxiom("pull", "axiom-v2", "--from", `${base}/axiom/same.yaml`);
    expect(code).toBe(0);
    expect(out).toContain("unchanged");
    expect(await readDir(specs)).toEqual(before);
    expect((await galaxiom("generate", "--check", "--out", generated)).code).toBe(0);
  });

  it("reads --from a local file, and --dry-run replaces nothing", async () => {
    const file = path.join(work, "next.yaml");
    await writeFile(file, next);
    const before = await readDir(specs);
    const { code, out } = await galaxiom("pull", "axiom-v2", "--from", file, "--dry-run");
    expect(code).toBe(0);
    expect(out).toContain("response-property-added");
    expect(out).toContain("dry run: nothing replaced");
    expect(await readDir(specs)).toEqual(before);
  });

  it.each([
    ["an HTTP error", "/axiom/down.yaml", /down\.yaml: download failed: HTTP 503/],
    ["a document whose $ref resolves to nothing", "/axiom/invalid.yaml", /invalid\.yaml:\d+ #\/paths\/~1a\/get\/responses\/200: Can't resolve \$ref/],
    ["a page that isn't OpenAPI", "/axiom/html", /html: not an OpenAPI document/],
  ])("leaves specs/ untouched on %s, exiting 2 with the source and location", async (_, route, message) => {
    const before = await readDir(specs);
    const { code, err } = await galaxiom("pull", "axiom-v2", "--from", `${base}${route}`);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(await readDir(specs)).toEqual(before);
  });

  it("leaves specs/ untouched on a network error", async () => {
    const before = await readDir(specs);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { code, err } = await galaxiom("pull", "axiom-v2", "--from", `http://127.0.0.1:${port}/nothing-listens-here`);
    expect(code).toBe(2);
    expect(err).toMatch(/nothing-listens-here: download failed: ECONNREFUSED/);
    expect(await readDir(specs)).toEqual(before);
  });

  it("replaces nothing when any of several specs fails", async () => {
    const config = await readFile(path.join(specs, "apis.yaml"), "utf8");
    await writeFile(path.join(specs, "apis.yaml"), config.replace("url: https://api.galileo.ai/public/v2/openapi.json", `url: ${base}/axiom/down.yaml`));
    const before = await readDir(specs);
    const { code } = await galaxiom("pull", "axiom-v2", "galileo-v2-token");
    expect(code).toBe(2);
    expect(served).toEqual(["/axiom/next.yaml", "/axiom/down.yaml"]);
    expect(await readDir(specs)).toEqual(before);
  });

  it("names the known specs when given an unknown one", async () => {
    const { code, err } = await galaxiom("pull", "galileo");
    expect(code).toBe(2);
    expect(err).toContain('no spec named "galileo"');
    expect(err).toContain("galileo-v1, galileo-v2-token, galileo-v2-api-keys, axiom-v2");
  });
});
