/** RFC 6901 JSON pointers, built from and split into raw keys, and followed into JSON data. */
export function toPointer(...segments: Array<string | number>): string {
  let pointer = "";
  for (const segment of segments) pointer += `/${escapeSegment(String(segment))}`;
  return pointer;
}

function escapeSegment(segment: string): string {
  // Most keys need no escape; the diff builds pointers for every node it compares.
  return segment.includes("~") || segment.includes("/") ? segment.replace(/~/g, "~0").replace(/\//g, "~1") : segment;
}

export function fromPointer(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return pointer === "" ? [] : [""];
  const segments = pointer.slice(pointer.startsWith("#") ? 2 : 1).split("/");
  // Most pointers escape nothing: one test for the whole, not one per segment (every $ref of a 13 MB document is split).
  if (!/[%~]/.test(pointer)) return segments;
  return segments.map((segment) => (/[%~]/.test(segment) ? decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~") : segment));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value `pointer` (a JSON pointer, or a `#` fragment) names in `root`; undefined when it names nothing. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  let keys: string[];
  try {
    keys = fromPointer(pointer);
  } catch {
    return undefined; // a malformed %-escape names nothing
  }
  let node = root;
  for (const key of keys) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}
