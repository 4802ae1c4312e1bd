import nock from "nock";
import { answer } from "./answer.js";
import type { Interceptable } from "./fake.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** What nock gives the scope's `request` listener and the reply function as the request. */
interface NockRequest {
  method: string;
  headers: Record<string, string | string[] | number | undefined>;
  getHeaders(): Record<string, string | string[] | number | undefined>;
}

/**
 * A persistent nock scope answering every request to the fake's origin as the fake does; `nock.cleanAll()` (or
 * `scope.persist(false)`) removes it. A call the fake fails gets a 400 whose `message` says why (see `answer`).
 */
export function nockScope(fake: Interceptable): nock.Scope {
  const scope = nock(fake.origin).persist();
  // nock gives a reply function the body parsed when the request says it is JSON (gunzipped first), and a body
  // that isn't JSON throws where nothing catches it: the call hangs. So the body is taken, as nock read it, from
  // the scope's `request` event, which nock emits with the same request just before, and the content type is
  // hidden from the `headers` nock parses by (the fake reads `getHeaders()`, which stay whole).
  const bodies = new WeakMap<object, string>();
  scope.on("request", (req: NockRequest, _interceptor: unknown, body: string) => {
    bodies.set(req, body);
    const { "content-type": _, ...others } = req.headers;
    req.headers = others;
  });
  for (const method of METHODS) {
    scope
      .intercept(() => true, method)
      .reply(async function (this: nock.ReplyFnContext, uri) {
        const req = this.req as unknown as NockRequest;
        const headers = headersOf(req.getHeaders());
        const body = bodies.get(req) || undefined;
        const request = new Request(`${fake.origin}${uri}`, {
          method: req.method,
          headers,
          body: body === undefined || req.method == "GET" || req.method == "HEAD" ? undefined : bytesOf(body, headers),
        });
        const response = await answer(fake, request);
        return [response.status, await response.text(), Object.fromEntries(response.headers)];
      });
  }
  return scope;
}

/**
 * The bytes of a body as nock read it: as text when they are UTF-8, else as hex. A body of hex digits alone is
 * taken as hex when its bytes aren't UTF-8, as nock decides, but a JSON body that isn't content-encoded is always
 * its text (`85` is a number, not the byte 0x85).
 */
function bytesOf(body: string, headers: Headers): string | Uint8Array<ArrayBuffer> {
  if (body.length % 2 || !/^[\da-f]*$/.test(body)) return body;
  if (!headers.has("content-encoding") && /^application\/json/i.test(headers.get("content-type") ?? "")) return body;
  const bytes = Uint8Array.from({ length: body.length / 2 }, (_, index) => Number.parseInt(body.slice(index * 2, index * 2 + 2), 16));
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return body;
  } catch {
    return bytes;
  }
}

function headersOf(headers: Record<string, string | string[] | number | undefined>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) for (const item of [value ?? []].flat()) result.append(name, String(item));
  return result;
}
