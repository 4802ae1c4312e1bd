import type { OperationSecurity } from "../auth/security.js";
import { GalaxiomError, type Operation } from "../errors.js";
import { responseKey } from "../validation/match.js";
import { byMediaType, describeIssues, type Issue, type Validators } from "./checks.js";
import { router } from "./route.js";
import { type Samples, seeded } from "./seed.js";
import type { FakeCall, FakeHandler, OperationKey, OperationOf } from "./types.js";

/** A test's failure that the fake found: an unhandled or unknown call, or a body that doesn't match the spec. */
export class FakeError extends GalaxiomError {
  override name = "FakeError";
}

export interface FakeOptions<Paths = unknown> {
  /**
   * Where the fake answers, as the client's `baseUrl`: `https://api.axiom.co`. A path in it (an app's API under
   * `https://example.com/api`) is the prefix of every operation's path.
   */
  origin: string;
  /** The generated `<api>.security.ts` table: a call without the credentials its operation needs gets a 401. */
  security?: OperationSecurity;
  /** The generated `<api>.validators.ts` table: bodies that don't match the spec fail the call. */
  validators?: Validators;
  /** The generated `<api>.samples.ts` table: the bodies answered without a handler (401s, `unhandled: "sample"`). */
  samples?: Samples;
  /**
   * A call no handler answers: "fail" (the default) rejects it and records the failure, naming the operation and
   * how to handle it; "sample" answers with the operation's first success sample.
   */
  unhandled?: "fail" | "sample";
  /** Varies the samples' strings and ids; the same seed gives the same values. Default 0. */
  seed?: number;
  /** Handlers the fake starts with, and returns to on `reset()`; `on` replaces them. */
  handlers?: { [Key in OperationKey<Paths>]?: FakeHandler<OperationOf<Paths, Key>, Key> };
}

export interface Fake<Paths> {
  readonly origin: string;
  /** Answers an operation's calls with `handler` (replacing any earlier one); returns the fake, to chain. */
  on<Key extends OperationKey<Paths>>(key: Key, handler: Key extends unknown ? FakeHandler<OperationOf<Paths, Key>, Key> : never): Fake<Paths>;
  /** A `fetch` to give the client: `createAxiomClient({ token, fetch: fake.fetch })`. In process, no sockets. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Answers a Request as `fetch` does: its Response, or the FakeError, rejected (and recorded). */
  handle(request: Request): Promise<Response>;
  /** Every call matched to an operation, in order. */
  readonly calls: ReadonlyArray<FakeCall<unknown, OperationKey<Paths>>>;
  /** The calls of one operation, typed: their `body` is the operation's request body. */
  callsOf<Key extends OperationKey<Paths>>(key: Key): Array<FakeCall<OperationOf<Paths, Key>, Key>>;
  /** Every failure so far, also those an app caught and swallowed. */
  readonly failures: readonly FakeError[];
  /** Throws a FakeError naming every failure so far, if any: call it at the end of a test (`afterEach`). */
  verify(): void;
  /** Forgets handlers, calls and failures. */
  reset(): void;
}

/** What an interceptor needs of a fake, whatever its paths: where it answers, and how. */
export type Interceptable = Pick<Fake<unknown>, "origin" | "handle">;

type AnyReply = { status: number; body?: unknown; headers?: Record<string, string | number | boolean> };
interface AnyCall {
  operation: string;
  params: { path: Record<string, string>; query: Record<string, string | string[]>; header: Record<string, string> };
  body: unknown;
  request: Request;
}
type AnyHandler = (call: AnyCall) => AnyReply | Promise<AnyReply>;

/**
 * A fake of an API, for an app's own generated types: the operations are those its tables name.
 * `createFake<paths>({ origin, security, validators, samples })`.
 */
