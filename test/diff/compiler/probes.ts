import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as TS from "typescript";
import { emitTypes } from "../../../scripts/generate/emit-types.js";
import { ts } from "../../../scripts/lib/commonjs.js";
import type { OpenAPIDocument } from "../../../scripts/lib/load-spec.js";

/**
 * The `types` verdict, asked of TypeScript itself: both sides of a fixture pair go through the project's own
 * generator (openapi-typescript's Node API, as `npm run generate` runs it), and generated probes check, position by
 * position, that what code compiled against the old types did still compiles against the new ones. Every case's
 * modules and probes go into one program, so the whole corpus costs one `ts.createProgram`.
 *
 * A probe is one of:
 * - a presence check: a path, a method, a status, a media type, an `operations["…"]` or `components[…]["…"]` entry
 *   the old types had must still be there (`HasKey`/`Present` must be `true`);
 * - an assignability check in the direction data flows: what the app writes (parameters, request bodies; a webhook's
 *   responses) old → new, what the app reads (responses; a webhook's parameters and request body) new → old;
 * - a key check next to each assignability check (`NoMissing`), because assignability alone is weaker than "still
 *   compiles": an object literal the app wrote with a property the new type lacks fails the excess-property check,
 *   and reading a property the new type lacks fails too, though `{a}` is assignable to `{a; b?}` either way.
 *
 * What no probe looks at, because openapi-typescript emits nothing for it, so no verdict of it can be `breaking` in
 * `types`: servers, security schemes and requirements, `format`, bounds and patterns, `style`/`explode`, descriptions,
 * `readOnly`/`writeOnly` (openapi-typescript keeps both properties), and the JSON Schema keywords it ignores
 * (`contains`, `propertyNames`, `dependent*`, `if`/`then`/`else`, `not`, `unevaluated*`, `content*`). Those changes
 * still meet the probes of their case, which must then all compile.
 */

export type Mode = "write" | "read";

export interface Probe {
  /** Where, in words: `GET /t · query parameters (write)`. */
  position: string;
  text: string;
}

