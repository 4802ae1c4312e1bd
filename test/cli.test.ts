import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../scripts/main.js";
import { wantsColor, type Io } from "../scripts/lib/io.js";
import { repo } from "./helpers/workspace.js";

const tsx = path.join(repo, "node_modules/tsx/dist/cli.mjs");

async function galaxiom(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    color: false,
    env: {},
    readStdin: async () => "",
    fetch: () => Promise.reject(new Error("no network in tests")),
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("wrong arguments are reported one way by every command: the problem, the command's usage, exit 2", () => {
  it.each(["generate", "pull", "diff", "init"])("%s, an unknown flag", async (command) => {
    const { code, stdout, stderr } = await galaxiom([command, "--bogus"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(new RegExp(`^galaxiom ${command}: Unknown option '--bogus'`));
    expect(stderr).toContain(`Usage: galaxiom ${command}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["generate", ["--specs"], /Option '--specs <value>' argument missing/],
    ["pull", ["--format", "xml"], /--format must be text, markdown or json/],
    ["diff", ["only-one.yaml"], /expected two documents/],
    ["init", ["--vendor", "datadog"], /--vendor must be one of galileo, axiom/],
  ])("%s, a bad value", async (command, argv, message) => {
    const { code, stderr } = await galaxiom([command, ...argv]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain(`Usage: galaxiom ${command}`);
  });
});

it("prints the tools' version", async () => {
  const { version } = (await import("../scripts/package.json", { with: { type: "json" } })).default;
  expect(await galaxiom(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
});

describe("colour follows the terminal, NO_COLOR and FORCE_COLOR", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "3" }, false, true],
    [{ FORCE_COLOR: "true" }, false, true],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
  ])("%j, terminal %s → %s", (env, isTerminal, expected) => {
    expect(wantsColor(env, isTerminal)).toBe(expected);
  });

  // The bin reads the real environment: run it as a user would, through a pipe (not a terminal).
  const tokens = (name: string) => path.join(repo, "test/fixtures/diff/files", name);
  const bin = (env: Record<string, string>) => {
    const { NO_COLOR: _, FORCE_COLOR: __, ...inherited } = process.env;
    return promisify(execFile)(process.execPath, [tsx, path.join(repo, "scripts/cli.ts"), "diff", tokens("tokens-v1.yaml"), tokens("tokens-v2.yaml")], {
      env: { ...inherited, ...env },
    });
  };

  it("colours a pipe with FORCE_COLOR=1, even with NO_COLOR set", async () => {
    expect((await bin({ FORCE_COLOR: "1", NO_COLOR: "1" })).stdout).toContain("\x1b[31mbreaking");
  });

  it("leaves a pipe plain by default", async () => {
    expect((await bin({})).stdout).not.toContain("\x1b[");
  });
});

describe("galaxiom help", () => {
  it("prints the usage, naming the help command, and exits 0", async () => {
    const { code, stdout, stderr } = await galaxiom(["help"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("Usage: galaxiom <command>");
    expect(stdout).toContain("galaxiom help <command>");
  });

  it.each(["generate", "pull", "diff"])("help %s prints what %s --help prints", async (command) => {
    const viaHelp = await galaxiom(["help", command]);
    expect(viaHelp).toEqual({ code: 0, stdout: (await galaxiom([command, "--help"])).stdout, stderr: "" });
    expect(viaHelp.stdout).toContain(`Usage: galaxiom ${command}`);
  });

  it.each([
    [["help", "nope"], /^galaxiom: unknown command "nope"/],
    [["help", "diff", "pull"], /^galaxiom help: expected one command, got 2/],
  ])("%j exits 2 with the usage", async (argv, message) => {
    const { code, stdout, stderr } = await galaxiom(argv);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage: galaxiom <command>");
  });
});

describe("every command's help lists the exit codes it returns", () => {
  it.each([
    ["generate", ["0", "1", "2"]],
    ["pull", ["0", "2"]],
    ["diff", ["0", "1", "2"]],
  ])("%s: %j", async (command, codes) => {
    const { stdout } = await galaxiom([command, "--help"]);
    const section = stdout.slice(stdout.indexOf("\nExit codes:\n"));
    expect([...section.matchAll(/^ {2}(\d) {2}\S/gm)].map((match) => match[1])).toEqual(codes);
  });
});
