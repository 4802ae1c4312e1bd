import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/main.js";
import { spec } from "../helpers/hostile.js";
import { recordingIo } from "../helpers/io.js";

// What `pull --from` names is hostile input too: a device with no end.
let specs: string;
beforeEach(async () => {
  specs = await mkdtemp(path.join(tmpdir(), "galaxiom-pull-sources-"));
  await writeFile(path.join(specs, "apis.yaml"), "apis:\n  demo:\n    specs:\n      demo:\n        file: demo.yaml\n        select: all\n");
  await writeFile(path.join(specs, "demo.yaml"), spec());
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
});
