/** A request matched to an operation: its key ("GET /v2/datasets/{id}") and its path parameters, decoded. */
export interface Matched {
  key: string;
  path: Record<string, string>;
}

interface Route {
  key: string;
  method: string;
  segments: string[];
  /** Literal segments: where templates overlap (`/datasets/query`, `/datasets/{id}`), the most literal wins. */
  literals: number;
}

/**
 * Finds the operation of a method and a URL path, among `keys` ("METHOD /path/{param}"). The path is split on
 * `/` as it came, still percent-encoded, so that an encoded slash stays inside its one segment; a parameter
 * takes one whole non-empty segment, decoded; a segment that can't be decoded matches no parameter. `.` and `..`
 * segments never reach here: URL parsing resolves them, as a server's would.
 */
export function router(keys: Iterable<string>): (method: string, pathname: string) => Matched | undefined {
  const routes: Route[] = [];
  for (const key of keys) {
    const space = key.indexOf(" ");
    const segments = key.slice(space + 1).split("/");
    routes.push({ key, method: key.slice(0, space), segments, literals: segments.filter((segment) => !isParameter(segment)).length });
  }
  routes.sort((a, b) => b.literals - a.literals);
  return (method, pathname) => {
    const given = pathname.split("/");
    for (const route of routes) {
      if (route.method != method || route.segments.length != given.length) continue;
      const path = matchSegments(route.segments, given);
      if (path) return { key: route.key, path };
    }
    return undefined;
  };
}

function isParameter(segment: string): boolean {
  return /^\{[^{}]+\}$/.test(segment);
}

function matchSegments(template: string[], given: string[]): Record<string, string> | undefined {
  const path: Record<string, string> = {};
  for (let index = 0; index < template.length; index++) {
    const expected = template[index]!;
    const actual = given[index]!;
    if (!isParameter(expected)) {
      if (expected != actual) return undefined;
      continue;
    }
    const value = decoded(actual);
    if (!value) return undefined;
    // Object.defineProperty: a parameter named `__proto__` is a property like any other.
    Object.defineProperty(path, expected.slice(1, -1), { value, enumerable: true, writable: true, configurable: true });
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
