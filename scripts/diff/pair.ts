import { HTTP_METHODS } from "../lib/http-methods.js";
import type { DiffContext } from "./context.js";
import { sameThroughRefs } from "./schema/same.js";
import { child, isJson, type Json, type Located, type Side } from "./side.js";

/** One operation in one document. */
export interface OperationSide {
  path: string;
  method: string;
  /** Pointer to the operation object. */
  pointer: string;
  operation: Json;
  pathItem: Located;
}

/** The same endpoint in both documents; path parameters may have been renamed (old name → new name). */
export interface OperationPair {
  old: OperationSide;
  new: OperationSide;
  renamedParameters: Map<string, string>;
}

export interface MatchedOperations {
  pairs: OperationPair[];
  removed: OperationSide[];
  added: OperationSide[];
}

/**
 * Pair operations by method and path. A path that differs only in the names of its parameters
 * (`/datasets/{id}` → `/datasets/{dataset_id}`) is the same URL, so the same endpoint.
 */
export function matchOperations(ctx: DiffContext, root: "paths" | "webhooks" = "paths"): MatchedOperations {
  const before = operationsOf(ctx.old, root);
  const after = operationsOf(ctx.new, root);
  const unpaired = new Map(after.map((op) => [`${op.method} ${op.path}`, op]));
  const byTemplate = new Map(after.map((op) => [`${op.method} ${template(op.path)}`, op]));
  const pairs: OperationPair[] = [];
  const removed: OperationSide[] = [];
  const take = (op: OperationSide) => unpaired.delete(`${op.method} ${op.path}`);
  for (const old of before) {
    const exact = unpaired.get(`${old.method} ${old.path}`);
    const renamed = exact ? undefined : byTemplate.get(`${old.method} ${template(old.path)}`);
    const now = exact ?? (renamed && unpaired.has(`${renamed.method} ${renamed.path}`) ? renamed : undefined);
    if (!now) {
      removed.push(old);
      continue;
    }
    take(now);
    pairs.push({ old, new: now, renamedParameters: renamedParameters(old.path, now.path) });
  }
  return { pairs, removed, added: [...unpaired.values()] };
}

/**
 * Nothing an operation check reads differs: the path is written the same, the operation and its path item's
 * parameters are equal through their `$ref`s, and so is the document's `security`, which it may inherit. Most
 * operations of a new version are like this, and skipping them halves the time of a diff with few changes.
 */
export function unchanged(ctx: DiffContext, pair: OperationPair): boolean {
  return (
    pair.old.path === pair.new.path &&
    sameThroughRefs(ctx, pair.old.operation, pair.new.operation) &&
    sameThroughRefs(ctx, pair.old.pathItem.value.parameters, pair.new.pathItem.value.parameters) &&
    sameThroughRefs(ctx, ctx.old.doc.security, ctx.new.doc.security)
  );
}

/** The operations under `paths`, or under `webhooks` (OpenAPI 3.1: path items keyed by a name instead of a path). */
function operationsOf(side: Side, root: "paths" | "webhooks"): OperationSide[] {
  const found: OperationSide[] = [];
  const items = side.doc[root];
  for (const [path, raw] of Object.entries(isJson(items) ? items : {})) {
    const pathItem = side.deref(raw, child(`/${root}`, path));
    if (!pathItem) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem.value[method];
      if (isJson(operation)) found.push({ path, method, pointer: child(pathItem.pointer, method), operation, pathItem });
    }
  }
  return found;
}

/** The path with its parameter names blanked out: what the URL looks like on the wire. */
function template(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

function parameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1] ?? "");
}

function renamedParameters(oldPath: string, newPath: string): Map<string, string> {
  const now = parameterNames(newPath);
  return new Map(parameterNames(oldPath).flatMap((name, i) => (now[i] !== undefined && now[i] !== name ? [[name, now[i]] as const] : [])));
}

/** A parameter and where it is, keyed as `in:name` (header names are case-insensitive). */
export type Parameters = Map<string, Located>;

/** The operation's parameters: the path item's, overridden by the operation's own with the same location and name. */
export function parametersOf(side: Side, op: OperationSide, renamed: ReadonlyMap<string, string> = new Map()): Parameters {
  const found: Parameters = new Map();
  const add = (list: unknown, pointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const parameter = side.deref(raw, child(pointer, "parameters", i));
      if (!parameter || typeof parameter.value.name !== "string" || typeof parameter.value.in !== "string") return;
      const name = parameter.value.in === "path" ? (renamed.get(parameter.value.name) ?? parameter.value.name) : parameter.value.name;
      found.set(parameterKey(parameter.value.in, name), parameter);
    });
  };
  add(op.pathItem.value.parameters, op.pathItem.pointer);
  add(op.operation.parameters, op.pointer);
  return found;
}

export function parameterKey(location: string, name: string): string {
  return `${location}:${location === "header" ? name.toLowerCase() : name}`;
}
