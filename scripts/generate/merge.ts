import { isDeepStrictEqual } from "node:util";
import type { OpenAPIDocument } from "../lib/load-spec.js";
import { SpecError } from "../lib/spec-error.js";
import { toPointer } from "../lib/json-pointer.js";
import { HTTP_METHODS } from "../lib/http-methods.js";

export interface MergeInput {
  /** The file the document came from, as shown in messages. */
  file: string;
  document: OpenAPIDocument;
}

export interface MergeResult {
  document: OpenAPIDocument;
  /** Which file each path and component came from, keyed by JSON pointer, to locate later problems. */
  origins: Map<string, string>;
}

/**
 * Merge the documents of one API (e.g. Galileo v1 and v2) into one. Nothing is ever dropped: the same
 * component or operation twice is kept once when identical, and any difference is a SpecError naming both
 * files and the JSON pointer. Operations keep the security their own document gave them; the servers of
 * all inputs are listed, for the API's overlay to choose from.
 * Paths and components come out sorted, so the result doesn't depend on the order of the inputs.
 */
export function mergeDocuments(inputs: MergeInput[]): MergeResult {
  const [first] = inputs;
  if (!first) throw new Error("mergeDocuments needs at least one document");
  const origins = new Map<string, string>();
  const version = first.document.openapi.slice(0, 3);
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const sameRootSecurity = inputs.every(({ document }) => isDeepStrictEqual(document.security, first.document.security));

  const claim = (pointer: string, file: string, existing: unknown, incoming: unknown): boolean => {
    if (existing === undefined) {
      origins.set(pointer, file);
      return true;
    }
    if (isDeepStrictEqual(existing, incoming)) return false;
    throw new SpecError(
      `conflicts with ${origins.get(pointer)}, which defines ${pointer} differently; rename one in an overlay, or drop one from the selection`,
      { file, pointer },
    );
  };

  for (const { file, document } of inputs) {
    if (document.openapi.slice(0, 3) !== version) {
      throw new SpecError(`is OpenAPI ${document.openapi} but ${first.file} is ${first.document.openapi}; one API can't mix them`, {
        file,
        pointer: "/openapi",
      });
    }
    for (const [pathKey, item] of Object.entries(document.paths ?? {})) {
      const target = (paths[pathKey] ??= {});
      for (const [key, value] of Object.entries(item)) {
        const isOperation = (HTTP_METHODS as readonly string[]).includes(key);
        const operation = isOperation ? withInheritedDefaults(value as Record<string, unknown>, document, sameRootSecurity) : value;
        if (claim(toPointer("paths", pathKey, key), file, target[key], operation)) target[key] = operation;
      }
    }
    for (const [type, entries] of Object.entries(document.components ?? {})) {
      const target = (components[type] ??= {});
      for (const [name, value] of Object.entries(entries ?? {})) {
        if (claim(toPointer("components", type, name), file, target[name], value)) target[name] = value;
      }
    }
  }

  const merged: OpenAPIDocument = { ...first.document };
  merged.servers = unique(inputs.flatMap(({ document }) => document.servers ?? []));
  if (!sameRootSecurity) delete merged.security;
  merged.tags = unique(inputs.flatMap(({ document }) => document.tags ?? []));
  if (merged.tags.length === 0) delete merged.tags;
  merged.paths = sortKeys(paths);
  if (Object.keys(components).length > 0) {
    merged.components = sortKeys(Object.fromEntries(Object.entries(components).map(([type, entries]) => [type, sortKeys(entries)])));
  } else {
    delete merged.components;
  }
  return { document: merged, origins };
}

/**
 * When the inputs disagree on root `security`, write each document's root value into its operations,
 * so merging never changes what an operation requires.
 */
function withInheritedDefaults(operation: Record<string, unknown>, document: OpenAPIDocument, sameRootSecurity: boolean) {
  if (sameRootSecurity || operation.security !== undefined || document.security === undefined) return operation;
  return { ...operation, security: document.security };
}

function unique<T>(items: T[]): T[] {
  return items.filter((item, index) => items.findIndex((other) => isDeepStrictEqual(other, item)) === index);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
