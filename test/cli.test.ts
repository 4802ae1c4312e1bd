import { describe, expect, it } from "vitest";
import { main } from "../scripts/main.js";
import type { Io } from "../scripts/lib/io.js";

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
