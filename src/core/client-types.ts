import type { Client, ClientMethod, FetchResponse, MaybeOptionalInit, Middleware } from "openapi-fetch";
import type { CallOptions } from "./options.js";

// openapi-fetch's `Client` type, with galaxiom's per-call options (retry, timeout, deadline, signal, fetch,
// throwOnError) typed into each call's init, and a throwing call's result narrowed to its success.
//
// Each method is one signature, assignable to openapi-fetch's, rather than an intersection with openapi-fetch's
// Client: its two overloads made every wrong call a six-line "No overload matches this call" (and a mistyped option
// compiled, through openapi-fetch's). TypeScript relates two generic signatures by inferring one's type parameters
// from the other's and checking their constraints, which holds only because: the path constraint is openapi-fetch's
// own (from its ClientMethod: a look-alike isn't related for every Paths); the init's constraint is openapi-fetch's
// MaybeOptionalInit, and InitParam has the shape of openapi-fetch's (with openapi-typescript-helpers'
// RequiredKeysOf, copied: neither is exported, and galaxiom depends on openapi-fetch alone), galaxiom's options
// added beside it; and `throwOnError` is a type parameter of its own, so `false` is inferred as `false`.

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;
type PathsWithMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Method extends HttpMethod> = Parameters<ClientMethod<Paths, Method, MediaType>>[0];
type RequiredKeysOfHelper<T> = {
  [K in keyof T]: {} extends Pick<T, K> ? never : K;
}[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
/** Beside openapi-fetch's init: galaxiom's options, and any other key, as openapi-fetch lets it through. */
type CallOptionsInit<Throw extends boolean> = CallOptions & { throwOnError?: Throw } & { [key: string]: unknown };
/** The call's init: optional when nothing in it is required. */
type InitParam<Init, Throw extends boolean> = RequiredKeysOf<Init> extends never ? [(Init & CallOptionsInit<Throw>)?] : [Init & CallOptionsInit<Throw>];

/**
 * What a call resolves to: openapi-fetch's FetchResponse, or only its success branch (`data` not optional) when
 * the call throws on an error status: `Throw` is the call's `throwOnError`, or else the client's.
 */
export type CallResult<Operation extends Record<string | number, any>, Init, Throw extends boolean> = Throw extends true
  ? Extract<FetchResponse<Operation, Init, MediaType>, { data: unknown }>
  : FetchResponse<Operation, Init, MediaType>;

export type CallMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Method extends HttpMethod, Throws extends boolean = false> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
  Throw extends boolean = Throws,
>(
  url: Path,
  ...init: InitParam<Init, Throw>
) => Promise<CallResult<Paths[Path][Method], Init, Throw>>;

export type RequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Throws extends boolean = false> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
  Throw extends boolean = Throws,
>(
  method: Method,
  url: Path,
  ...init: InitParam<Init, Throw>
) => Promise<CallResult<Paths[Path][Method], Init, Throw>>;

/**
 * A typed client over `Paths`: openapi-fetch's methods and middleware, each call running galaxiom's pipeline;
 * with `Throws`, calls throw on an error status unless they say `throwOnError: false`.
 * Also an openapi-fetch `Client` (its signatures are assignable to openapi-fetch's), so that openapi-react-query
 * and swr-openapi take it.
 */
export type ApiClient<Paths extends {}, Throws extends boolean = false> = GalaxiomCalls<Paths, Throws> &
  Omit<Client<Paths, MediaType>, keyof GalaxiomCalls<Paths, Throws>>;

interface GalaxiomCalls<Paths extends {}, Throws extends boolean> {
  GET: CallMethod<Paths, "get", Throws>;
  PUT: CallMethod<Paths, "put", Throws>;
  POST: CallMethod<Paths, "post", Throws>;
  DELETE: CallMethod<Paths, "delete", Throws>;
  OPTIONS: CallMethod<Paths, "options", Throws>;
  HEAD: CallMethod<Paths, "head", Throws>;
  PATCH: CallMethod<Paths, "patch", Throws>;
  // TRACE is openapi-fetch's alone (it takes galaxiom's options untyped, and returns the union): with it here too,
  // TypeScript 5.9 infers no paths when a galaxiom client is passed as a `Client<Paths>` (`createQueryClient(client)`
  // of openapi-react-query). Neither API has a TRACE operation.
  request: RequestMethod<Paths, Throws>;
  /** Adds openapi-fetch middleware. It sees each request before galaxiom sets its credentials, and the final response. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}
