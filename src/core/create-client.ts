import createClient, { type Client, type Middleware } from "openapi-fetch";

/** Options every galaxiom client takes. */
export interface ClientOptions {
  /** The API's base URL; each client documents its default and environment variable. */
  baseUrl?: string;
  /**
   * The fetch to send requests with. By default `globalThis.fetch`, looked up at each call rather than
   * captured at creation, so interceptors installed later (nock, msw) still see every request.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** An openapi-fetch client for `Paths`, with the given middleware installed first. */
export function createApiClient<Paths extends {}>(options: ClientOptions & { baseUrl: string }, middleware: Middleware[]): Client<Paths> {
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    fetch: (request) => (options.fetch ?? globalThis.fetch)(request),
  });
  client.use(...middleware);
  return client;
}
