import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REMOTE_DOCUMENTS } from "../../scripts/lib/confined-resolver.js";
import { DEFAULT_LIMITS } from "../../scripts/lib/download.js";
import { loadSpecFromString } from "../../scripts/lib/load-spec.js";
import { localServer, spec, type LocalServer } from "../helpers/hostile.js";

// A spec's allowRemoteRefs let its $refs fetch documents; each download is bounded, and so are all of them together.
let server: LocalServer;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "galaxiom-remote-refs-"));
  // Each document is 4 KB, whatever its name.
  server = await localServer((_, response) => response.end(`type: string\ndescription: ${"x".repeat(4096)}\n`));
});
afterAll(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

/** A spec whose schemas `S0` … `S<count-1>` each `$ref` a document of their own on the server. */
function load(count: number, maxBytes = DEFAULT_LIMITS.maxBytes) {
  const schemas = Array.from({ length: count }, (_, i) => `    S${i}: {$ref: '${server.base}/s${i}.yaml'}\n`).join("");
  return loadSpecFromString(spec(`components:\n  schemas:\n${schemas}`), path.join(folder, "vendor.yaml"), {
    remoteOrigins: [server.base],
    fetch: (...request) => globalThis.fetch(...request),
    limits: { ...DEFAULT_LIMITS, maxBytes },
  });
}

describe("remote $refs, taken together", () => {
  it("are fetched while few and small", async () => {
    const { document } = await load(3);
    expect(document.components?.schemas).toMatchObject({ s0: { type: "string" }, s1: { type: "string" }, s2: { type: "string" } });
  });

  it(`are refused past ${MAX_REMOTE_DOCUMENTS} documents, naming the $ref that would fetch one more`, async () => {
    const requests = server.requests.length;
    const error = await load(MAX_REMOTE_DOCUMENTS + 1).catch((error: unknown) => error);
    expect(error).toMatchObject({
      message: expect.stringContaining(`the spec's $refs reach more than ${MAX_REMOTE_DOCUMENTS} remote documents`),
      pointer: `/components/schemas/S${MAX_REMOTE_DOCUMENTS}`,
    });
    expect(server.requests.length - requests).toBe(MAX_REMOTE_DOCUMENTS);
  });

  it("are refused once they come to more than the size limit, though each is within it", async () => {
    await expect(load(3, 10 * 1024)).rejects.toThrow("the remote documents the spec's $refs reach come to more than 0.01 MB together");
  });
});
