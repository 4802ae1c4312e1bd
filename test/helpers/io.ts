import type { Io } from "../../scripts/lib/io.js";

/** An Io that records what a command prints, for running commands in-process. */
export function recordingIo(overrides: Partial<Io> = {}): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    color: false,
    env: {},
    readStdin: async () => "",
    fetch: () => Promise.reject(new Error("this test must not use the network")),
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
