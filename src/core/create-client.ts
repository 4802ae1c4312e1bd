import createClient from "openapi-fetch";
import { authorizer, type Authorizer, type Credentials, type OperationSecurity } from "../auth/security.js";
import { GalaxiomError, statusError, type Operation } from "../errors.js";
import { sendBody, type BodyFields, type BodyStream } from "./body.js";
import type { ApiClient } from "./client-types.js";
import { resolveCall, validationFor, type CallOptions, type ResolvedOptions } from "./options.js";
import { asGalaxiomError, send, settle } from "./pipeline.js";

type Params = { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
type Init = CallOptions & BodyFields & { params?: Params; throwOnError?: boolean; parseAs?: string };
type Result = { data?: unknown; error?: unknown; response: Response };
/** An operation, its path parameters' names, how to authorize it, and its first request media type when not JSON. */
type Known = [Operation, string[], Authorizer, string | undefined];

/**
 * Calls an operation as a helper does: a throwing call (see `call`) that resolves with its data. The helpers
 * are these and nothing more.
 */
export type Helper = <Data>(operation: Operation, init?: object) => Promise<Data>;

/**
 * An openapi-fetch client whose every call validates its path parameters, encodes its body, resolves its policy,
 * then runs the pipeline as its fetch: user middleware runs first, as openapi-fetch orders it, and sees no
 * credentials. `mediaTypes` is the generated table of the operations whose first request media type is not JSON.
 * Returns the client and its Helper.
 */
export function createApiClient<Paths extends {}, Throws extends boolean = false>(
  options: ResolvedOptions,
  security: OperationSecurity,
  mediaTypes: Record<string, string>,
  credentials: Credentials,
): [ApiClient<Paths, Throws>, Helper] {
  const { redactor } = options;
  const base = createClient(options.base);
  const request = base.request as unknown as (method: string, path: string, init: object) => Promise<Result>;
  // What the client knows of each operation, worked out at its first call: the operation, its path parameters,
  // its credentials, its request media type. By path then method: a path is usually a string literal, whose hash
  // the engine keeps.
  const known = new Map<string, Record<string, Known>>();
  const learn = (method: string, path: string): Known => {
    const operation = { method, path };
    // openapi-fetch's path styles: `{id}`, `{id*}` (explode), `{.id}` (label), `{;id}` (matrix).
    const names = [...path.matchAll(/\{[.;]?([^{}*]+)\*?\}/g)].map((match) => match[1]!);
    return [operation, names, authorizer(security, credentials, redactor, operation), mediaTypes[`${method} ${path}`]];
  };

  /**
   * One call. A throwing one (`throwOnError`, the call's else the client's; always for a helper) resolves with
   * a success only, and throws the ApiError subclass for an error status, and a GalaxiomError for a success whose
   * body is not JSON (openapi-fetch's parse fails; V8's message quotes the start of the body).
   */
  function call(method: string, path: string, init: Init = {}, helper?: boolean): Promise<Result> {
    let byMethod = known.get(path);
    if (!byMethod) known.set(path, (byMethod = {}));
    const [operation, names, authorize, mediaType] = (byMethod[method] ??= learn(method, path));
    try {
      let { params } = init;
      if (names.length) params = { ...params, path: checkedPathParams(operation, names, params?.path) };
      if (params?.query) checkQueryParams(operation, params.query);
      if (params?.header) params = { ...params, header: simpleHeaders(params.header) };
      checkHeaderValues(operation, init.headers);
      if (params?.header) checkHeaderValues(operation, params.header);
      let rest: Init = params === init.params ? init : { ...init, params };
      let stream: BodyStream | undefined;
      if (init.body !== undefined) {
        const [sent, watched] = sendBody(rest, options.base, mediaType, operation);
        rest = { ...rest, ...sent };
        stream = watched;
      }
      let policy = options.policy;
      let throws = helper || options.throwOnError;
      let mode = options.validate;
      if ((init.retry ?? init.timeout ?? init.deadline ?? init.signal ?? init.fetch ?? init.throwOnError ?? init.validate) != null) {
        // Galaxiom's own options stay out of openapi-fetch's init, which would copy them onto the Request, and a
        // call's own `fetch` goes to the pipeline, which it would bypass.
        const { retry, timeout, deadline, signal, fetch, throwOnError, validate, ...others } = rest;
        rest = others;
        policy = resolveCall(policy, { retry, timeout, deadline, signal, fetch }, `${method} ${path}`);
        throws = helper || (throwOnError ?? throws);
        mode = validate ?? mode;
      }
      const validation = validationFor(mode, options.validation, `${method} ${path}`);
      // `fetch` and `method` before the call's init: in V8, adding a property after a spread (`{ ...init, fetch }`,
      // as openapi-fetch's own `{ ...init, method }` does) takes ten times as long as copying, and an existing
      // `method` makes openapi-fetch's spread a copy too.
      const held: Array<() => void> = [];
      const settled = settle(options, operation, policy, (flight) =>
        request(method, path, { fetch: (outgoing: Request) => send(options, authorize, outgoing, operation, policy, flight, stream, held), method, ...rest }),
      );
      // Before the status error, so that a drifted error body is reported too.
      const checked = validation
        ? settled.then((result) => {
            validation(mode!, operation, result, rest.parseAs, options);
            return result;
          })
        : settled;
      const ended = throws
        ? checked.then((result) => {
            const { response } = result;
            if (response.ok) return result;
            throw statusError(operation, response, result.error, redactor, options.clock.now());
          })
        : checked;
      // The credentials the call sent stay redactable until its error, if any, is made.
      return ended.finally(() => {
        for (const release of held) release();
      });
    } catch (error) {
      // A call rejects, never throws: bad arguments surface where every other failure does.
      return Promise.reject(asGalaxiomError(error, operation, redactor));
    }
  }

  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: Init) => call(method.toUpperCase(), path, init),
    use: base.use,
    eject: base.eject,
  };
  // GET, PUT, POST…: each HTTP method openapi-fetch's client has.
  for (const method in base) if (/^[A-Z]+$/.test(method)) client[method] = (path: string, init?: Init) => call(method, path, init);
  return [client as unknown as ApiClient<Paths, Throws>, ({ method, path }, init) => call(method, path, init, true).then((result) => result.data as never)];
}

