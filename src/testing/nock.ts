import nock from "nock";
import { answer } from "./answer.js";
import type { Interceptable } from "./fake.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/**
 * A persistent nock scope answering every request to the fake's origin as the fake does; `nock.cleanAll()` (or
 * `scope.persist(false)`) removes it. A call the fake fails gets a 400 whose `message` says why (see `answer`).
 */
export function nockScope(fake: Interceptable): nock.Scope {
  const scope = nock(fake.origin).persist();
  for (const method of METHODS) {
    scope
      .intercept(() => true, method)
      .reply(async function (this: nock.ReplyFnContext, uri, body) {
        const { method, headers } = this.req;
        // nock hands over a JSON body parsed: it goes to the fake as text again.
        const text = body === "" || method == "GET" || method == "HEAD" ? undefined : typeof body == "string" ? body : JSON.stringify(body);
        const request = new Request(`${fake.origin}${uri}`, { method, headers: headersOf(headers), body: text });
        const response = await answer(fake, request);
        return [response.status, await response.text(), Object.fromEntries(response.headers)];
      });
  }
  return scope;
}

function headersOf(headers: Record<string, string | string[]>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) for (const item of [value].flat()) result.append(name, item);
  return result;
}
