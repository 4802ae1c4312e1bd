import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/main.js";
import type { Io } from "../../scripts/lib/io.js";

const files = fileURLToPath(new URL("../fixtures/diff/files/", import.meta.url));
const file = (name: string) => `${files}${name}`;

/** Run `galaxiom diff` in-process, through the CLI's entry point, capturing what it prints. */
async function diff(argv: string[], { stdin = "", color = false } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    color,
    env: {},
    readStdin: async () => stdin,
    fetch: () => Promise.reject(new Error("no network in tests")),
  };
  const code = await main(["diff", ...argv], io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("galaxiom diff", () => {
  it("prints the changes grouped by endpoint and exits 0 without --fail-on", async () => {
    const { code, stdout, stderr } = await diff([file("tokens-v1.yaml"), file("tokens-v2.yaml")]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("Tokens 1.0.0 → Tokens 2.0.0");
    expect(stdout).toContain("GET /tokens/{token_id} (was /tokens/{id})");
    expect(stdout).toContain("path-param-renamed");
    expect(stdout).not.toContain("\x1b[");
  });

  it("lists breaking changes before risky and safe ones", async () => {
    const { stdout } = await diff([file("tokens-v1.yaml"), file("tokens-v2.yaml")]);
    const order = ["response-property-became-optional", "response-enum-value-added", "path-param-renamed"].map((id) => stdout.indexOf(id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("colours verdicts only when the Io asks for colour", async () => {
    const { stdout } = await diff([file("tokens-v1.yaml"), file("tokens-v2.yaml")], { color: true });
    expect(stdout).toContain("\x1b[31mbreaking");
  });

  it("writes the documented JSON shape", async () => {
    const { code, stdout } = await diff([file("tokens-v1.yaml"), file("tokens-v2.yaml"), "--format", "json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(["old", "new", "summary", "changes"]);
    expect(report.old).toEqual({ title: "Tokens", version: "1.0.0" });
    expect(report.summary).toEqual({ wire: { breaking: 1, risky: 1, safe: 1 }, types: { breaking: 2, risky: 1, safe: 0 } });
    expect(report.changes.find((change: { id: string }) => change.id === "path-param-renamed")).toEqual({
      id: "path-param-renamed",
      wire: "safe",
      types: "breaking",
      method: "get",
      path: "/tokens/{token_id}",
      oldPath: "/tokens/{id}",
      pointer: { old: "/paths/~1tokens~1{id}", new: "/paths/~1tokens~1{token_id}" },
      message: "Path parameter `id` renamed to `token_id` (was /tokens/{id}); the URL is unchanged",
    });
  });

  it("writes Markdown tables for a pull request comment", async () => {
    const { stdout } = await diff([file("tokens-v1.yaml"), file("tokens-v2.yaml"), "--format", "markdown"]);
    expect(stdout).toContain("## API changes: Tokens 1.0.0 → Tokens 2.0.0");
    expect(stdout).toContain("| wire | 1 | 1 | 1 |");
    expect(stdout).toContain("| **breaking** | **breaking** | `response-property-became-optional` |");
  });

  it.each([
    ["wire", "tokens-v2.yaml", 1],
    ["types", "tokens-v2.yaml", 1],
    ["breaking", "tokens-v2.yaml", 1],
    ["any", "tokens-v2.yaml", 1],
    ["wire", "tokens-renamed-component.yaml", 0],
    ["types", "tokens-renamed-component.yaml", 1],
    ["breaking", "tokens-renamed-component.yaml", 1],
    ["breaking", "tokens-v1.json", 0],
    ["any", "tokens-v1.json", 0],
  ])("--fail-on %s against %s exits %i", async (failOn, after, exit) => {
    expect((await diff([file("tokens-v1.yaml"), file(after), "--fail-on", failOn])).code).toBe(exit);
  });

  it.each([
    ["breaking", 0],
    ["risky", 0],
    ["any", 1],
  ])("--fail-on %s with only a safe change (a new operation) exits %i: any means any change at all", async (failOn, exit) => {
    const { readFile } = await import("node:fs/promises");
    const added = '  /health:\n    get:\n      responses:\n        "200": { description: ok }\ncomponents:\n';
    const stdin = (await readFile(file("tokens-v1.yaml"), "utf8")).replace("components:\n", added);
    const { code, stdout } = await diff([file("tokens-v1.yaml"), "-", "--fail-on", failOn, "--format", "json"], { stdin });
    expect(JSON.parse(stdout).changes.map((change: { id: string; wire: string; types: string }) => [change.id, change.wire, change.types])).toEqual([
      ["operation-added", "safe", "safe"],
    ]);
    expect(code).toBe(exit);
  });

  it("leaves out the changes an ignore file names, by id or message, and counts what is left", async () => {
    const { code, stdout } = await diff([
      file("tokens-v1.yaml"),
      file("tokens-v2.yaml"),
      "--ignore",
      file("tokens-v2.ignore"),
      "--format",
      "json",
      "--fail-on",
      "breaking",
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.changes.map((change: { id: string }) => change.id)).toEqual(["response-enum-value-added"]);
    expect(report.summary).toEqual({ wire: { breaking: 0, risky: 1, safe: 0 }, types: { breaking: 0, risky: 1, safe: 0 } });
  });

  it("ignores a whole-API change by a line without METHOD /path", async () => {
    const { code, stdout } = await diff([
      file("tokens-v1.yaml"),
      file("tokens-renamed-component.yaml"),
      "--ignore",
      file("tokens-renamed-component.ignore"),
      "--fail-on",
      "types",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("No changes.");
  });

  it("exits 2 when the ignore file cannot be read", async () => {
    const { code, stderr } = await diff([file("tokens-v1.yaml"), file("tokens-v2.yaml"), "--ignore", file("missing.ignore")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/missing\.ignore: file not found/);
  });

  it.each([
    ["tokens-v2.yaml", [], 1],
    ["tokens-v1.json", [], 0],
    ["tokens-v2.yaml", ["--ignore", file("tokens-v2.ignore")], 1],
  ])("--fail-on risky against %s %j exits %i: a risky change is enough", async (after, extra, exit) => {
    expect((await diff([file("tokens-v1.yaml"), file(after), "--fail-on", "risky", ...extra])).code).toBe(exit);
  });

  it("writes GitHub Actions annotations on <new>'s file and lines: errors for breaking changes, warnings for risky ones", async () => {
    const after = file("tokens-v2.yaml");
    const { code, stdout } = await diff([file("tokens-v1.yaml"), after, "--format", "githubactions"]);
    expect(code).toBe(0);
    // Lines 28, 31 and 7 of tokens-v2.yaml: `name:`, `items:` (of scopes) and `/tokens/{token_id}:`.
    expect(stdout.split("\n")).toEqual([
      `::error file=${after},line=28,title=response-property-became-optional::GET /tokens/{token_id}: Schema \`ApiToken\`, field \`name\` (in responses): may now be missing (no longer required) (wire: breaking, types: breaking)`,
      `::warning file=${after},line=31,title=response-enum-value-added::GET /tokens/{token_id}: Schema \`ApiToken\`, field \`scopes[]\` (in responses): may now be \`admin\` (wire: risky, types: risky)`,
      `::error file=${after},line=7,title=path-param-renamed::GET /tokens/{token_id}: Path parameter \`id\` renamed to \`token_id\` (was /tokens/{id}); the URL is unchanged (wire: safe, types: breaking)`,
      "wire: 1 breaking, 1 risky, 1 safe; types: 2 breaking, 1 risky, 0 safe",
      "",
    ]);
  });

  it("places a removal's annotation where it was removed from: the line of its old parent in <new>", async () => {
    const { mkdtemp, readFile, rm, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const work = await mkdtemp(`${tmpdir()}/galaxiom-annotate-`);
    try {
      const before = `${work}/before.yaml`;
      const after = `${work}/after.yaml`;
      const v1 = await readFile(file("tokens-v1.yaml"), "utf8");
      await writeFile(before, v1.replace("  /tokens/{id}:\n", '  /tokens/{id}:\n    delete:\n      responses:\n        "204": { description: gone }\n'));
      await writeFile(after, v1);
      const { stdout } = await diff([before, after, "--format", "githubactions"]);
      expect(stdout).toMatch(new RegExp(`^::error file=${after},line=6,title=operation-removed::DELETE /tokens/\\{id\\}: Operation removed`));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it("gives no line to a change the after document holds through a $ref to another file, and no file to stdin", async () => {
    const after = file("split-changed/openapi.yaml");
    const split = await diff([file("split/openapi.yaml"), after, "--format", "githubactions"]);
    expect(split.stdout).toMatch(new RegExp(`^::error file=${after},title=response-property-removed::`));
    const { readFile } = await import("node:fs/promises");
    const stdin = await diff([file("tokens-v1.yaml"), "-", "--format", "githubactions"], { stdin: await readFile(file("tokens-v2.yaml"), "utf8") });
    expect(stdin.stdout).toMatch(/^::error title=response-property-became-optional::/);
  });

  it("prints the version from galaxiom-tools' package.json", async () => {
    const { readFile } = await import("node:fs/promises");
    const { version } = JSON.parse(await readFile(new URL("../../scripts/package.json", import.meta.url), "utf8"));
    expect(await diff(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("reads one document from standard input", async () => {
    const { readFile } = await import("node:fs/promises");
    const stdin = await readFile(file("tokens-v2.yaml"), "utf8");
    const { code, stdout } = await diff([file("tokens-v1.yaml"), "-", "--format", "json"], { stdin });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).new.version).toBe("2.0.0");
  });

  it("finds nothing between the same document in YAML and reformatted, reordered JSON", async () => {
    expect(JSON.parse((await diff([file("tokens-v1.yaml"), file("tokens-v1.json"), "--format", "json"])).stdout).changes).toEqual([]);
  });

  it('finds nothing between OpenAPI 3.0 `nullable` and 3.1 `type: [string, "null"]`', async () => {
    expect(JSON.parse((await diff([file("tokens-v1.yaml"), file("tokens-v1-openapi31.yaml"), "--format", "json"])).stdout).changes).toEqual([]);
  });

  it("follows external $refs across files", async () => {
    const same = JSON.parse((await diff([file("tokens-v1.yaml"), file("split/openapi.yaml"), "--format", "json"])).stdout);
    expect(same.changes).toEqual([]);
    const changed = JSON.parse((await diff([file("split/openapi.yaml"), file("split-changed/openapi.yaml"), "--format", "json"])).stdout);
    expect(changed.changes.map((change: { id: string }) => change.id)).toEqual(["response-property-removed"]);
  });

  it.each([
    ["a missing file", "missing.yaml", /missing\.yaml: file not found/],
    ["invalid YAML", "broken.yaml", /broken\.yaml:\d+: not valid YAML or JSON/],
    ["a Swagger 2.0 document", "swagger.yaml", /swagger\.yaml #\/openapi: expected an OpenAPI 3\.0 or 3\.1 document/],
  ])("exits 2 on %s, naming the file and where, with no stack trace", async (_, name, message) => {
    const { code, stdout, stderr } = await diff([file("tokens-v1.yaml"), file(name)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [["only-one.yaml"], /expected two documents/],
    [["a.yaml", "b.yaml", "--format", "xml"], /--format must be one of text, markdown, json, githubactions/],
    [["a.yaml", "b.yaml", "--fail-on", "all"], /--fail-on must be one of wire, types, breaking, risky, any/],
    [["a.yaml", "b.yaml", "--colour"], /Unknown option '--colour'/],
    [["-", "-"], /only one of <old> and <new> can be "-"/],
  ])("exits 2 with the usage on %j", async (argv, message) => {
    const { code, stderr } = await diff(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage: galaxiom diff");
  });

  it("prints its help and exits 0", async () => {
    const { code, stdout } = await diff(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ +any +any change at all, safe ones included$/m);
  });
});
