import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeAxiom } from "../helpers/fake-axiom.js";

const fakeAxiom = useFakeAxiom();
const CHILD = path.join(import.meta.dirname, "fixtures/shutdown.ts");

/** Runs the fixture to its end, or kills it after 20 s: a process kept alive by a timer fails the test. */
function run(origin: string, mode: "queued" | "flush"): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CHILD, origin, mode], { timeout: 20_000 }, (error, stdout) =>
      resolve({ code: error ? (error.code as number | null) : 0, stdout: stdout.trim() }),
    );
  });
}

describe("shutdown", () => {
  it("an idle ingest keeps no process alive: its interval timer is unref'd (what is queued is for flush())", async () => {
    const axiom = await fakeAxiom();
    expect(await run(axiom.origin, "queued")).toEqual({ code: 0, stdout: "queued" });
    expect(axiom.arrived()).toBe(0);
  });

  it("flush() against a stalled server ends at its deadline, and then the process exits", async () => {
    const axiom = await fakeAxiom(["stop reading"]);
    expect(await run(axiom.origin, "flush")).toEqual({ code: 0, stdout: "flush rejected: 1 lost" });
  });
});