/**
 * The path parameters to send, read once and checked: a getter read again by openapi-fetch could answer
 * differently. Refused, before any I/O, is a value that would send the request somewhere else or nowhere:
 * missing, null, empty, `.` or `..` (which URL parsing resolves away), an object, NaN or Infinity, or not
 * well-formed Unicode (which cannot be percent-encoded). What passes is encoded by openapi-fetch's path
 * serializer with `encodeURIComponent`, so that `/`, `?` and `#` in a value stay inside its one segment.
 */
function checkedPathParams(operation: Operation, names: string[], given: Record<string, unknown> | undefined): Record<string, unknown> {
  const checked: Record<string, unknown> = {};
  for (const name of names) {
    const value = given?.[name];
    const problem =
      value === undefined
        ? "missing"
        : value === null || (typeof value == "string" && /^\.{0,2}$/.test(value))
          ? JSON.stringify(value)
          : typeof value == "object"
            ? "an object"
            : valueProblem(value);
    if (problem) throw new GalaxiomError(`path parameter \`${name}\` is ${problem}`, operation);
    checked[name] = value;
  }
  return checked;
}

/**
 * Header parameters as OpenAPI's `simple` style, the only one headers have, sends them: an array's items joined
 * by commas (`a,b,c`). openapi-fetch would append each as a header of its own, which fetch joins with `, `.
 */
function simpleHeaders(header: Record<string, unknown>): Record<string, unknown> {
  const sent: Record<string, unknown> = {};
  for (const name in header) {
    const value = header[name];
    sent[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return sent;
}

/**
 * Refuses, naming the header, a value fetch can't send (a line break or NUL): the runtime's own error quotes the
 * value, which under `Authorization` or `X-Api-Key` is a secret the client was never told about. A Headers
 * object can't hold one; plain objects and lists of pairs can.
 */
function checkHeaderValues(operation: Operation, headers: unknown): void {
  if (headers === null || typeof headers != "object" || headers instanceof Headers) return;
  const entries = Array.isArray(headers) ? (headers as Array<[unknown, unknown]>) : Object.entries(headers);
  for (const [name, value] of entries) {
    if (/[\r\n\0]/.test(String(value ?? ""))) {
      throw new GalaxiomError(`the header \`${String(name)}\` has a value that can't be sent (a line break or NUL); the value is not shown`, operation);
    }
  }
}

/** Refuses a query value that cannot be sent, naming its parameter: openapi-fetch's serializer would throw a bare URIError or TypeError. */
function checkQueryParams(operation: Operation, query: Record<string, unknown>): void {
  for (const name in query) {
    const value = query[name];
    const items = Array.isArray(value) ? value : value !== null && typeof value == "object" ? Object.values(value) : [value];
    const problem = items.map(valueProblem).find(Boolean);
    if (problem) throw new GalaxiomError(`query parameter \`${name}\` is ${problem}`, operation);
  }
}

/** What makes a primitive unsendable in a URL, or undefined. */
function valueProblem(value: unknown): string | undefined {
  const type = typeof value;
  if (type == "function" || type == "symbol") return `a ${type}`;
  if (type == "number" && !Number.isFinite(value)) return String(value);
  if (type == "string" && /\p{Cs}/u.test(value as string)) return "not well-formed Unicode";
  return undefined;
}
