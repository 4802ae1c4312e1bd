import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

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

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** An OpenAPI 3.1 document whose one operation sends and returns `root`, with `schemas` as its components. */
export function schemaDocument(schemas: Record<string, Json>, root: string): Json {
  const body = { content: { "application/json": { schema: ref(root) } } };
  return {
    openapi: "3.1.0",
    info: { title: "Hostile", version: "1" },
    paths: { "/x": { post: { requestBody: body, responses: { "200": { description: "ok", ...body } } } } },
    components: { schemas },
  };
}

/** `S0` … `S<depth>`: each schema's `fan` properties all `$ref` the next one; the last is of type `leaf`. */
export function fanOut(depth: number, fan: number, leaf: string): Json {
  const schemas: Record<string, Json> = {};
  for (let level = 0; level < depth; level++) {
    const properties = Object.fromEntries(Array.from({ length: fan }, (_, i) => [`p${i}`, ref(`S${level + 1}`)]));
    schemas[`S${level}`] = { type: "object", properties };
  }
  schemas[`S${depth}`] = { type: leaf };
  return schemaDocument(schemas, "S0");
}

/** `L0` … `L<depth>`: each level's `left` and `right` lead to the next, `root` back to `L0`; the last is of type `leaf`. */
export function recursiveTree(depth: number, leaf: string): Json {
  const schemas: Record<string, Json> = {};
  for (let level = 0; level < depth; level++) {
    schemas[`L${level}`] = { type: "object", properties: { left: ref(`L${level + 1}`), right: ref(`L${level + 1}`), root: ref("L0") } };
  }
  schemas[`L${depth}`] = { type: leaf };
  return schemaDocument(schemas, "L0");
}

/** A query filter as APIs write them: its children are filters, and so is what it negates (`not`). */
function filter(next: string, value: Json = { type: "string" }): Json {
  return { type: "object", properties: { field: { type: "string" }, value, children: { type: "array", items: ref(next) } }, not: ref(next) };
}

/** The recursive `Filter`. */
export function recursiveFilter(): Json {
  return schemaDocument({ Filter: filter("Filter") }, "Filter");
}

/** `Filter` → `F1` → … → `F<n-1>` → `Filter`, each a filter whose children and `not` are the next, with `maxLength` i + 1. */
export function filterLoop(n: number): Json {
  const name = (i: number) => (i % n === 0 ? "Filter" : `F${i}`);
  const schemas = Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), filter(name(i + 1), { type: "string", maxLength: i + 1 })]));
  return schemaDocument(schemas, "Filter");
}

/** `C0` … `C<n>`, each `$ref`ing the next: through a property (`property`), or being only the `$ref` (`bare`). */
export function refChain(n: number, how: "property" | "bare", leaf = "string"): Json {
  const schemas: Record<string, Json> = {};
  for (let i = 0; i < n; i++) schemas[`C${i}`] = how === "bare" ? ref(`C${i + 1}`) : { type: "object", properties: { a: ref(`C${i + 1}`) } };
  schemas[`C${n}`] = { type: leaf };
  return schemaDocument(schemas, "C0");
}

/** `C0` → `C1` → … → `C<n-1>` → `C0` through a property `next`: a recursive schema n schemas around. */
export function refLoop(n: number): Json {
  return schemaDocument(
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`C${i}`, { type: "object", properties: { next: ref(`C${(i + 1) % n}`) } }])),
    "C0",
  );
}

/** The number of objects under `components`: an upper bound on the schemas a document holds. */
export function schemaObjects(document: Json): number {
  let count = 0;
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (!Array.isArray(value)) count++;
    for (const child of Object.values(value)) visit(child);
  };
  visit(document.components);
  return count;
}

export interface ChildDiff {
  changes?: Array<{ id: string; message: string }>;
  error?: string;
  spent: { pairs: number; findings: number };
}

/**
 * Diff two documents in a child process (diff-child.ts) with `heapMb` of heap and 25 s at most: input that
 * once took gigabytes or hours makes a regression fail this call, not the test run. A crash or a timeout rejects.
 */
export async function diffInChild(old: Json, now: Json, heapMb = 128): Promise<ChildDiff> {
  const folder = await mkdtemp(path.join(tmpdir(), "galaxiom-diff-child-"));
  try {
    const files = [path.join(folder, "old.json"), path.join(folder, "new.json")];
    await Promise.all([writeFile(files[0]!, JSON.stringify(old)), writeFile(files[1]!, JSON.stringify(now))]);
    const child = path.join(import.meta.dirname, "diff-child.ts");
    const args = [`--max-old-space-size=${heapMb}`, "--import", "tsx", child, ...files];
    // Killed before the test times out (vitest.config.ts), so nothing is left running.
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: import.meta.dirname, timeout: 25_000 });
    return JSON.parse(stdout) as ChildDiff;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
