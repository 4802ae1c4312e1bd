import type { ResolvedOptions } from "../core/options.js";
import { GalaxiomError, type Operation } from "../errors.js";

/** The generated `<api>.security.ts` tables: schemes by name, and each operation's `security` alternatives. */
export interface SecurityTable {
  schemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>;
  operations: Record<string, string[][]>;
}

/** A credential, read at each attempt so that keys may rotate or load lazily, and tokens renew. */
export interface Secret {
  read(): string | Promise<string>;
  /** For a token that can be renewed: forget `value`, so that the next read gets a fresh one. */
  invalidate?(value: string): void;
}

/** What a client can present, by kind of scheme. */
export interface Credentials {
  /** For `apiKey` schemes in a header, whose name comes from the spec. */
  apiKey?: Secret;
  /** For `http` bearer, `oauth2` and `openIdConnect` schemes. */
  bearer?: Secret;
  /** For `http` basic schemes. */
  basic?: { username: string; password: string };
  /** Sent along with credentials (e.g. Axiom's org id); never on an operation that takes none. */
  headers?: Record<string, string>;
}

/** Drops a refused token so that the next attempt gets a fresh one. */
export type Renew = () => void;

/**
 * Sets an operation's credentials on one attempt's request, at once or after waiting for a secret, and returns
 * how to renew them after a 401 when they can be.
 */
export type Authorizer = (request: Request, operation: Operation) => Renew | undefined | Promise<Renew | undefined>;

/** A string, or a function returning one (sync or async), as a Secret. */
export function secretOf(value: string | (() => string | Promise<string>)): Secret {
  return { read: typeof value == "string" ? () => value : value };
}

type Step = { header: string; kind: "apiKey" | "bearer" | "basic" };

function stepFor({ type, in: location, name, scheme }: SecurityTable["schemes"][string]): Step | undefined {
  // An API key goes in a header only: keys in query strings and cookies end up in logs.
  if (type == "apiKey") return location == "header" && name ? { header: name, kind: "apiKey" } : undefined;
  const http = type == "oauth2" || type == "openIdConnect" ? "bearer" : type == "http" && scheme?.toLowerCase();
  return http == "bearer" || http == "basic" ? { header: "Authorization", kind: http } : undefined;
}

/**
 * For each operation, the first alternative of its `security` (in spec order) whose schemes this client can
 * all satisfy, worked out once; `security: []` gets no credentials, so a public endpoint never sees a key.
 * An operation no alternative fits gets the reason instead, thrown when it is called.
 */
function plan(table: SecurityTable, credentials: Credentials): Map<string, Step[] | string> {
  const plans = new Map<string, Step[] | string>();
  for (const [operation, alternatives] of Object.entries(table.operations)) {
    const steps = alternatives.map((names) => names.map((name) => table.schemes[name] && stepFor(table.schemes[name])));
    const chosen = alternatives.length ? steps.find((alternative) => alternative.every((step) => step && credentials[step.kind])) : [];
    plans.set(operation, (chosen as Step[] | undefined) ?? `needs ${alternatives.join(" or ")} credentials, which this client lacks`);
  }
  return plans;
}

/** Credentials never travel over plain http://, except to this machine. */
export function assertSecureTransport(url: string, where: string): void {
  const { protocol, hostname } = new URL(url);
  if (protocol == "http:" && !/^(localhost|127(\.\d+){3}|\[::1\])$/i.test(hostname)) {
    throw new GalaxiomError(`${where}: refusing to send credentials over http:// to ${hostname}: use https://, or a loopback host`);
  }
}

/** The Authorizer for a client with these credentials under this security table. */
export function authorizer(table: SecurityTable, credentials: Credentials, options: ResolvedOptions, where: string): Authorizer {
  assertSecureTransport(options.baseUrl, where);
  const plans = plan(table, credentials);
  const { redactor } = options;
  const { basic, headers = {} } = credentials;
  const basicHeader = basic && `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${basic.username}:${basic.password}`)))}`;
  redactor.remember(basic?.password);
  redactor.remember(basicHeader?.slice(6));
  const read = (step: Step) => (step.kind == "basic" ? basicHeader! : credentials[step.kind]!.read());

  function attach(request: Request, steps: Step[], values: string[]): Renew | undefined {
    let renew: Renew | undefined;
    steps.forEach(({ header, kind }, index) => {
      const value = values[index]!;
      const secret = kind == "basic" ? undefined : credentials[kind];
      request.headers.set(header, kind == "bearer" ? `Bearer ${value}` : value);
      redactor.remember(value);
      if (secret?.invalidate) renew = () => secret.invalidate!(value);
    });
    for (const name in headers) request.headers.set(name, headers[name]!);
    return renew;
  }

  return (request, operation) => {
    const steps = plans.get(`${operation.method} ${operation.path}`);
    if (typeof steps == "string") throw new GalaxiomError(steps, { operation });
    if (!steps?.length) return undefined;
    if (request.url.startsWith("http:")) assertSecureTransport(request.url, `${operation.method} ${operation.path}`);
    const values = steps.map(read);
    // Keys at hand are set at once; a key function or a token exchange is waited for.
    return values.every((value) => typeof value == "string")
      ? attach(request, steps, values as string[])
      : Promise.all(values).then((resolved) => attach(request, steps, resolved));
  };
}
