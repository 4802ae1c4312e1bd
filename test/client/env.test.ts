import { afterEach, describe, expect, it, vi } from "vitest";
import { createAxiomClient, createGalileoClient, GalaxiomError, type Logger } from "../../src/index.js";
import { readEnv } from "../../src/core/env.js";
import { KEY } from "../helpers/galileo.js";

afterEach(() => vi.unstubAllGlobals());

/** What Deno without --allow-env throws on reading a variable. */
class NotCapable extends Error {}

/**
 * A `process` whose env refuses every read, as Deno's does without --allow-env: reading a variable throws, or
 * reading `env` itself does. Returns the names that were read.
 */
function refusingProcess(how: "a variable" | "env itself"): PropertyKey[] {
  const read: PropertyKey[] = [];
  const refuse = (name: PropertyKey) => {
    read.push(name);
    throw new NotCapable(`Requires env access to "${String(name)}"`);
  };
  const env = new Proxy({}, { get: (_, name) => refuse(name) });
  vi.stubGlobal(
    "process",
    how == "a variable"
      ? { env }
      : {
          get env() {
            return refuse("env");
          },
        },
  );
  return read;
}

describe("the environment", () => {
  it.each(["a variable", "env itself"] as const)("counts as unset when reading %s throws", (how) => {
    refusingProcess(how);
    expect(readEnv("GALILEO_API_KEY")).toBeUndefined();
    expect(() => createGalileoClient()).toThrow(GalaxiomError);
    expect(() => createGalileoClient({ apiKey: KEY })).not.toThrow();
    expect(() => createAxiomClient({ token: "xaat-0123456789abcdef" })).not.toThrow();
  });

  it("is not read at all when every option it could give is passed", () => {
    const read = refusingProcess("a variable");
    const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
    createGalileoClient({ apiKey: KEY, baseUrl: "https://galileo.example.test", logger });
    createGalileoClient({ accessToken: "jwt-0123456789", baseUrl: "https://galileo.example.test", logger });
    createGalileoClient({ username: "ada", password: "pa55word", baseUrl: "https://galileo.example.test", logger });
    createAxiomClient({ token: "xaat-0123456789abcdef", orgId: "acme", baseUrl: "https://axiom.example.test/v2", logger });
    expect(read).toEqual([]);
  });
});
