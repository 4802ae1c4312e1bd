import type { Client, FetchResponse, MaybeOptionalInit, Middleware } from "openapi-fetch";
import type { CallOptions } from "./options.js";

// openapi-fetch's `Client` type, with galaxiom's per-call options (retry, timeout, deadline, signal) typed into
// each call's init. The helpers below mirror openapi-typescript-helpers', which galaxiom does not depend on.

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;
type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof Paths];
type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** The call's init: openapi-fetch's for the operation, and CallOptions; optional when nothing in it is required. */
type CallInit<PathInfo, Method extends keyof PathInfo> = WithCallOptions<MaybeOptionalInit<PathInfo, Method>>;
type WithCallOptions<Init> = Init extends undefined ? undefined : Init & CallOptions;
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [Init?] : [Init];

export type CallMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends CallInit<Paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<Paths[Path][Method], Init, MediaType>>;

export type RequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends CallInit<Paths[Path], Method>,
>(
  method: Method,
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<Paths[Path][Method], Init, MediaType>>;

/**
 * A typed client over `Paths`: openapi-fetch's methods and middleware, each call running galaxiom's pipeline.
 * Also an openapi-fetch `Client`, so that openapi-react-query and swr-openapi take it: the compiler tries
 * galaxiom's signatures first (a call's own options typed), then openapi-fetch's.
 */
export type ApiClient<Paths extends {}> = GalaxiomCalls<Paths> & Client<Paths, MediaType>;

interface GalaxiomCalls<Paths extends {}> {
  GET: CallMethod<Paths, "get">;
  PUT: CallMethod<Paths, "put">;
  POST: CallMethod<Paths, "post">;
  DELETE: CallMethod<Paths, "delete">;
  OPTIONS: CallMethod<Paths, "options">;
  HEAD: CallMethod<Paths, "head">;
  PATCH: CallMethod<Paths, "patch">;
  TRACE: CallMethod<Paths, "trace">;
  request: RequestMethod<Paths>;
  /** Adds openapi-fetch middleware. It sees each request before galaxiom sets its credentials, and the final response. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}
