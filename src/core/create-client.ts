import createClient from "openapi-fetch";
import { authorizer, type Authorizer, type Credentials, type OperationSecurity } from "../auth/security.js";
import { ApiError, excerpt, GalaxiomError, ServerError, STATUS_ERRORS, type Operation } from "../errors.js";
import type { ApiClient } from "./client-types.js";
import { resolveCall, type CallOptions, type ResolvedOptions } from "./options.js";
import { send } from "./pipeline.js";

type Init = CallOptions & { params?: { path?: Record<string, unknown> }; fetch?: unknown };
type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Calls an operation as a helper does: resolves with the data of a success, throws the ApiError subclass for an
 * error status, and a GalaxiomError for a success whose body is not JSON (openapi-fetch's parse fails; V8's
 * message quotes the start of the body).
 */
export type Helper = <Data>(operation: Operation, init?: object) => Promise<Data>;

/**
 * An openapi-fetch client whose every call validates its path parameters, resolves its policy, then runs
 * the pipeline as its fetch: user middleware runs first, as openapi-fetch orders it, and sees no credentials.
 * Returns the client and its Helper.
 */
export function createApiClient<Paths extends {}>(
  options: ResolvedOptions,
  security: OperationSecurity,
  credentials: Credentials,
): [ApiClient<Paths>, Helper] {
  const { redactor } = options;
  const base = createClient({ baseUrl: options.baseUrl, headers: options.headers });
  const request = base.request as unknown as (method: string, path: string, init: object) => Result;
  // What the client knows of each operation, worked out at its first call: the operation, its path parameters,
  // its credentials. By path then method: a path is usually a string literal, whose hash the engine keeps.
  const known = new Map<string, Record<string, [Operation, string[], Authorizer]>>();
  const learn = (method: string, path: string): [Operation, string[], Authorizer] => {
    const operation = { method, path };
    // openapi-fetch's path styles: `{id}`, `{id*}` (explode), `{.id}` (label), `{;id}` (matrix).
    const names = [...path.matchAll(/\{[.;]?([^{}*]+)\*?\}/g)].map((match) => match[1]!);
    return [operation, names, authorizer(security, credentials, redactor, operation)];
  };

  function call(method: string, path: string, init: Init = {}, unwrap?: boolean): Promise<unknown> {
    try {
      let byMethod = known.get(path);
      if (!byMethod) known.set(path, (byMethod = {}));
      const [operation, names, authorize] = (byMethod[method] ??= learn(method, path));
      for (const name of names) checkPathParam(operation, name, init.params?.path?.[name]);
      let rest: object = init;
      let policy = options.policy;
      if ((init.retry ?? init.timeout ?? init.deadline ?? init.signal ?? init.fetch) != null) {
        // Galaxiom's own options stay out of openapi-fetch's init, which would copy them onto the Request, and a
        // call's own `fetch` would bypass the pipeline.
        const { retry, timeout, deadline, signal, fetch: bypass, ...others } = init;
        rest = others;
        policy = resolveCall(policy, { retry, timeout, deadline, signal }, `${method} ${path}`);
      }
      // `fetch` and `method` before the call's init: in V8, adding a property after a spread (`{ ...init, fetch }`,
      // as openapi-fetch's own `{ ...init, method }` does) takes ten times as long as copying, and an existing
      // `method` makes openapi-fetch's spread a copy too.
      const result = request(method, path, { fetch: (outgoing: Request) => send(options, authorize, outgoing, operation, policy), method, ...rest });
      return unwrap
        ? result.then(
            ({ data, error, response }) => {
              const { status } = response;
              if (response.ok) return data;
              throw new (STATUS_ERRORS[status] ?? (status > 499 ? ServerError : ApiError))(operation, response, error, redactor, options.clock.now());
            },
            (failure: unknown) => {
              throw failure instanceof SyntaxError ? new GalaxiomError(`the response body is not valid JSON${excerpt(redactor.text(failure.message))}`, operation) : failure;
            },
          )
        : result;
    } catch (error) {
      // A call rejects, never throws: bad arguments surface where every other failure does.
      return Promise.reject(error);
    }
  }

  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: Init) => call(method.toUpperCase(), path, init),
    use: base.use,
    eject: base.eject,
  };
  // GET, PUT, POST…: each HTTP method openapi-fetch's client has.
  for (const method in base) if (/^[A-Z]+$/.test(method)) client[method] = (path: string, init?: Init) => call(method, path, init);
  return [client as unknown as ApiClient<Paths>, ({ method, path }, init) => call(method, path, init, true) as never];
}

/**
 * Refuses, before any I/O, a path parameter that would send the request somewhere else or nowhere: missing,
 * null, empty, `.` or `..` (which URL parsing resolves away), an object, NaN or Infinity, or not well-formed
 * Unicode (which cannot be percent-encoded). What passes is encoded by openapi-fetch's path serializer with
 * `encodeURIComponent`, so that `/`, `?` and `#` in a value stay inside its one segment.
 */
function checkPathParam(operation: Operation, name: string, value: unknown): void {
  const type = typeof value;
  const problem =
    value === undefined
      ? "missing"
      : value === null || (type == "string" && /^\.{0,2}$/.test(value as string))
        ? JSON.stringify(value)
        : type == "object"
          ? "an object"
          : type == "function" || type == "symbol"
            ? `a ${type}`
            : type == "number" && !Number.isFinite(value)
              ? String(value)
              : /\p{Cs}/u.test(String(value)) && "not well-formed Unicode";
  if (problem) throw new GalaxiomError(`path parameter \`${name}\` is ${problem}`, operation);
}
