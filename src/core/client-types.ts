import type { Client, FetchResponse, MaybeOptionalInit, Middleware } from "openapi-fetch";
import type { CallOptions } from "./options.js";

// openapi-fetch's `Client` type, with galaxiom's per-call options (retry, timeout, deadline, signal, fetch,
// throwOnError) typed into each call's init, and a throwing call's result narrowed to its success. The helpers below mirror openapi-typescript-helpers', which galaxiom does not depend on.

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;
type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof Paths];
type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** The call's init: openapi-fetch's for the operation, and CallOptions; optional when nothing in it is required. */
type CallInit<PathInfo, Method extends keyof PathInfo> = WithCallOptions<MaybeOptionalInit<Record<Method, WithRawBodies<PathInfo[Method]>>, Method>>;

/** Data fetch sends as it is, which galaxiom never JSON-encodes: text, binary data, or a stream of it. */
type RawBody = string | Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>;

/**
 * The operation with its request bodies typed as galaxiom sends them: a body the spec types `string` (openapi-typescript's
 * type for `format: binary`, as Axiom's ingest has) also takes binary data or a stream; a multipart body takes a
 * FormData, or its fields with a Blob for any string one (a file); a URL-encoded form takes URLSearchParams.
 * An object under JSON stays exactly as the spec has it.
 */
type WithRawBodies<Operation> = {
  [K in keyof Operation]: K extends "requestBody" ? RawContent<Operation[K]> : Operation[K];
};
type RawContent<RequestBody> = RequestBody extends { content: infer Content }
  ? { content: { [Media in keyof Content]: SentAs<Media, Content[Media]> } }
  : RequestBody;
type SentAs<Media, Body> = Media extends `multipart/${string}`
  ? { [Field in keyof Body]: string extends Body[Field] ? Body[Field] | Blob : Body[Field] } | FormData
  : Media extends "application/x-www-form-urlencoded"
    ? Body | URLSearchParams
    : string extends Body
      ? Body | RawBody
      : Body;
type WithCallOptions<Init> = Init extends undefined ? undefined : Init & CallOptions & { throwOnError?: boolean };
export type InitParam<Init> = RequiredKeysOf<Init> extends never ? [Init?] : [Init];

/**
 * What a call resolves to: openapi-fetch's FetchResponse, or only its success branch (`data` not optional) when
 * the call throws on an error status, by its own `throwOnError` or else by the client's.
 */
export type CallResult<Operation extends Record<string | number, any>, Init, Throws extends boolean> = (
  Init extends { throwOnError: infer CallThrows }
    ? CallThrows
    : Throws
) extends true
  ? Extract<FetchResponse<Operation, Init, MediaType>, { data: unknown }>
  : FetchResponse<Operation, Init, MediaType>;

export type CallMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Method extends HttpMethod, Throws extends boolean = false> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends CallInit<Paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<CallResult<Paths[Path][Method], Init, Throws>>;

export type RequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Throws extends boolean = false> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends CallInit<Paths[Path], Method>,
>(
  method: Method,
  url: Path,
  ...init: InitParam<Init>
) => Promise<CallResult<Paths[Path][Method], Init, Throws>>;

/**
 * A typed client over `Paths`: openapi-fetch's methods and middleware, each call running galaxiom's pipeline;
 * with `Throws`, calls throw on an error status unless they say `throwOnError: false`.
 * Also an openapi-fetch `Client`, so that openapi-react-query and swr-openapi take it: the compiler tries
 * galaxiom's signatures first (a call's own options typed), then openapi-fetch's.
 */
export type ApiClient<Paths extends {}, Throws extends boolean = false> = GalaxiomCalls<Paths, Throws> & Client<Paths, MediaType>;

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