export function createFake<Paths>(options: FakeOptions<Paths>): Fake<Paths> {
  const { security = {}, validators = {}, samples = {}, unhandled = "fail", seed = 0 } = options;
  const { origin, pathname } = new URL(options.origin);
  const basePath = pathname.replace(/\/+$/, "");
  const keys = new Set([...Object.keys(security), ...Object.keys(validators), ...Object.keys(samples)]);
  const route = router(keys);
  const initial = Object.entries(options.handlers ?? {}) as Array<[string, AnyHandler]>;
  const handlers = new Map(initial);
  const calls: AnyCall[] = [];
  const failures: FakeError[] = [];

  const fail = (message: string, operation?: Operation, cause?: unknown): never => {
    const error = new FakeError(message, operation, cause);
    failures.push(error);
    throw error;
  };

  const declared = (key: string): Record<string, unknown> => validators[key]?.responses ?? samples[key] ?? {};

  /** A success reply to offer in a message: the first 2xx status declared, with a body only when that response has one. */
  const successExample = (key: string): string => {
    const status = successStatus(Object.keys(declared(key)));
    const declaredKey = responseKey(status, declared(key));
    // Without a table that declares the response, nothing says it has no body.
    const hasBody = declaredKey === undefined || Boolean(validators[key]?.responses[declaredKey]?.content ?? samples[key]?.[declaredKey]);
    return `{ status: ${status}${hasBody ? ", body: …" : ""} }`;
  };

  /** The sample of the response a status falls under, or undefined when there is none. */
  const sampleReply = (key: string, status: number): AnyReply => {
    const responseKeyOf = responseKey(status, declared(key));
    const make = responseKeyOf === undefined ? undefined : samples[key]?.[responseKeyOf];
    return { status, body: make ? make(seeded(seed)) : undefined };
  };

  const checkReply = (key: string, operation: Operation, reply: AnyReply, who: string): void => {
    const { status } = Object(reply) as Partial<AnyReply>;
    if (typeof status != "number" || !Number.isInteger(status) || status < 200 || status > 599) {
      fail(`${who} answered no status from 200 to 599 (came ${describeType(status)})`, operation);
    }
    const checks = validators[key];
    if (!checks) return;
    const responseKeyOf = responseKey(status!, checks.responses);
    if (responseKeyOf === undefined) {
      fail(`${who} answered ${status}, which the operation doesn't declare (it declares ${Object.keys(checks.responses).join(", ")})`, operation);
    }
    const { content, headers } = checks.responses[responseKeyOf!]!;
    const issues: Issue[] = [];
    const check = byMediaType(content, "application/json");
    if (check && reply.body !== undefined) check(reply.body, "", issues);
    if (issues.length) fail(`${who}'s ${status} body doesn't match the spec: ${describeIssues(issues)}`, operation);
    if (!headers) return;
    const given = headersOf(reply.headers);
    for (const name in headers) {
      headers[name]!(given.get(name), "", issues);
      if (issues.length) fail(`${who}'s ${status} header \`${name}\` doesn't match the spec: ${describeIssues(issues, "(its value)")}`, operation);
    }
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (url.origin != origin) fail(`${method} to ${url.origin}: this fake answers ${origin} only; create a fake with that origin`);
    const matched = url.pathname.startsWith(`${basePath}/`) ? route(method, url.pathname.slice(basePath.length)) : undefined;
    if (!matched) fail(`no operation matches ${method} ${url.pathname}: check the path, or the fake's API`);
    const { key, path } = matched!;
    const operation = { method, path: key.slice(method.length + 1) };
    const query = Object.fromEntries(
      [...new Set(url.searchParams.keys())].map((name) => {
        const values = url.searchParams.getAll(name);
        return [name, values.length == 1 ? values[0]! : values];
      }),
    );
    const call: AnyCall = {
      operation: key,
      params: { path, query, header: Object.fromEntries(request.headers) },
      body: await bodyOf(request, operation, fail),
      request,
    };
    calls.push(call);

    const kinds = security[key];
    if (kinds && !authorized(kinds, request.headers)) return respond(sampleReply(key, 401));
    const requestCheck = byMediaType(validators[key]?.request, request.headers.get("content-type"));
    if (requestCheck && call.body !== undefined) {
      const issues: Issue[] = [];
      requestCheck(call.body, "", issues);
      if (issues.length) fail(`the request body doesn't match the spec: ${describeIssues(issues)}`, operation);
    }
    const handler = handlers.get(key);
    let reply: AnyReply;
    if (handler) {
      try {
        reply = await handler(call);
      } catch (error) {
        return fail(`the handler threw: ${String((error as Error | null)?.message ?? error)}`, operation, error);
      }
    } else if (unhandled == "sample") {
      reply = sampleReply(key, successStatus(Object.keys(declared(key))));
    } else {
      return fail(
        `the fake has no handler for it: handle it with fake.on(${JSON.stringify(key)}, () => (${successExample(key)})), ` +
          `or create the fake with { unhandled: "sample" }`,
        operation,
      );
    }
    checkReply(key, operation, reply, handler ? "the handler" : "the sample");
    return respond(reply);
  };

  const fake: Fake<Paths> = {
    origin,
    on(key, handler) {
      if (!keys.has(key)) throw new FakeError(`${JSON.stringify(key)} is not an operation of this fake's API`);
      handlers.set(key, handler as unknown as AnyHandler);
      return fake;
    },
    fetch: (input, init) => handle(requestOf(input, init)),
    handle,
    calls: calls as never,
    callsOf: (key) => calls.filter((call) => call.operation == key) as never,
    failures,
    verify() {
      if (failures.length)
        throw new FakeError(`the fake saw ${failures.length} failure${failures.length > 1 ? "s" : ""}: ${failures.map((error) => error.message).join(" | ")}`);
    },
    reset() {
      handlers.clear();
      for (const [key, handler] of initial) handlers.set(key, handler);
      calls.length = 0;
      failures.length = 0;
    },
  };
  return fake;
}

