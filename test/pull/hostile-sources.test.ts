import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/main.js";
import { fanOut } from "../helpers/hostile.js";
import { recordingIo } from "../helpers/io.js";

// What `pull --from` names is hostile input too: a device with no end, or a next version whose diff would never end.
let specs: string;
beforeEach(async () => {
  specs = await mkdtemp(path.join(tmpdir(), "galaxiom-pull-sources-"));
  await writeFile(path.join(specs, "apis.yaml"), "apis:\n  demo:\n    specs:\n      demo:\n        file: demo.json\n        select: all\n");
  await writeFile(path.join(specs, "demo.json"), JSON.stringify(fanOut(40, 10, "string")));
});
afterEach(() => rm(specs, { recursive: true, force: true }));

async function pull(...flags: string[]) {
  const io = recordingIo();
  const code = await main(["pull", "demo", "--specs", specs, "--dry-run", ...flags], io);
  return { code, out: io.out(), err: io.err() };
}

describe("pull --from", () => {
  it("stops reading a device, which has no size to check beforehand, at --max-size", async () => {
    const { code, err } = await pull("--from", "/dev/zero", "--max-size", "1");
    expect(code).toBe(2);
    expect(err).toBe("galaxiom pull: /dev/zero: refused: larger than the limit of 1 MB\n");
  });

  it("stops the diff it shows past --work-budget, naming both versions", async () => {
    const next = path.join(specs, "next.json");
    await writeFile(next, JSON.stringify(fanOut(40, 10, "integer")));
    const { code, err } = await pull("--from", next, "--work-budget", "30");
    expect(code).toBe(2);
    expect(err).toMatch(
      /^galaxiom pull: \S*next\.json #\/components\/schemas\/S\d+: diff stopped here, compared with \S*demo\.json #\/components\/schemas\/S\d+: its work budget of 30 steps is spent/,
    );
  });
});
