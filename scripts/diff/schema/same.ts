import { MAX_DEPTH } from "../../lib/document-bounds.js";
import type { DiffContext } from "../context.js";

/**
 * The two values (`a` in the old document, `b` in the new) are equal whatever their key order, and so is everything
 * their `$ref`s reach: each `$ref` names the same place on both sides, and what it names is equal in turn. Then
 * nothing they describe can differ, so there is nothing to compare. Most of a large spec is unchanged from one
 * version to the next; this check is far cheaper than normalising and comparing, and bails out at the first
 * difference. What a reference names is judged once per run (ctx.sameRefs). Values nested deeper than a document
 * may be, counting the levels their `$ref`s lead through, are not judged the same: the comparison that follows
 * bounds its own depth, and says where it stopped, where this recursion would overflow the stack.
 */
export function sameThroughRefs(ctx: DiffContext, a: unknown, b: unknown): boolean {
  // References under comparison, or found equal during this call: a reference met again is taken as equal. A
  // difference anywhere makes this whole call false, so those are known equal only once the call returns true.
  const assumed = new Set<string>();
  const sameTarget = (ref: string, depth: number): boolean => {
    const known = ctx.sameRefs.get(ref);
    if (known !== undefined) return known;
    if (assumed.has(ref)) return true;
    assumed.add(ref);
    const [old, now] = [ctx.old.deref({ $ref: ref }, ""), ctx.new.deref({ $ref: ref }, "")];
    const same = old === undefined || now === undefined ? old === now : equal(old.value, now.value, depth);
    if (!same) ctx.sameRefs.set(ref, false);
    return same;
  };
  const equal = (x: unknown, y: unknown, depth: number): boolean => {
    if (typeof x !== "object" || x === null || typeof y !== "object" || y === null) return x === y;
    if (depth > MAX_DEPTH) return false;
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      return x.every((item, i) => equal(item, y[i], depth + 1));
    }
    const [p, q] = [x as Record<string, unknown>, y as Record<string, unknown>];
    const keys = Object.keys(p);
    if (keys.length !== Object.keys(q).length) return false;
    return keys.every((key) => {
      if (!Object.hasOwn(q, key)) return false;
      const [u, v] = [p[key], q[key]];
      // A string `$ref` is a reference (a property may be named `$ref`: its value is an object).
      if (key === "$ref" && typeof u === "string") return u === v && sameTarget(u, depth + 1);
      return equal(u, v, depth + 1);
    });
  };
  const result = equal(a, b, 0);
  if (result) for (const ref of assumed) ctx.sameRefs.set(ref, true);
  return result;
}
