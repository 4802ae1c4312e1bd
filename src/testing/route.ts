/** A request matched to an operation: its key ("GET /v2/datasets/{id}") and its path parameters, decoded. */
export interface Matched {
  key: string;
  path: Record<string, string>;
}

/** A template's segment, compiled once: a literal to compare as it is, or a parameter's name. */
type Segment = { literal: string } | { parameter: string };

interface Route {
  key: string;
  segments: Segment[];
}

/**
 * Finds the operation of a method and a URL path, among `keys` ("METHOD /path/{param}"). The path is split on
 * `/` as it came, still percent-encoded, so that an encoded slash stays inside its one segment; a parameter
 * takes one whole non-empty segment, decoded; a segment that can't be decoded matches no parameter. `.` and `..`
 * segments never reach here: URL parsing resolves them, as a server's would.
 */
export function router(keys: Iterable<string>): (method: string, pathname: string) => Matched | undefined {
  // By method and segment count, so that a call compares only the templates that could match it.
  const routes = new Map<string, Route[]>();
  for (const key of keys) {
    const space = key.indexOf(" ");
    const segments = key
      .slice(space + 1)
      .split("/")
      .map((segment): Segment => (/^\{[^{}]+\}$/.test(segment) ? { parameter: segment.slice(1, -1) } : { literal: segment }));
    const group = `${key.slice(0, space)} ${segments.length}`;
    const grouped = routes.get(group) ?? [];
    grouped.push({ key, segments });
    routes.set(group, grouped);
  }
  // Where templates overlap (`/datasets/query`, `/datasets/{id}`), the most literal wins.
  const literals = (route: Route) => route.segments.filter((segment) => "literal" in segment).length;
  for (const group of routes.values()) group.sort((a, b) => literals(b) - literals(a));
  return (method, pathname) => {
    const given = pathname.split("/");
    for (const route of routes.get(`${method} ${given.length}`) ?? []) {
      const path = matchSegments(route.segments, given);
      if (path) return { key: route.key, path };
    }
    return undefined;
  };
}

function matchSegments(template: Segment[], given: string[]): Record<string, string> | undefined {
  const path: Record<string, string> = {};
  for (let index = 0; index < template.length; index++) {
    const expected = template[index]!;
    const actual = given[index]!;
    if ("literal" in expected) {
      if (expected.literal != actual) return undefined;
      continue;
    }
    const value = decoded(actual);
    if (!value) return undefined;
    // Object.defineProperty: a parameter named `__proto__` is a property like any other.
    Object.defineProperty(path, expected.parameter, { value, enumerable: true, writable: true, configurable: true });
  }
  return path;
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