export interface Side {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface ProbeResult {
  positions: string[];
  /** Position → the compiler's messages there. */
  failures: Map<string, string[]>;
  /** A side openapi-typescript could not generate, or a diagnostic outside every probe. */
  errors: string[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const LOCATIONS = ["path", "query", "header", "cookie"] as const;
const COMPONENT_SECTIONS = ["schemas", "responses", "parameters", "requestBodies", "headers", "pathItems"] as const;

const HELPERS = `
/* Shared by every case's probes. */
/** \`Record<string, never>\`, openapi-typescript's empty \`operations\`, has every key, each of type never. */
export type HasKey<T, K extends PropertyKey> = [T] extends [never] ? false : K extends keyof T ? ([T[K]] extends [never] ? false : true) : false;
/** What code can do with a request body, whatever its media types: leave it out (optional), or pass one. */
export type BodyShape<T> = (undefined extends T ? undefined : never) | ([NonNullable<T>] extends [never] ? never : "a body");
export type Present<T> = [NonNullable<T>] extends [never] ? false : true;
type Depth = [never, 0, 1, 2, 3, 4, 5, 6, 7];
type AnyKeys<T> = T extends object ? keyof T : never;
type ValueAt<T, K> = T extends object ? (K extends keyof T ? T[K] : never) : never;
type Ours<T> = Exclude<T, undefined | null>;
/** The keys the old type lets code write ("write": in any member, as an object literal may) or read ("read": in every
 * member) that the new type no longer has, at any depth; never when there are none. */
export type Missing<O, N, M extends "write" | "read", D extends number = 8> = [D] extends [never]
  ? never
  : Ours<O> extends readonly (infer OE)[]
    ? Ours<N> extends readonly (infer NE)[] ? Missing<OE, NE, M, Depth[D]> : never
    : Ours<O> extends object
      ? Ours<N> extends object
        ? string extends (M extends "write" ? AnyKeys<Ours<N>> : keyof Ours<N>)
          ? never
          :
              | Exclude<M extends "write" ? AnyKeys<Ours<O>> : keyof Ours<O>, M extends "write" ? AnyKeys<Ours<N>> : keyof Ours<N>>
              | {
                  [K in (M extends "write" ? AnyKeys<Ours<O>> : keyof Ours<O>) & AnyKeys<Ours<N>>]: Missing<ValueAt<Ours<O>, K>, ValueAt<Ours<N>, K>, M, Depth[D]>;
                }[(M extends "write" ? AnyKeys<Ours<O>> : keyof Ours<O>) & AnyKeys<Ours<N>>]
        : never
      : never;
export type NoMissing<T extends never> = T;
`;

/** Follows local `$ref`s, as openapi-typescript's output does. */
function deref(document: Record<string, unknown>, node: unknown, seen = 0): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object" || seen > 20) return undefined;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref !== "string") return node as Record<string, unknown>;
  if (!ref.startsWith("#/")) return undefined;
  let target: unknown = document;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    target = target && typeof target === "object" ? (target as Record<string, unknown>)[key] : undefined;
  }
  return deref(document, target, seen + 1);
}

function keysOf(document: Record<string, unknown>, node: unknown): string[] {
  return Object.keys(deref(document, node) ?? {});
}

const lit = (key: string) => JSON.stringify(key);
const statusKey = (status: string) => (/^\d+$/.test(status) ? status : lit(status));

/** The probes of one case, in words and code: `Old` and `New` are its two generated modules. */
export function probesOf(before: Record<string, unknown>, after: Record<string, unknown>): Probe[] {
  const probes: Probe[] = [];
  let count = 0;
  const add = (position: string, lines: string[]) => probes.push({ position, text: lines.join("\n") });
  const presence = (position: string, check: string) => add(position, [`const p${count++}: ${check} = true;`]);
  const flow = (position: string, old: string, young: string, mode: Mode, keys = true) => {
    const [from, to] = mode === "write" ? [old, young] : [young, old];
    const n = count++;
    add(`${position} (${mode === "write" ? "old → new" : "new → old"})`, [
      `function p${n}(value: ${from}): ${to} { return value; }`,
      ...(keys ? [`type p${n}k = NoMissing<Missing<${old}, ${young}, "${mode}">>;`] : []),
    ]);
  };

  const operations = (root: "paths" | "webhooks", roles: { request: Mode; response: Mode }) => {
    const oldRoot = deref(before, before[root]) ?? {};
    for (const [key, itemRef] of Object.entries(oldRoot)) {
      const item = deref(before, itemRef) ?? {};
      const newItem = deref(after, deref(after, after[root])?.[key]);
      for (const method of METHODS) {
        const operation = deref(before, item[method]);
        if (!operation) continue;
        const where = `${root === "paths" ? "" : "webhook "}${method.toUpperCase()} ${key}`;
        const at = (side: "Old" | "New") => `${side}.${root}[${lit(key)}][${lit(method)}]`;
        presence(`${where} · the operation`, `HasKey<New.${root}, ${lit(key)}> extends true ? Present<${at("New")}> : false`);
        const newOperation = newItem && deref(after, newItem[method]);
        // The rest of an operation that is gone would only repeat that it is gone.
        if (!newOperation) continue;
        for (const location of LOCATIONS) {
          flow(
            `${where} · ${location} parameters`,
            `${at("Old")}["parameters"][${lit(location)}]`,
            `${at("New")}["parameters"][${lit(location)}]`,
            roles.request,
          );
        }
        const body = (side: "Old" | "New") => `${at(side)}["requestBody"]`;
        const oldBody = deref(before, operation.requestBody);
        const newBody = deref(after, newOperation.requestBody);
        // Code never builds or reads `requestBody` whole, `content` and all (a client takes the body of one media
        // type): what it does depend on is whether a body may, must or cannot be passed, and each media type's body.
        if (roles.request === "write" && (oldBody || newBody)) {
          flow(`${where} · request body presence`, `BodyShape<${body("Old")}>`, `BodyShape<${body("New")}>`, "write", false);
        }
        // Where the app reads the body (a webhook), one that is gone no longer compiles; one that is new was never read.
        if (roles.request === "read" && oldBody) presence(`${where} · request body`, `Present<${body("New")}>`);
        if (oldBody && newBody) {
          for (const media of keysOf(before, oldBody.content)) {
            const content = (side: "Old" | "New") => `NonNullable<${body(side)}>["content"]`;
            presence(`${where} · request body ${media}`, `HasKey<${content("New")}, ${lit(media)}>`);
            if (!keysOf(after, newBody.content).includes(media)) continue;
            flow(`${where} · request body ${media}`, `${content("Old")}[${lit(media)}]`, `${content("New")}[${lit(media)}]`, roles.request);
          }
        }
        const newResponses = deref(after, newOperation.responses) ?? {};
        for (const status of keysOf(before, operation.responses)) {
          const response = (side: "Old" | "New") => `${at(side)}["responses"][${statusKey(status)}]`;
          presence(`${where} · response ${status}`, `HasKey<${at("New")}["responses"], ${statusKey(status)}>`);
          if (!(status in newResponses)) continue;
          const oldResponse = deref(before, deref(before, operation.responses)?.[status]) ?? {};
          const newResponse = deref(after, newResponses[status]) ?? {};
          // Header by header: `headers` has a `[name: string]: unknown` index signature, which assignability of the
          // whole object lets stand in for a header that is gone; code reading it gets `unknown` instead of its type.
          for (const header of keysOf(before, oldResponse.headers)) {
            const at = (side: "Old" | "New") => `NonNullable<${response(side)}["headers"]>[${lit(header)}]`;
            flow(`${where} · response ${status} header ${header}`, at("Old"), at("New"), roles.response);
          }
          const newMedia = keysOf(after, newResponse.content);
          for (const media of keysOf(before, oldResponse.content)) {
            const content = (side: "Old" | "New") => `NonNullable<${response(side)}["content"]>`;
            presence(`${where} · response ${status} ${media}`, `HasKey<${content("New")}, ${lit(media)}>`);
            if (!newMedia.includes(media)) continue;
            flow(`${where} · response ${status} ${media}`, `${content("Old")}[${lit(media)}]`, `${content("New")}[${lit(media)}]`, roles.response);
          }
        }
      }
    }
  };

  operations("paths", { request: "write", response: "read" });
  // A webhook is an operation with the roles reversed: the server sends the request, the app answers.
  operations("webhooks", { request: "read", response: "write" });

  // `operations["…"]`: openapi-typescript names each operation with an operationId there.
  for (const [key, itemRef] of Object.entries(deref(before, before.paths) ?? {})) {
    const item = deref(before, itemRef) ?? {};
    for (const method of METHODS) {
      const id = deref(before, item[method])?.operationId;
      if (typeof id === "string") presence(`operations[${lit(id)}] (${method.toUpperCase()} ${key})`, `HasKey<New.operations, ${lit(id)}>`);
    }
  }

  // Components are named in code by name only; their contents are checked where paths use them (a schema taken and
  // returned by the same operation is judged both ways there), so an unused component is checked for presence only.
  const components = deref(before, before.components) ?? {};
  for (const section of COMPONENT_SECTIONS) {
    for (const name of keysOf(before, components[section])) {
      presence(`components[${lit(section)}][${lit(name)}]`, `HasKey<New.components[${lit(section)}], ${lit(name)}>`);
    }
  }
  return probes;
}

// As an app compiles them (strict), with bundler resolution so the probes import their modules without extensions.
// The DOM lib: generated types name web types (a binary body's Blob, a form's FormData).
const OPTIONS: TS.CompilerOptions = { strict: true, noEmit: true, skipDefaultLibCheck: true, types: [], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] };
Object.assign(OPTIONS, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });

