import { GalaxiomError, type Operation } from "../errors.js";

/** The most redirects one attempt follows, as browsers cap them (at 20) so that a loop ends. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * The request a redirect leads to, or undefined when `response` is not one to follow. Requests are sent with
 * `redirect: "manual"` and their redirects followed here, so that credentials never leave their origin: a
 * redirect within the origin is followed (the caller sets the credentials again), as fetch would follow it
 * (303, and 301/302 after a POST, become a GET without a body; 307/308 keep the method and the body, and are
 * refused for a streamed body, which can't be sent again); a redirect to another origin is refused, as are a
 * hidden target (a browser's opaque redirect) and more than MAX_REDIRECTS hops. Errors name origins only: a
 * URL's path or query may hold a signature.
 */
export function redirected(url: string, template: Request, response: Response, hops: number, operation: Operation): Promise<Request> | undefined {
  if (response.type == "opaqueredirect") throw new GalaxiomError("redirected, and this runtime hides where to: not followed", operation);
  const location = REDIRECT_STATUSES.includes(response.status) ? response.headers.get("location") : null;
  if (location === null) return undefined;
  const from = new URL(url);
  const to = URL.canParse(location, from) ? new URL(location, from) : undefined;
  if (!to) throw new GalaxiomError(`${response.status} redirect to an invalid URL`, operation);
  if (to.origin != from.origin) {
    throw new GalaxiomError(
      `${response.status} redirect from ${from.origin} to ${to.origin} not followed: credentials are sent only to ${from.origin}`,
      operation,
    );
  }
  if (hops >= MAX_REDIRECTS) throw new GalaxiomError(`more than ${MAX_REDIRECTS} redirects`, operation);
  // From the request as the caller made it, without credentials: the pipeline sets them on every hop.
  const { method, headers } = template;
  const asGet = response.status == 303 ? method != "HEAD" : response.status < 303 && method == "POST";
  if (asGet) {
    const stripped = new Headers(headers);
    for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) stripped.delete(name);
    return Promise.resolve(new Request(to, { method: "GET", headers: stripped }));
  }
  if (!template.body) return Promise.resolve(new Request(to, { method, headers }));
  // Only a streamed body is sent in the template itself, and it was read as it went.
  if (template.bodyUsed) {
    throw new GalaxiomError(`${response.status} redirect not followed: a streamed body is read once, so it can't be sent again`, operation);
  }
  return template
    .clone()
    .arrayBuffer()
    .then((body) => new Request(to, { method, headers, body }));
}
