import type { Middleware } from "openapi-fetch";
import { GalaxiomError } from "../errors.js";

/** The generated `<api>.security.ts` tables: schemes by name, and each operation's `security` alternatives. */
export interface SecurityTable {
  schemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>;
  operations: Record<string, string[][]>;
}

/** What a client can present, by kind of scheme. Functions run per request, so keys may rotate or load lazily. */
export interface Credentials {
  /** For `apiKey` schemes; the header (or query) name comes from the spec. */
  apiKey?: () => string | Promise<string>;
  /** For `http` bearer, `oauth2` and `openIdConnect` schemes. */
  bearer?: () => string | Promise<string>;
  /** For `http` basic schemes. */
  basic?: () => { username: string; password: string };
  /** Sent along with credentials (e.g. Axiom's org id); never on an operation that takes none. */
  headers?: Record<string, string>;
}

type Kind = "apiKey" | "bearer" | "basic";

function kindOf({ type, scheme }: SecurityTable["schemes"][string]): Kind | undefined {
  if (type === "apiKey") return "apiKey";
  if (type === "oauth2" || type === "openIdConnect") return "bearer";
  const http = scheme?.toLowerCase();
  return type === "http" && (http === "bearer" || http === "basic") ? http : undefined;
}

/**
 * Attach exactly the credentials the operation's `security` asks for: the first alternative (in spec order)
 * whose schemes this client can all satisfy. `security: []` gets none, so a public endpoint never sees a key.
 */
export function securityMiddleware(table: SecurityTable, credentials: Credentials): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      const alternatives = table.operations[`${request.method} ${schemaPath}`] ?? [];
      if (alternatives.length === 0) return undefined;
      const kinds = (names: string[]) => names.map((name) => table.schemes[name] && kindOf(table.schemes[name]));
      const chosen = alternatives.find((names) => kinds(names).every((kind) => kind !== undefined && credentials[kind]));
      if (!chosen) {
        const wanted = alternatives.map((names) => names.join(" + ")).join(" or ");
        throw new GalaxiomError(`${request.method} ${schemaPath} needs ${wanted} credentials, which this client was not given`);
      }
      if (chosen.length === 0) return undefined;
      const { headers } = request;
      const url = new URL(request.url);
      for (const name of chosen) {
        const scheme = table.schemes[name]!;
        const kind = kindOf(scheme)!;
        if (kind === "basic") {
          const { username, password } = credentials.basic!();
          headers.set("Authorization", `Basic ${base64(`${username}:${password}`)}`);
        } else if (kind === "bearer") {
          headers.set("Authorization", `Bearer ${await credentials.bearer!()}`);
        } else if (scheme.in === "query") {
          url.searchParams.set(scheme.name!, await credentials.apiKey!());
        } else if (scheme.in === "cookie") {
          headers.append("Cookie", `${scheme.name}=${encodeURIComponent(await credentials.apiKey!())}`);
        } else {
          headers.set(scheme.name!, await credentials.apiKey!());
        }
      }
      for (const [name, value] of Object.entries(credentials.headers ?? {})) headers.set(name, value);
      return url.href === request.url ? undefined : new Request(url, request);
    },
  };
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
