import type { RefSite } from "./document-bounds.js";
import type { OpenAPIDocument } from "./load-spec.js";
import { isObject, resolvePointer } from "./json-pointer.js";

/**
 * Parse a JSON OpenAPI 3.0/3.1 document, without looking at its references. Returns undefined whenever the full
 * loader must decide (YAML, invalid JSON, not OpenAPI 3.x), so every error message stays the loader's.
 */
export function parseOpenApiJson(text: string): OpenAPIDocument | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(document) || typeof document.openapi !== "string" || !/^3\.[01]\./.test(document.openapi) || !isObject(document.info)) {
    return undefined;
  }
  return document as unknown as OpenAPIDocument;
}

/**
 * Whether every reference in `document` (its `sites`, as inspectDocument lists them) points inside it and names
 * something there. Such a document needs no bundling, and skipping Redocly's bundle is an order of magnitude
 * faster on a large spec (the 13 MB GitHub description: ~0.1 s against ~2 s and 300 MB). An example's
 * `externalValue` is never bundled, so it does not count.
 */
export function isSelfContained(document: OpenAPIDocument, sites: readonly RefSite[]): boolean {
  const resolved = new Map<string, boolean>();
  for (const { kind, ref } of sites) {
    if (kind === "externalValue") continue;
    if (!resolved.has(ref)) resolved.set(ref, ref.startsWith("#") && resolvePointer(document, ref) !== undefined);
    if (!resolved.get(ref)) return false;
  }
  return true;
}
