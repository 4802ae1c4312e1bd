import type { OpenAPIDocument } from "../lib/load-spec.js";
import { fromPointer, isObject, resolvePointer, toPointer } from "../lib/json-pointer.js";

export type Json = Record<string, unknown>;

/** An object in one of the documents and the JSON pointer to it. */
export interface Located {
  value: Json;
  pointer: string;
}

/** One of the two documents being compared, with `$ref` resolution cached per reference. */
export interface Side {
  doc: OpenAPIDocument;
  /** Follow `$ref`s from `value` (found at `pointer`) to the object they name; undefined for a dangling `$ref` or a non-object. */
  deref(value: unknown, pointer: string): Located | undefined;
}

export const isJson: (value: unknown) => value is Json = isObject;

/** The pointer to a child of `pointer`, escaping `/` and `~` in the keys. */
export function child(pointer: string, ...keys: Array<string | number>): string {
  let result = pointer;
  // Most keys need no escaping; skipping the regexes for them matters on a 10 MB document.
  for (const key of keys) result += typeof key === "number" || !/[~/]/.test(key) ? `/${key}` : toPointer(key);
  return result;
}

export function refOf(value: unknown): string | undefined {
  return isJson(value) && typeof value.$ref === "string" ? value.$ref : undefined;
}

export function createSide(doc: OpenAPIDocument): Side {
  const targets = new Map<string, Located | undefined>();
  const lookup = (ref: string): Located | undefined => {
    if (!targets.has(ref)) targets.set(ref, ref.startsWith("#") ? locate(doc, ref.slice(1)) : undefined);
    return targets.get(ref);
  };
  return {
    doc,
    deref(value, pointer) {
      let current: Located | undefined = isJson(value) ? { value, pointer } : undefined;
      // A chain of $refs that loops back on itself names nothing; the seen-set stops it.
      const seen = new Set<string>();
      for (let ref = refOf(value); current && ref !== undefined; ref = refOf(current?.value)) {
        if (seen.has(ref)) return undefined;
        seen.add(ref);
        current = lookup(ref);
      }
      return current;
    },
  };
}

function locate(doc: unknown, fragment: string): Located | undefined {
  const node = resolvePointer(doc, fragment);
  // Re-encode the keys so the pointer is a plain JSON pointer even when the $ref was %-escaped.
  return isJson(node) ? { value: node, pointer: toPointer(...fromPointer(fragment)) } : undefined;
}