/**
 * Generates both sides of every pair, writes each case's probes, compiles everything as one program, and maps each
 * diagnostic back to its case and position.
 */
export async function checkPairs(pairs: Side[]): Promise<ProbeResult[]> {
  const root = mkdtempSync(path.join(tmpdir(), "galaxiom-diff-probes-"));
  const files = new Map<string, string>([[path.join(root, "helpers.ts"), HELPERS]]);
  const results: ProbeResult[] = [];
  const spans = new Map<string, Array<{ start: number; end: number; position: string; result: ProbeResult }>>();

  for (const [index, pair] of pairs.entries()) {
    const result: ProbeResult = { positions: [], failures: new Map(), errors: [] };
    results.push(result);
    const dir = path.join(root, `case${index}`);
    try {
      // openapi-typescript bundles its input in place, and fixtures share nodes between sides through YAML anchors.
      const [old, young] = [await emitTypes(structuredClone(pair.before) as OpenAPIDocument), await emitTypes(structuredClone(pair.after) as OpenAPIDocument)];
      files.set(path.join(dir, "old.ts"), old.text);
      files.set(path.join(dir, "new.ts"), young.text);
    } catch (error) {
      result.errors.push(`openapi-typescript: ${(error as Error).message}`);
      continue;
    }
    let text = `import type * as Old from "./old";\nimport type * as New from "./new";\nimport type { BodyShape, HasKey, Present, Missing, NoMissing } from "../helpers";\n\n`;
    const caseSpans: Array<{ start: number; end: number; position: string; result: ProbeResult }> = [];
    for (const probe of probesOf(pair.before, pair.after)) {
      result.positions.push(probe.position);
      const start = text.length;
      text += `// ${probe.position.replace(/\n/g, " ")}\n${probe.text}\n`;
      caseSpans.push({ start, end: text.length, position: probe.position, result });
      text += "\n";
    }
    const probeFile = path.join(dir, "probes.ts");
    files.set(probeFile, text);
    spans.set(probeFile, caseSpans);
  }

  // A temporary folder on disk, so that the compiler's own host reads it: ~650 small files cost milliseconds.
  for (const [name, text] of files) {
    mkdirSync(path.dirname(name), { recursive: true });
    writeFileSync(name, text);
  }
  const program = ts.createProgram([...spans.keys()], OPTIONS);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  rmSync(root, { recursive: true, force: true });
  for (const diagnostic of diagnostics) {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
    const file = diagnostic.file && path.resolve(diagnostic.file.fileName);
    const span = file && spans.get(file)?.find(({ start, end }) => diagnostic.start! >= start && diagnostic.start! < end);
    if (span) {
      span.result.failures.set(span.position, [...(span.result.failures.get(span.position) ?? []), message]);
    } else {
      const owner = file ? /case(\d+)/.exec(file)?.[1] : undefined;
      const where = file ? path.relative(root, file) : "(compiler)";
      (owner !== undefined ? results[Number(owner)]! : results[0]!).errors.push(`${where}: ${message}`);
    }
  }
  return results;
}
