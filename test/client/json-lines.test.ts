import { describe, expect, it } from "vitest";
import { createAxiomClient, GalaxiomError, jsonLines } from "../../src/index.js";
import { useLoopback } from "../helpers/server.js";

const loopback = useLoopback();
const TOKEN = "xaat-lines-0123456789";

/** A stream of these byte chunks, counting how many were pulled and whether it was cancelled. */
function chunked(chunks: string[]) {
  const encoder = new TextEncoder();
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[seen.pulled++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe("jsonLines", () => {
  it("yields each line's value as it arrives, lines and characters split anywhere across chunks", async () => {
    const { stream } = chunked(['{"a":1}\n{"b":', '"é', '"}\n\n', "[1,2]\r\n", '"last, no newline"']);
    const values: unknown[] = [];
    for await (const value of jsonLines(stream)) values.push(value);
    expect(values).toEqual([{ a: 1 }, { b: "é" }, [1, 2], "last, no newline"]);
  });

  it("stops reading and cancels the body when the loop breaks", async () => {
    const { stream, seen } = chunked(['{"n":1}\n', '{"n":2}\n', '{"n":3}\n', '{"n":4}\n']);
    for await (const value of jsonLines<{ n: number }>(stream)) if (value.n == 2) break;
    expect(seen.pulled).toBeLessThanOrEqual(3);
    expect(seen.cancelled).toBe(true);
  });

  it("refuses a line longer than maxLineBytes, holding no more than that, and cancels the body", async () => {
    const { stream, seen } = chunked(['{"ok":true}\n', "x".repeat(600), "x".repeat(600), "x".repeat(600), "\n"]);
    const values: unknown[] = [];
    const error = await (async () => {
      for await (const value of jsonLines(stream, { maxLineBytes: 1000 })) values.push(value);
    })().catch((caught: unknown) => caught);
    expect(values).toEqual([{ ok: true }]);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe("line 2 of the JSON-lines body is longer than maxLineBytes (1000)");
    expect(seen.cancelled).toBe(true);
  });

  it("names the line that isn't JSON, without quoting it", async () => {
    const { stream } = chunked([`{"a":1}\n{"token": "${TOKEN}"\n`]);
    const error = await (async () => {
      for await (const _ of jsonLines(stream));
    })().catch((caught: unknown) => caught as Error);
    expect(String(error)).toBe("GalaxiomError: line 2 of the JSON-lines body is not JSON");
  });

  it("reads a response a client call left unparsed (parseAs: stream), from a loopback server", async () => {
    const rows = Array.from({ length: 1000 }, (_, n) => JSON.stringify({ n, pad: "x".repeat(100) })).join("\n");
    const server = await loopback((_, response) => {
      response.setHeader("content-type", "application/x-ndjson");
      // Written in pieces that cut lines in half.
      for (let at = 0; at < rows.length; at += 777) response.write(rows.slice(at, at + 777));
      response.end("\n");
    });
    const axiom = createAxiomClient({ token: TOKEN, baseUrl: server.origin });
    const { response } = await axiom.GET("/v2/datasets", { parseAs: "stream" });
    let count = 0;
    for await (const row of jsonLines<{ n: number }>(response)) expect(row.n).toBe(count++);
    expect(count).toBe(1000);
  });
});
