import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach } from "vitest";

/** One ingest request as the fake read it: the body decoded (gunzipped when it says gzip), split into records. */
export interface IngestRequest {
  dataset: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** The body's bytes as they came, before any gunzip. */
  wireBytes: number;
  /** Its lines (NDJSON events or CSV rows, a CSV header included), blank ones left out. */
  lines: string[];
}

/**
 * How the fake answers one ingest request, in the order requests come:
 * - `200`, the default: applies the events and answers with Axiom's status;
 * - another status: answers it with an Axiom error body, applying nothing;
 * - `"reset"`: reads the body, applies nothing, cuts the connection;
 * - `"reset while reading"`: cuts the connection at the body's first bytes;
 * - `"reset after applying"`: applies the events, then cuts the connection: the answer is lost;
 * - `"stop reading"`: reads nothing and never answers, as a stalled server;
 * - a function: answers as it likes, after the fake has read the body (applying nothing itself).
 */
export type Fault =
  | number
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | "reset"
  | "reset while reading"
  | "reset after applying"
  | "stop reading"
  | ((request: IngestRequest, response: ServerResponse) => void);

export interface FakeAxiom {
  origin: string;
  /** Every ingest request read, in order, answered or not. */
  requests: IngestRequest[];
  /** The lines the fake applied (answered 200 or cut after applying), by dataset, in order. */
  applied: Map<string, string[]>;
  /** Requests that arrived, read or not. */
  arrived(): number;
}

/**
 * A fake Axiom on 127.0.0.1 for one test file: `faults` script how each ingest request is answered, first
 * come first served, then 200s; `query` answers `/v1/datasets/_apl`. Closed, its connections cut, after each test.
 */
export function useFakeAxiom(): (faults?: Fault[], query?: (request: IncomingMessage, body: string, response: ServerResponse) => void) => Promise<FakeAxiom> {
  const running: (() => void)[] = [];
  afterEach(() => {
    for (const stop of running.splice(0)) stop();
  });
  return async (faults = [], query) => {
    const requests: IngestRequest[] = [];
    const applied = new Map<string, string[]>();
    let arrived = 0;
    const server = createServer((request, response) => {
      arrived++;
      const url = new URL(request.url!, "http://fake");
      const dataset = /^\/v1\/datasets\/([^/]+)\/ingest$/.exec(url.pathname)?.[1];
      const fault = dataset ? (faults.shift() ?? 200) : undefined;
      if (fault == "stop reading") return request.pause();
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => (fault == "reset while reading" ? request.socket.destroy() : chunks.push(chunk)));
      request.on("end", () => {
        const wire = Buffer.concat(chunks);
        if (!dataset) return query ? query(request, wire.toString(), response) : answer(response, 404, { message: "no such route" });
        const text = (request.headers["content-encoding"] == "gzip" ? gunzipSync(wire) : wire).toString();
        const read = {
          dataset: decodeURIComponent(dataset),
          query: url.searchParams,
          headers: request.headers,
          wireBytes: wire.length,
          lines: text.split("\n").filter((line) => line.trim()),
        };
        requests.push(read);
        if (typeof fault == "function") return fault(read, response);
        if (typeof fault == "object") return answer(response, fault.status, fault.body ?? { code: fault.status, message: "injected" }, fault.headers);
        if (typeof fault == "number" && fault != 200) return answer(response, fault, { code: fault, message: "injected" });
        if (fault != "reset") applied.set(read.dataset, [...(applied.get(read.dataset) ?? []), ...read.lines]);
        if (fault != 200) return request.socket.destroy();
        answer(response, 200, { ingested: read.lines.length, failed: 0, failures: [], processedBytes: wire.length, blocksCreated: 0, walLength: 1 });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    running.push(() => {
      server.closeAllConnections();
      server.close();
    });
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, applied, arrived: () => arrived };
  };
}

export function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}
