import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The smallest valid OpenAPI 3.0 document, with `extra` (YAML at the top level) appended. */
export function spec(extra = ""): string {
  return `openapi: 3.0.3\ninfo: {title: Hostile, version: "1"}\npaths: {}\n${extra}`;
}

/**
 * "Billion laughs": nine anchors of nine aliases each, as a top-level `x-lol` block whose last anchor, `*i`, is
 * 9^9 (387 million) nodes once expanded, in ~700 bytes.
 */
export function laughs(): string {
  const lines = ["x-lol:", "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** A document whose one operation's response example is the billion laughs, where every tool looks. */
export function billionLaughs(): string {
  return `openapi: 3.0.3\ninfo: {title: Hostile, version: "1"}\n${laughs()}paths:\n  /lol:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, example: *i}\n`;
}

/** A schema nested `depth` levels deep through `properties`, as a JSON document (YAML parsers stop at 100). */
export function deeplyNestedJson(depth: number): string {
  const schema = `${'{"type":"object","properties":{"a":'.repeat(depth)}{}${"}}".repeat(depth)}`;
  return `{"openapi":"3.0.3","info":{"title":"Deep","version":"1"},"paths":{},"components":{"schemas":{"Deep":${schema}}}}`;
}

export interface LocalServer {
  base: string;
  /** Request paths in the order they arrived. */
  requests: string[];
  close: () => Promise<void>;
}

/** A node:http server on 127.0.0.1 for one test; `close` drops every connection, hanging ones included. */
export async function localServer(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
