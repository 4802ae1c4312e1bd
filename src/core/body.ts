import { mergeHeaders, type HeadersOptions } from "openapi-fetch";
import { GalaxiomError, type Operation } from "../errors.js";

type Serializer = (body: unknown, headers: Headers) => unknown;

/** What a call's init, and the client's options, say about a call's body. */
export interface BodyFields {
  body?: unknown;
  bodySerializer?: unknown;
  headers?: HeadersOptions | undefined;
  params?: { header?: Record<string, unknown> };
}

/** The caller's stream, as a body on its way. */
export interface BodyStream {
  /** Why it failed, if it did: fetch reports that as a connection failure. */
  failure?: { error: unknown };
  /** Stops reading it, once reading has started, for a call that failed: fetch leaves it waiting to be read. */
  cancel(reason: unknown): void;
}

/** What openapi-fetch is given for a body: the body as it goes out, a serializer that leaves it so, and every header. */
interface SentBody {
  body: unknown;
  bodySerializer: (body: unknown) => unknown;
  headers: Headers;
  /** For a stream: Node's fetch sends one only when told that the response may start before the body ends. */
  duplex?: "half";
}

const asIs = (body: unknown) => body;

/**
 * A call's body as it is sent, and the stream to watch when it is one. A body fetch can send (text, binary data,
 * a stream, a form) goes as it is; anything else through the caller's serializer (the call's, else the client's),
 * else encoded for its media type: the call's Content-Type, else the operation's first (`defaultType`, from the
 * generated table), else JSON. That media type is the Content-Type unless the call names one, except for a
 * FormData: only the runtime can write its Content-Type, which names the boundary it chooses.
 */
export function sendBody(init: BodyFields, client: BodyFields, defaultType: string | undefined, operation: Operation): [SentBody, BodyStream | undefined] {
  // What openapi-fetch will merge, so that the call's Content-Type is read as it will be sent.
  const headers = mergeHeaders(client.headers, init.headers, init.params?.header as HeadersOptions | undefined);
  const given = headers.get("content-type");
  const type = given ?? defaultType ?? "application/json";
  const serializer = (init.bodySerializer ?? client.bodySerializer) as Serializer | undefined;
  let { body } = init;
  if (!sentAsIs(body)) body = serializer ? serializer(body, headers) : encode(body, type, operation);
  if (body instanceof FormData) headers.delete("content-type");
  else if (!given) headers.set("content-type", type);
  if (!(body instanceof ReadableStream)) return [{ body, bodySerializer: asIs, headers }, undefined];
  const [sent, stream] = watched(body);
  return [{ body: sent, bodySerializer: asIs, headers, duplex: "half" }, stream];
}

/** Whether fetch can send the body as it is: never JSON-encoded, whatever the media type. */
function sentAsIs(body: unknown): boolean {
  return (
    typeof body == "string" ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof ReadableStream ||
    body instanceof URLSearchParams ||
    body instanceof FormData
  );
}

/** Data encoded for a media type galaxiom can write: JSON, a URL-encoded form, multipart. Text and binary types take text or binary data only. */
function encode(body: unknown, type: string, operation: Operation): string | URLSearchParams | FormData {
  const essence = type.split(";")[0]!.trim().toLowerCase();
  if (essence == "application/json" || essence.endsWith("+json")) return JSON.stringify(body);
  if (essence == "application/x-www-form-urlencoded") return fill(new URLSearchParams(), body, essence, operation);
  if (essence == "multipart/form-data") return fill(new FormData(), body, essence, operation);
  throw new GalaxiomError(`a ${essence} body must be a string, Blob, ArrayBuffer, typed array or ReadableStream`, operation);
}

/**
 * A form's fields from an object, as OpenAPI encodes one by default: a field per property, an array as the field
 * repeated, an object as JSON, null and undefined left out. A Blob goes as a file, which only multipart can carry.
 */
function fill(form: URLSearchParams | FormData, body: unknown, essence: string, operation: Operation): URLSearchParams | FormData {
  if (body === null || typeof body != "object" || Array.isArray(body)) throw new GalaxiomError(`a ${essence} body must be an object of fields`, operation);
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null) continue;
      if (!(item instanceof Blob)) form.append(name, typeof item == "object" ? JSON.stringify(item) : String(item));
      else if (form instanceof FormData) form.append(name, item);
      else throw new GalaxiomError(`field \`${name}\` is a Blob, which a URL-encoded form can't carry: send multipart/form-data`, operation);
    }
  }
  return form;
}

/**
 * `source` as fetch reads it, a chunk at a time (nothing buffered ahead), and the BodyStream that watches it. Read
 * from the first pull, so that a call that fails before sending leaves the caller's stream as it was.
 */
function watched(source: ReadableStream): [ReadableStream, BodyStream] {
  let reader: ReadableStreamDefaultReader | undefined;
  const stream: BodyStream = { cancel: (reason) => void reader?.cancel(reason).catch(() => undefined) };
  const sent = new ReadableStream(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<unknown>;
        try {
          chunk = await (reader ??= source.getReader()).read();
        } catch (error) {
          stream.failure = { error };
          return controller.error(error);
        }
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      cancel: (reason) => (reader ?? source).cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return [sent, stream];
}
