import { execFile } from "node:child_process";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { AbortError, createAxiomClient } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";

const TOKEN = "xaat-timers-0123456789";
const BEYOND_TIMERS = 2 ** 31 + 10; // past the longest delay a runtime's timer takes

/** A fetch that answers after `ms`. */
const answersAfter = (ms: number) => () => new Promise<Response>((resolve) => setTimeout(() => resolve(json(200, { id: "abc" })), ms));

describe("limits past the runtime's longest timer", () => {
  it("a timeout above 2^31 − 1 ms does not fire at once", async () => {
    const axiom = createAxiomClient({ token: TOKEN, fetch: answersAfter(30), timeout: BEYOND_TIMERS, retry: false });
    await expect(axiom.tokens.get("abc")).resolves.toEqual({ id: "abc" });
  });

  it("nor does such a deadline", async () => {
    const axiom = createAxiomClient({ token: TOKEN, fetch: answersAfter(30), timeout: false, deadline: BEYOND_TIMERS, retry: false });
    await expect(axiom.tokens.get("abc")).resolves.toEqual({ id: "abc" });
  });

  it("a Retry-After beyond it, with no maximum, is waited for, not turned into an immediate retry", async () => {
    const fetch = observedFetch(json(503, {}, { "retry-after": String(Math.ceil(BEYOND_TIMERS / 1000)) }), json(200, { id: "abc" }));
    const axiom = createAxiomClient({ token: TOKEN, fetch, retry: { maxDelayMs: Infinity } });
    const call = axiom.tokens.get("abc", { signal: AbortSignal.timeout(100) });
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(fetch.sent).toHaveLength(1);
  });
});

it("a timeout ends the call, not the process, when the fetch holds no I/O", async () => {
  // A fetch that never answers and holds nothing open (an in-process mock): only the timer keeps Node alive.
  const folder = await mkdtemp(path.join(tmpdir(), "galaxiom-timer-"));
  const script = path.join(folder, "hang.mts");
  await writeFile(
    script,
    `import { createAxiomClient } from ${JSON.stringify(path.resolve(import.meta.dirname, "../../src/index.ts"))};
const axiom = createAxiomClient({ token: "${TOKEN}", fetch: () => new Promise(() => {}), timeout: 100, retry: false });
await axiom.tokens.get("abc").catch((error) => console.log(error.name));
`,
  );
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe("TimeoutError");
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