/**
 * The Request a `fetch(input, init)` stands for. The client's own Request goes as it is when `init` changes
 * nothing the fake reads: a copy costs more than the rest of the call (a stream to pipe the body through, and
 * the signal read, which makes the client create its AbortController), and the fake reads neither the signal
 * nor `redirect`, which is all the client's init holds.
 */
function requestOf(input: RequestInfo | URL, init: RequestInit | undefined): Request {
  if (input instanceof Request && init?.method === undefined && init?.headers === undefined && init?.body === undefined) return input;
  return new Request(input, init);
}

/** A handler's (or sample's) reply as a Response: JSON, or no body when it has none. */
/** A reply's headers as sent: a number or boolean as its text. */
function headersOf(headers: AnyReply["headers"]): Headers {
  const sent = new Headers();
  for (const name in headers) sent.set(name, String(headers[name]));
  return sent;
}

function respond({ status, body, headers }: AnyReply): Response {
  const noBody = body === undefined || status == 204 || status == 205 || status == 304;
  const sent = headersOf(headers);
  if (!noBody && !sent.has("content-type")) sent.set("content-type", "application/json");
  return new Response(noBody ? null : JSON.stringify(body), { status, headers: sent });
}

/** The content codings the fake reads, as DecompressionStream names them (HTTP's `deflate` is its zlib format). */
const DECODERS = new Map<string, CompressionFormat | null>([
  ["identity", null],
  ["gzip", "gzip"],
  ["x-gzip", "gzip"],
  ["deflate", "deflate"],
]);

/**
 * A request's body as the API would read it: decoded per its Content-Encoding, then parsed JSON when it says it
 * is JSON, else its text. Undefined when it has none, or when its encoding is one the fake can't decode (br,
 * zstd): then it is left unread in `request`, for a handler to read.
 */
async function bodyOf(request: Request, operation: Operation, fail: (message: string, operation: Operation) => never): Promise<unknown> {
  if (!request.body) return undefined;
  const encoding = request.headers.get("content-encoding")?.trim().toLowerCase() || "identity";
  const decoder = DECODERS.get(encoding);
  if (decoder === undefined) return undefined;
  const text = decoder
    ? await new Response(request.body.pipeThrough(new DecompressionStream(decoder)))
        .text()
        .catch(() => fail(`the request says its body is ${encoding}-encoded, but it isn't`, operation))
    : await request.text();
  if (!/^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(request.headers.get("content-type") ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return fail("the request says its body is JSON, but it isn't", operation);
  }
}

/**
 * Whether the request carries one kind of credential the operation accepts, in every header that kind goes in:
 * present, not its value (a fake has no keys to compare with). A kind with no headers means no credentials needed.
 */
function authorized(kinds: OperationSecurity[string], headers: Headers): boolean {
  const prefix = { apiKey: "", bearer: "Bearer ", basic: "Basic " } as const;
  return Object.entries(kinds).some(([kind, names]) =>
    names?.every((name) => {
      const value = headers.get(name) ?? "";
      const expected = prefix[kind as keyof typeof prefix] ?? "";
      return value.length > expected.length && value.slice(0, expected.length).toLowerCase() == expected.toLowerCase();
    }),
  );
}

/** The status a success answers with: the first 2xx the operation declares, else 200. */
function successStatus(keys: string[]): number {
  const key = keys.find((name) => /^2(\d\d|XX)$/i.test(name));
  return key === undefined || /X/i.test(key) ? 200 : Number(key);
}

function describeType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}
