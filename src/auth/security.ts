import { GalaxiomError, type Operation } from "../errors.js";
import type { Redactor } from "../redact.js";

/** The generated `<api>.security.ts` table: for each operation, the headers each kind of credential goes in. */
export type OperationSecurity = Record<string, Partial<Record<Credentials["kind"], string[]>>>;

/**
 * A credential, read at each attempt so that keys may rotate or load lazily, and tokens renew. A token that
 * can be renewed has `invalidate`: forget `value`, so that the next read gets a fresh one.
 */
export type Secret = (() => string | Promise<string>) & { invalidate?(value: string): void };

/**
 * What a client presents: one kind of credential (an API key in a header, a bearer token or HTTP basic
 * credentials, as the base64 of `username:password`), the secret itself, and headers that go with it (e.g.
 * Axiom's org id).
 */
export interface Credentials {
  kind: "apiKey" | "bearer" | "basic";
  secret: Secret;
  headers?: Record<string, string>;
}

/** Drops a refused token so that the next attempt gets a fresh one. */
export type Renew = () => void;

/**
 * Sets an operation's credentials on one attempt's request, at once or after waiting for a secret, and returns
 * how to renew them after a 401 when they can be. Each credential it sets stays known to the redactor until the
 * call releases what it pushed on `held`: its errors and log lines are made before then.
 */
export type Authorizer = (request: Request, held: Array<() => void>) => Renew | undefined | Promise<Renew | undefined>;

/** A string, or a function returning one (sync or async), as a Secret. */
export function secretOf(value: string | (() => string | Promise<string>)): Secret {
  return typeof value == "string" ? () => value : value;
}

/**
 * Requests, and so credentials, never travel over plain http://, except to this machine. Read from the URL's
 * text rather than parsed, as this runs on every request: a Request's URL is already normalised.
 */
export function assertSecureTransport(url: string, where: string): void {
  const host = /^http:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1];
  if (host !== undefined && !/^(localhost|127(\.\d+){3}|\[::1\])$/i.test(host)) {
    throw new GalaxiomError(`${where}: refusing to send a request over http:// to ${host}: use https://, or a loopback host`);
  }
}

/**
 * The Authorizer of one operation: its credentials go in the headers the generated table names for the
 * client's kind, none when the operation's `security` is `[]`. An operation that takes another kind, or that
 * the table doesn't know, throws why when it is called, before anything is read or sent: an operation missing
 * from the table (an app's paths with the package's table, or a path cast past the types) could need
 * credentials, and a request sent bare would fail far from the cause.
 */
export function authorizer(security: OperationSecurity, { kind, secret, headers }: Credentials, redactor: Redactor, operation: Operation): Authorizer {
  const where = `${operation.method} ${operation.path}`;
  const kinds = security[where];
  const names = kinds?.[kind];
  const prefix = kind == "bearer" ? "Bearer " : kind == "basic" ? "Basic " : "";

  const attach = (request: Request, held: Array<() => void>, value: string): Renew | undefined => {
    // Every credential a header carries is known to the redactor before it goes anywhere, and while the call
    // lasts: tokens, keys a function returns. Configured ones are known from the start.
    held.push(redactor.hold(value));
    try {
      for (const name of names!) request.headers.set(name, prefix + value);
      for (const name in headers) request.headers.set(name, headers[name]!);
    } catch {
      // The runtime's message quotes the value.
      throw new GalaxiomError(`the ${kind} credential is not a valid header value (a line break or control character?)`, operation);
    }
    return secret.invalidate && (() => secret.invalidate!(value));
  };

  return (request, held) => {
    if (!kinds) {
      throw new GalaxiomError(
        "not in the client's security table, so the credentials it takes are unknown, and nothing was sent: regenerate the types " +
          "(`galaxiom generate`), or pass the client the `security` table generated with your paths",
        operation,
      );
    }
    if (!names) throw new GalaxiomError(`takes ${Object.keys(kinds).join(" or ") || "no supported"} credentials, not ${kind}`, operation);
    if (!names.length) return undefined;
    // A key at hand is set at once; a key function or a token exchange is waited for.
    const value = secret();
    return typeof value == "string" ? attach(request, held, value) : value.then((resolved) => attach(request, held, resolved));
  };
}
