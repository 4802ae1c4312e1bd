// The fake's types, read from the same `paths` as the clients': an operation key ("GET /v2/datasets"), what a
// handler is given (its parameters and JSON body) and what it may answer (a declared status with its body).

type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** Every operation of `Paths`, as `"METHOD /path"`: `"GET /v2/datasets"`. */
export type OperationKey<Paths> = {
  [Path in keyof Paths & string]: {
    [M in keyof Paths[Path] & Method]: [Paths[Path][M]] extends [undefined] ? never : `${Uppercase<M>} ${Path}`;
  }[keyof Paths[Path] & Method];
}[keyof Paths & string];

/** The operation object a key names. */
export type OperationOf<Paths, Key> = Key extends `${infer M} ${infer Path}`
  ? Path extends keyof Paths
    ? Lowercase<M> extends keyof Paths[Path]
      ? NonNullable<Paths[Path][Lowercase<M>]>
      : never
    : never
  : never;

/** A JSON body of a request body or response object: its `application/json` content, else its only content. */
type JsonContent<Holder> = Holder extends { content: infer Content }
  ? Content extends Record<string, unknown>
    ? "application/json" extends keyof Content
      ? Content["application/json"]
      : Content[keyof Content]
    : undefined
  : undefined;

/** Parameters as they come in a URL: strings (lists as several), the names and their optionality the spec's. */
type AsStrings<Group> = [Group] extends [undefined]
  ? Record<string, string>
  : { [Name in keyof Group]: Group[Name] extends readonly unknown[] ? string[] : string };

/** The parameters a call came with, parsed from the request's URL and headers (the raw strings; nothing is coerced). */
export interface CallParams<Operation> {
  path: AsStrings<Operation extends { parameters: { path?: infer P } } ? P : undefined>;
  query: Partial<AsStrings<Operation extends { parameters: { query?: infer Q } } ? Q : undefined>>;
  header: Record<string, string>;
}

/** The request body an operation takes, when it takes one. */
export type RequestBody<Operation> = Operation extends { requestBody?: infer Body } ? JsonContent<NonNullable<Body>> : undefined;

/**
 * One call the fake received: the operation it matched, its parameters, its body and the Request. The body is
 * read as the API would, decoded per its Content-Encoding (gzip, deflate): parsed JSON when it says it is JSON,
 * else its text; undefined when there is none, or when its encoding is one the fake can't decode (br, zstd),
 * which it leaves unread in `request` for a handler to read (`await request.arrayBuffer()`).
 */
export interface FakeCall<Operation = unknown, Key extends string = string> {
  operation: Key;
  params: CallParams<Operation>;
  body: RequestBody<Operation>;
  request: Request;
}

type Status4xx = 400 | 401 | 402 | 403 | 404 | 405 | 406 | 408 | 409 | 410 | 411 | 412 | 413 | 415 | 422 | 423 | 428 | 429;
type Status5xx = 500 | 501 | 502 | 503 | 504;
type StatusOf<Key, Declared> = Key extends number
  ? Key
  : Key extends "2XX"
    ? 200 | 201 | 202 | 204
    : Key extends "4XX"
      ? Exclude<Status4xx, Declared>
      : Key extends "5XX"
        ? Exclude<Status5xx, Declared>
        : Key extends "default"
          ? Exclude<Status4xx | Status5xx, Declared>
          : Key extends `${infer Code extends number}`
            ? Code
            : never;

type Responses<Operation> = Operation extends { responses: infer R } ? R : Record<string, never>;

/**
 * What a handler answers: one of the statuses the operation declares, with that response's JSON body (none for a
 * response without one). `default` and `4XX` stand for the error statuses the operation doesn't name itself.
 */
export type FakeReply<Operation> = {
  [Key in keyof Responses<Operation>]: Reply<
    StatusOf<Key, keyof Responses<Operation>>,
    JsonContent<Responses<Operation>[Key]>,
    ReplyHeaders<Responses<Operation>[Key]>
  >;
}[keyof Responses<Operation>];

// One object type per status, not an intersection: TypeScript discriminates a union of plain object types by
// `status` and types the body literal by that branch, keeping its enum strings ("axiom:events:v1") literal.
type Reply<Status, Body, Headers> = [Body] extends [undefined]
  ? { status: Status; headers?: Headers; body?: undefined }
  : { status: Status; headers?: Headers; body: Body };

/**
 * The headers a reply may set: each one the response declares with its type (or as the text it is sent as: a
 * header is text on the wire), and any other as text.
 */
type ReplyHeaders<Response> = (Response extends { headers: infer Declared }
  ? { [Name in keyof Declared as string extends Name ? never : Name]?: Declared[Name] | string }
  : unknown) &
  Record<string, string | number | boolean>;

/** A handler for one operation: sync or async. */
export type FakeHandler<Operation, Key extends string = string> = (call: FakeCall<Operation, Key>) => FakeReply<Operation> | Promise<FakeReply<Operation>>;
