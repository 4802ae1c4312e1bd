import { expect, it } from "vitest";
import { createAxiomClient, createAxiomIngest } from "../../src/index.js";
import { createFakeAxiom, type Fake } from "../../src/testing/index.js";
import type { AxiomPaths } from "../../src/index.js";

const INGEST = "POST /v1/datasets/{dataset_name}/ingest";
const AUTH = { authorization: "Bearer xaat-binary-secret" };

/**
 * Request bodies that aren't JSON (gzip, NDJSON, bytes) and JSON that isn't, through a wiring: `install` makes
 * the fake answer its origin and returns the `fetch` that reaches it and how to undo it.
 */
export function binaryBodyTests(install: (fake: Fake<AxiomPaths>) => { fetch: typeof globalThis.fetch; uninstall: () => void }): void {
  /** Runs `test` with a fake wired in; the fake answers ingest calls, counting the events of the body it decoded. */
  async function wired(test: (fake: Fake<AxiomPaths>, fetch: typeof globalThis.fetch) => Promise<void>): Promise<void> {
    const fake = createFakeAxiom().on(INGEST, ({ body }) => {
      const events = String(body).split("\n").filter(Boolean);
      return { status: 200, body: { ingested: events.length, failed: 0, processedBytes: String(body).length } };
    });
    const { fetch, uninstall } = install(fake);
    try {
      await test(fake, fetch);
    } finally {
      uninstall();
    }
  }

  it("hands the fake a gzip-encoded NDJSON ingest from createAxiomIngest decoded, as its text", async () => {
    await wired(async (fake, fetch) => {
      const axiom = createAxiomClient({ token: "xaat-binary-secret", fetch, retry: false });
      const ingest = createAxiomIngest(axiom);
      // Past compressAbove's default (1024 characters): the batch goes gzip-encoded.
      const events = Array.from({ length: 100 }, (_, index) => ({ index, message: `event ${index} é ✓` }));
      ingest.ingest("logs", events);
      await ingest.flush();
      const [call] = fake.callsOf(INGEST);
      expect(call!.request.headers.get("content-encoding")).toBe("gzip");
      expect(call!.request.headers.get("content-type")).toBe("application/x-ndjson");
      expect(
        String(call!.body)
          .split("\n")
          .map((line) => JSON.parse(line)),
      ).toEqual(events);
      expect(ingest.stats()).toMatchObject({ acknowledged: 100 });
      fake.verify();
    });
  });

  it("hands the fake an NDJSON ingest below the gzip threshold as its text", async () => {
    await wired(async (fake, fetch) => {
      const ingest = createAxiomIngest(createAxiomClient({ token: "xaat-binary-secret", fetch, retry: false }));
      ingest.ingest("logs", [{ a: 1 }, { a: "ü" }]);
      await ingest.flush();
      const [call] = fake.callsOf(INGEST);
      expect(call!.request.headers.get("content-encoding")).toBeNull();
      expect(call!.body).toBe('{"a":1}\n{"a":"ü"}');
      fake.verify();
    });
  });

  it("hands the fake a text body of hex digits as its text (nock gives bodies that aren't UTF-8 as hex)", async () => {
    await wired(async (fake, fetch) => {
      const response = await fetch("https://api.axiom.co/v1/datasets/logs/ingest", {
        method: "POST",
        headers: { ...AUTH, "content-type": "text/csv" },
        body: "0a1b2c3d",
      });
      expect(response.status).toBe(200);
      expect(fake.callsOf(INGEST)[0]!.body).toBe("0a1b2c3d");
      fake.verify();
    });
  });

  it("hands the fake a gzip-encoded JSON body decoded, and checks it against the spec", async () => {
    await wired(async (fake, fetch) => {
      fake.on("POST /v2/datasets", ({ body }) => ({
        status: 200,
        body: {
          id: body.name,
          name: body.name,
          kind: body.kind,
          description: "",
          created: "2024-01-01T00:00:00Z",
          updatedAt: "2024-01-01T00:00:00Z",
          who: "",
        },
      }));
      const post = async (json: unknown) =>
        fetch("https://api.axiom.co/v2/datasets", {
          method: "POST",
          headers: { ...AUTH, "content-type": "application/json", "content-encoding": "gzip" },
          body: await gzip(new TextEncoder().encode(JSON.stringify(json))),
        });
      expect((await post({ name: "logs", kind: "axiom:events:v1", description: "" })).status).toBe(200);
      expect(fake.callsOf("POST /v2/datasets")[0]!.body).toEqual({ name: "logs", kind: "axiom:events:v1", description: "" });
      fake.verify();
      await post({ name: 7, kind: "axiom:events:v1", description: "" }).catch(() => undefined);
      expect(fake.failures.map((failure) => failure.message)).toEqual([
        "POST /v2/datasets: the request body doesn't match the spec: at /name: expected string, came number",
      ]);
    });
  });

  it("leaves a body it can't decode (zstd) unread, for the handler to read: every byte as it was sent", async () => {
    const sent = Uint8Array.from({ length: 512 }, (_, index) => (index * 7) % 256);
    await wired(async (fake, fetch) => {
      let received: Uint8Array | undefined;
      fake.on(INGEST, async ({ body, request }) => {
        expect(body).toBeUndefined();
        received = new Uint8Array(await request.arrayBuffer());
        return { status: 200, body: { ingested: 1, failed: 0, processedBytes: received.length } };
      });
      const response = await fetch("https://api.axiom.co/v1/datasets/logs/ingest", {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/x-ndjson", "content-encoding": "zstd" },
        body: sent,
      });
      expect(response.status).toBe(200);
      expect(received).toEqual(sent);
      fake.verify();
    });
  });

  it("fails a body that says it is gzip-encoded but isn't, naming the operation, not quoting the body", async () => {
    await wired(async (fake, fetch) => {
      const answered = await fetch("https://api.axiom.co/v1/datasets/logs/ingest", {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/x-ndjson", "content-encoding": "gzip" },
        body: Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0xff, 0x00]),
      }).catch((error: Error) => error);
      expect(answered instanceof Error || answered.status == 400).toBe(true);
      expect(fake.failures.map((failure) => failure.message)).toEqual([
        "POST /v1/datasets/{dataset_name}/ingest: the request says its body is gzip-encoded, but it isn't",
      ]);
    });
  });

  it("fails a body that says it is JSON but isn't with a FakeError, recorded, not a connection error", async () => {
    await wired(async (fake, fetch) => {
      const answered = await fetch("https://api.axiom.co/v2/datasets", {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body: '{"name": "logs", "token": "xaat-binary-secret"',
      }).catch((error: Error) => error);
      expect(answered instanceof Error || answered.status == 400).toBe(true);
      expect(fake.failures.map((failure) => failure.message)).toEqual(["POST /v2/datasets: the request says its body is JSON, but it isn't"]);
      expect(() => fake.verify()).toThrow("the fake saw 1 failure");
    });
  });
}

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
}
