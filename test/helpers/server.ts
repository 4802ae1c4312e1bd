import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: each server is an origin of its own. */
  origin: string;
  /** What it was sent, in order. */
  received: Received[];
  /** Resolves when the nth connection (from 1) has closed, whoever closed it. */
  closed(nth?: number): Promise<void>;
}

type Handler = (request: Received, response: ServerResponse) => void;

/**
 * Servers on 127.0.0.1 for one test file, each answering with `handler` once a request's body is in; every
 * one is closed, its connections cut, after each test.
 */
export function useLoopback(): (handler: Handler) => Promise<LoopbackServer> {
  const running: (() => void)[] = [];
  afterEach(() => {
    for (const stop of running.splice(0)) stop();
  });
  return async (handler) => {
    const received: Received[] = [];
    const closings: Promise<void>[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const entry = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString() };
        received.push(entry);
        handler(entry, response);
      });
    });
    server.on("connection", (socket) => closings.push(new Promise((resolve) => socket.on("close", () => resolve()))));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    running.push(() => {
      server.closeAllConnections();
      server.close();
    });
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      received,
      closed: async (nth = 1) => {
        while (closings.length < nth) await new Promise((resolve) => setTimeout(resolve, 5));
        await closings[nth - 1];
      },
    };
  };
}
