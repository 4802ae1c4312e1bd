import { HTTP_METHODS } from "../lib/http-methods.js";

/** One API as `check` matches requests to it: its name, its server's origin, and its operations by path template. */
export interface ApiRoutes {
  name: string;
  /** The origin of the description's first server, when it names an absolute one. */
  origin: string | undefined;
  routes: Route[];
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments count: `/v2/tokens/current` beats `/v2/tokens/{id}`. */
  literals: number;
  methods: Set<string>;
}

/** The routes of a description: each path template and the methods it has. */
export function apiRoutes(name: string, document: { servers?: Array<{ url?: unknown }>; paths?: Record<string, object> }): ApiRoutes {
  const server = document.servers?.[0]?.url;
  const origin = typeof server == "string" && URL.canParse(server) ? new URL(server).origin : undefined;
  const routes = Object.entries(document.paths ?? {}).map(([template, item]) => {
    const segments = template.split("/");
    // A parameter is one segment or part of one (`/files/{name}.json`).
    const pattern = new RegExp(
      `^${segments
        .map((segment) =>
          segment
            .split(/\{[^}]*\}/)
            .map(escapeRegExp)
            .join("[^/]+"),
        )
        .join("/")}/?$`,
    );
    const methods = new Set(
      Object.keys(item)
        .filter((key) => HTTP_METHODS.includes(key as never))
        .map((key) => key.toUpperCase()),
    );
    return { template, pattern, literals: segments.filter((segment) => !segment.includes("{")).length, methods };
  });
  routes.sort((a, b) => b.literals - a.literals);
  return { name, origin, routes };
}

/**
 * The API and operation ("GET /v2/tokens/{id}") a request was for: the API whose server has the request's origin
 * (or `forced`, whatever the origin), then the most literal path template its path matches, with its method.
 */
export function findOperation(apis: ApiRoutes[], method: string, url: URL, forced?: string): { api: string; operation: string } | undefined {
  const candidates = forced === undefined ? apis.filter((api) => api.origin === url.origin) : apis.filter((api) => api.name === forced);
  for (const api of candidates) {
    const route = api.routes.find((candidate) => candidate.methods.has(method) && candidate.pattern.test(url.pathname));
    if (route) return { api: api.name, operation: `${method} ${route.template}` };
  }
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
