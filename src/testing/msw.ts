import { http, type HttpHandler } from "msw";
import { answer } from "./answer.js";
import type { Interceptable } from "./fake.js";

/**
 * MSW 2 request handlers answering every request to the fake's origin as the fake does:
 * `setupServer(...mswHandlers(fake))`. A call the fake fails gets a 400 whose `message` says why (see `answer`).
 */
export function mswHandlers(fake: Interceptable): HttpHandler[] {
  return [http.all(`${fake.origin}/*`, ({ request }) => answer(fake, request))];
}
