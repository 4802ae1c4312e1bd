/**
 * The two schemas are equal, whatever their key order, and contain no `$ref`: nothing they describe can differ,
 * here or elsewhere, so there is nothing to compare. Most of a large spec is unchanged from one version to the next;
 * this check is far cheaper than normalising and comparing, and bails out at the first difference or `$ref`.
 */
export function sameWithoutRefs(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameWithoutRefs(item, b[i]));
  }
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => key !== "$ref" && key in y && sameWithoutRefs(x[key], y[key]));
}
