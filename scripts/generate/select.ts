import type { OpenAPIDocument } from "../lib/load-spec.js";
import { fromPointer } from "../lib/json-pointer.js";
import { HTTP_METHODS } from "../lib/http-methods.js";
import type { Selection } from "./config.js";

export interface SelectResult {
  document: OpenAPIDocument;
  /** Criteria that matched no operation, as "<kind>/<index>" (e.g. "operations/0"), so typos don't pass silently. */
  unmatched: string[];
}

/**
 * Keep the selected operations and exactly the components they reach (through `$ref`s, discriminator
 * mappings and security requirements), nothing else. Unlike Redocly's `remove-unused-components`,
 * components that only reference each other in a cycle are dropped too. The input is not modified.
 */
export function selectOperations(document: OpenAPIDocument, selection: Selection): SelectResult {
  const matched = new Set<string>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [pathKey, pathItem] of Object.entries(document.paths ?? {})) {
    const kept: Record<string, unknown> = {};
    let any = false;
    for (const [key, value] of Object.entries(pathItem)) {
      if (!(HTTP_METHODS as readonly string[]).includes(key)) {
        kept[key] = value;
        continue;
      }
      const hits = matches(selection, key, pathKey, value as Operation);
      if (hits === false) continue;
      for (const hit of hits) matched.add(hit);
      kept[key] = value;
      any = true;
    }
    if (any) paths[pathKey] = kept;
  }

  const { webhooks, ...rest } = document;
  const selected: OpenAPIDocument = { ...rest, paths };
  if (selection === "all" && webhooks !== undefined) selected.webhooks = webhooks;
  const unmatched =
    selection === "all"
      ? []
      : (["operations", "paths", "tags", "operationIds"] as const).flatMap((kind) =>
          selection[kind].flatMap((_, index) => (matched.has(`${kind}/${index}`) ? [] : [`${kind}/${index}`])),
        );
  return { document: pruneToReachable(selected), unmatched };
}

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
}

/** The criteria an operation matches, as "<kind>/<index>", or false when it is not selected. */
function matches(selection: Selection, method: string, pathKey: string, operation: Operation): string[] | false {
  if (selection === "all") return [];
  const hits = [
    ...indexesWhere(selection.operations, (o) => o === `${method.toUpperCase()} ${pathKey}`).map((i) => `operations/${i}`),
    ...indexesWhere(selection.paths, (glob) => globToRegExp(glob).test(pathKey)).map((i) => `paths/${i}`),
    ...indexesWhere(selection.tags, (tag) => operation.tags?.includes(tag) ?? false).map((i) => `tags/${i}`),
    ...indexesWhere(selection.operationIds, (id) => operation.operationId === id).map((i) => `operationIds/${i}`),
  ];
  return hits.length > 0 ? hits : false;
}

function indexesWhere<T>(list: T[], predicate: (item: T) => boolean): number[] {
  return list.flatMap((item, index) => (predicate(item) ? [index] : []));
}

/** `*` matches within one path segment, `**` across segments; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** Drop every component the paths, webhooks and security requirements don't reach. */
export function pruneToReachable(document: OpenAPIDocument): OpenAPIDocument {
  const components = document.components ?? {};
  const reached = new Set<string>();
  const queue: unknown[] = [document.paths, document.webhooks];

  const reach = (type: string, name: string) => {
    const key = `${type}/${name}`;
    if (reached.has(key)) return;
    reached.add(key);
    queue.push(components[type]?.[name]);
  };
  const reachSecurity = (requirements: unknown) => {
    if (!Array.isArray(requirements)) return;
    for (const requirement of requirements) for (const name of Object.keys(requirement ?? {})) reach("securitySchemes", name);
  };
  reachSecurity(document.security);

  while (queue.length > 0) {
    const node = queue.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") {
      const target = componentOfRef(record.$ref);
      if (target) reach(target.type, target.name);
    }
    if (Array.isArray(record.security)) reachSecurity(record.security);
    const mapping = (record.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping;
    if (mapping && typeof mapping === "object") {
      for (const ref of Object.values(mapping)) {
        const target = componentOfRef(ref.includes("/") ? ref : `#/components/schemas/${ref}`);
        if (target) reach(target.type, target.name);
      }
    }
    for (const [key, value] of Object.entries(record)) if (key !== "$ref") queue.push(value);
  }

  const kept: Record<string, Record<string, unknown>> = {};
  for (const [type, entries] of Object.entries(components)) {
    const names = Object.keys(entries ?? {}).filter((name) => reached.has(`${type}/${name}`));
    if (names.length > 0) kept[type] = Object.fromEntries(names.map((name) => [name, entries[name]]));
  }
  const usedTags = new Set(
    Object.values(document.paths ?? {}).flatMap((item) => HTTP_METHODS.flatMap((method) => (item[method] as Operation | undefined)?.tags ?? [])),
  );
  const { components: _dropped, tags, ...rest } = document;
  const result: OpenAPIDocument = { ...rest };
  if (tags !== undefined) result.tags = tags.filter((tag) => usedTags.has(tag.name));
  if (Object.keys(kept).length > 0) result.components = kept;
  return result;
}

/** "#/components/schemas/A~1B" → { type: "schemas", name: "A/B" }; other references → undefined. */
export function componentOfRef(ref: string): { type: string; name: string } | undefined {
  if (!ref.startsWith("#/components/")) return undefined;
  const [, type, name, ...rest] = fromPointer(ref);
  return type !== undefined && name !== undefined && rest.length === 0 ? { type, name } : undefined;
}
