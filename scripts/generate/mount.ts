import type { OpenAPIDocument } from "../lib/load-spec.js";
import { fromPointer, isObject, toPointer } from "../lib/json-pointer.js";
import { HTTP_METHODS } from "../lib/http-methods.js";
import { SpecError } from "../lib/spec-error.js";

/** Where a vendor document's operations and components go in its API's merged description. */
export interface Mount {
  /**
   * The base path the document's server is at (Axiom's `/v1`, `/v2`): its paths are prefixed with it, and its
   * server becomes the origin, so that documents of one host with clashing paths can share a client.
   */
  pathPrefix?: string;
  /**
   * Prepended to every component name (and every `$ref` to one) and operationId, so that two versions'
   * schemas and operations can't clash.
   */
  namePrefix?: string;
}

/**
 * A selected vendor document made ready to merge: path keys that carry a query string lose it (openapi-fetch
 * appends the query parameters to the path, so `?format=tabular` would be sent twice), then the mount applies.
 * The input is not modified; every refusal names the file and JSON pointer.
 */
export function mountDocument(document: OpenAPIDocument, mount: Mount, file: string): OpenAPIDocument {
  let result = withoutQueryInPaths(document, file);
  if (mount.pathPrefix !== undefined) result = withPathPrefix(result, mount.pathPrefix, file);
  if (mount.namePrefix !== undefined) result = withComponentPrefix(result, mount.namePrefix);
  return result;
}

/**
 * `/datasets/_apl?format=tabular` → `/datasets/_apl`. The query string's names must be declared as query
 * parameters of every operation there, so the call still sends them (typed, and required if the spec says so).
 */
function withoutQueryInPaths(document: OpenAPIDocument, file: string): OpenAPIDocument {
  const keys = Object.keys(document.paths ?? {});
  if (!keys.some((key) => key.includes("?"))) return document;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of keys) {
    const item = document.paths![key]!;
    const [bare = key, query = ""] = key.split(/\?(.*)/s);
    if (query !== "") {
      for (const name of new URLSearchParams(query).keys()) {
        for (const method of HTTP_METHODS) {
          if (item[method] !== undefined && !declaresQuery(document, item, item[method], name)) {
            throw new SpecError(`the path key fixes the query parameter "${name}", which ${method.toUpperCase()} doesn't declare; declare it in an overlay`, {
              file,
              pointer: toPointer("paths", key, method),
            });
          }
        }
      }
    }
    if (paths[bare] !== undefined) {
      throw new SpecError(`the path "${bare}" is also declared with a query string; only one of them can be called`, {
        file,
        pointer: toPointer("paths", key),
      });
    }
    paths[bare] = item;
  }
  return { ...document, paths };
}

function declaresQuery(document: OpenAPIDocument, item: Record<string, unknown>, operation: unknown, name: string): boolean {
  const parameters = [...asArray(item.parameters), ...asArray((operation as { parameters?: unknown }).parameters)];
  return parameters.some((parameter) => {
    const resolved = isObject(parameter) && typeof parameter.$ref === "string" ? resolveLocal(document, parameter.$ref) : parameter;
    return isObject(resolved) && resolved.in === "query" && resolved.name === name;
  });
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function resolveLocal(document: OpenAPIDocument, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = document;
  for (const key of fromPointer(ref)) node = isObject(node) ? node[key] : undefined;
  return node;
}

/** Paths under `prefix`, served from the origin of the document's servers, which must all be at that base path. */
function withPathPrefix(document: OpenAPIDocument, prefix: string, file: string): OpenAPIDocument {
  const servers = document.servers ?? [];
  if (servers.length === 0) {
    throw new SpecError(`has no servers, so it can't be confirmed that its paths are under ${prefix} (pathPrefix in apis.yaml)`, { file, pointer: "/servers" });
  }
  const mounted = servers.map((server, index) => {
    const url = URL.canParse(server.url) ? new URL(server.url) : undefined;
    if (!url || url.pathname.replace(/\/+$/, "") !== prefix) {
      throw new SpecError(`the server "${server.url}" is not at ${prefix}, the pathPrefix apis.yaml gives this spec; is it another version?`, {
        file,
        pointer: toPointer("servers", index, "url"),
      });
    }
    return { ...server, url: url.origin };
  });
  const paths = Object.fromEntries(Object.entries(document.paths ?? {}).map(([key, item]) => [`${prefix}${key}`, item]));
  return { ...document, servers: mounted, paths };
}

const COMPONENT_REF = /^#\/components\/([^/]+)\/([^/]+)$/;

/**
 * Every component renamed `${prefix}${name}`, and everything that names one: `$ref`s, discriminator mappings,
 * security requirements; operationIds too.
 */
function withComponentPrefix(document: OpenAPIDocument, prefix: string): OpenAPIDocument {
  const renameRef = (ref: string): string => {
    const match = COMPONENT_REF.exec(ref);
    return match ? `#/components/${match[1]}/${prefix}${match[2]}` : ref;
  };
  const renameSecurity = (requirements: unknown): unknown =>
    Array.isArray(requirements)
      ? requirements.map((requirement) =>
          isObject(requirement) ? Object.fromEntries(Object.entries(requirement).map(([name, scopes]) => [`${prefix}${name}`, scopes])) : requirement,
        )
      : requirements;
  const visit = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return key === "security" ? renameSecurity(node) : node.map((item) => visit(item));
    if (!isObject(node)) return node;
    const copy: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(node)) {
      if (name === "$ref" && typeof value === "string") copy[name] = renameRef(value);
      else if (name === "operationId" && typeof value === "string" && key !== undefined && HTTP_METHODS.includes(key as (typeof HTTP_METHODS)[number])) {
        copy[name] = `${prefix}${value}`;
      } else if (name === "mapping" && key === "discriminator" && isObject(value)) {
        copy[name] = Object.fromEntries(
          Object.entries(value).map(([tag, target]) => [
            tag,
            typeof target === "string" && !target.includes("/") ? `${prefix}${target}` : renameRef(String(target)),
          ]),
        );
      } else copy[name] = visit(value, name);
    }
    return copy;
  };
  const { components, ...rest } = document;
  const renamed = visit(rest) as OpenAPIDocument;
  if (components !== undefined) {
    renamed.components = Object.fromEntries(
      Object.entries(components).map(([type, entries]) => [
        type,
        Object.fromEntries(Object.entries(entries ?? {}).map(([name, value]) => [`${prefix}${name}`, visit(value)])),
      ]),
    );
  }
  return renamed;
}
