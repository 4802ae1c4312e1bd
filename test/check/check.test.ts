import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/main.js";
import { recordingIo } from "../helpers/io.js";
import { repo } from "../helpers/workspace.js";

// `galaxiom check` as users run it: the built CLI (`npm run build:tools`), over recordings of a tiny API's responses.
const fixtures = path.join(repo, "test/fixtures/check");
const SECRET = "5ecret5ecret";

function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = [path.join(repo, "scripts/dist/cli.js"), "check", ...args, "--specs", path.join(fixtures, "specs")];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: repo, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) =>
      resolve({ code: typeof error?.code == "number" ? error.code : 0, stdout, stderr }),
    );
  });
}

const fixture = (name: string) => path.join(fixtures, name);

describe("galaxiom check", () => {
  it("a HAR file: each differing response by operation, with its entry, status, pointer and types; exit 1", async () => {
    const { code, stdout, stderr } = await check(fixture("recording.har"));
    expect(code).toBe(1);
    expect(stdout).toContain("GET /v1/items (shop): 2 of 2 responses differ\n");
    expect(stdout).toContain("  entries[0] → 200: /1/created: expected string, got number\n");
    expect(stdout).toMatch(/ {2}entries\[0\] → 200: \/1\/colour: expected [^\n]*, got an undeclared property\n/);
    expect(stdout).toContain("  entries[5] → 200: header x-rate-limit: expected integer, got string\n");
    expect(stdout).toContain("  entries[5] → 200: content type text/html is not declared (declared: application/json)\n");
    expect(stdout).toContain("GET /v1/items/{id} (shop): 2 of 3 responses differ\n");
    expect(stdout).toContain("  entries[2] → 500: status 500 is not declared (declared: 200, 404)\n");
    // base64 content, decoded
    expect(stdout).toContain("  entries[6] → 200: /price: expected number, got string\n");
    // the literal template wins over `{id}`; a conforming 204 and 404 pass
    expect(stdout).not.toContain("/v1/items/current");
    expect(stdout).not.toContain("DELETE");
    expect(stdout).toContain("checked 7 responses of 4 operations: 4 differ from the spec; 1 matched no operation (not checked)\n");
    expect(stderr).toBe(
      "warning: entries[4]: GET https://elsewhere.test/v1/items matches no operation; not checked\nnote: shop: these formats are not checked, only their types: decimal\n",
    );
    expect(stdout + stderr).not.toContain(SECRET);
  });

  it("NDJSON, bodies as strings or JSON; --format json", async () => {
    const { code, stdout } = await check(fixture("recording.ndjson"), "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { summary: object; operations: Array<{ operation: string; differing: Array<{ at: string; issues: object[] }> }> };
    expect(report.summary).toEqual({ checked: 3, differing: 2, noOperation: 0 });
    expect(report).toMatchObject({ uncheckedFormats: { shop: ["decimal"] } });
    const item = report.operations.find((operation) => operation.operation == "GET /v1/items/{id}");
    expect(item?.differing[0]).toMatchObject({ at: "line 3", issues: [{ part: "body", pointer: "/id", actual: "number" }] });
    expect(stdout).not.toContain(SECRET);
  });

  it("a hostile recording: secrets in headers, URLs and names never printed; ANSI, line breaks and `::` escaped", async () => {
    const { stdout, stderr } = await check(fixture("recording.ndjson"));
    const text = stdout + stderr;
    expect(text).not.toContain(SECRET);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect(text.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(text).not.toMatch(/^::/m);
    expect(stdout).toContain("/\\u001b[31mred\\u001b[0m\\n::error::forged");
    expect(stdout).toContain("/[REDACTED]");
  });

  it("a recording that matches the spec: exit 0", async () => {
    const { code, stdout, stderr } = await check(fixture("conforming.har"));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "note: shop: these formats are not checked, only their types: decimal\n" });
    expect(stdout).toBe("checked 3 responses of 3 operations: all match the spec\n");
  });

  it("--api checks requests to another origin against that API", async () => {
    expect((await check(fixture("elsewhere.ndjson"))).code).toBe(2);
    const { code, stdout } = await check(fixture("elsewhere.ndjson"), "--api", "shop");
    expect(code).toBe(0);
    expect(stdout).toBe("checked 1 response of 1 operation: all match the spec\n");
    const unknown = await check(fixture("elsewhere.ndjson"), "--api", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no API "nope": --api takes one of shop');
  });

  it("bad input is exit 2, naming the file and the line or pointer", async () => {
    const notJson = await check(fixture("not-json.ndjson"));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^galaxiom check: \S*not-json\.ndjson:2: not JSON/);
    const badEntry = await check(fixture("bad-entry.har"));
    expect(badEntry.code).toBe(2);
    expect(badEntry.stderr).toContain("bad-entry.har #/log/entries/1/request/url: must be an absolute URL");
    const none = await check(fixture("elsewhere.ndjson"));
    expect(none.stderr).toContain("no request matches an operation of the specs");
    const missing = await check(fixture("missing.har"));
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("missing.har: file not found")]);
  });

  it("a recording past --max-size is refused before it is parsed", async () => {
    const { code, stderr } = await check(fixture("recording.har"), "--max-size", "0.001");
    expect(code).toBe(2);
    expect(stderr).toContain("refused: larger than the limit of 0 MB");
  });

  it("a 200,000-item body and a deeply nested one: bounded output, no crash", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "galaxiom-check-test-"));
    try {
      const item = { id: 1, created: "2026-01-01T00:00:00Z" };
      const deep = `${'{"tags":'.repeat(20_000)}1${"}".repeat(20_000)}`;
      const lines = [
        JSON.stringify({
          request: { method: "GET", url: "https://api.shop.test/v1/items" },
          response: { status: 200, headers: { "content-type": "application/json" }, body: Array(200_000).fill(item) },
        }),
        `{"request":{"method":"GET","url":"https://api.shop.test/v1/items/x"},"response":{"status":200,"headers":{"content-type":"application/json"},"body":${deep}}}`,
      ];
      const file = path.join(folder, "big.ndjson");
      await writeFile(file, `${lines.join("\n")}\n`);
      const { code, stdout } = await check(file);
      expect(code).toBe(1);
      expect(stdout).toContain("line 1 → 200: and 199980 more");
      expect(stdout.split("\n").length).toBeLessThan(60);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("is listed, with its exit codes", async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve) =>
      execFile(process.execPath, [path.join(repo, "scripts/dist/cli.js"), "help", "check"], (_, out) => resolve({ stdout: out })),
    );
    expect(stdout).toContain("Usage: galaxiom check <file>");
    expect(stdout).toMatch(/1 +a response differs from the spec/);
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [[], /expected one recording, <file> \(got 0\)/],
    [["a.har", "b.har"], /expected one recording, <file> \(got 2\)/],
    [["a.har", "--format", "xml"], /--format must be text or json/],
    [["a.har", "--max-size", "-1"], /--max-size/],
  ])("wrong arguments %j: the problem and the usage, exit 2", async (argv, message) => {
    const io = recordingIo();
    expect(await main(["check", ...(argv as string[])], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).toContain("Usage: galaxiom check");
  });
});
