import createClient from "openapi-fetch";
import type { Authorizer } from "../auth/security.js";
import { checkPathParams } from "../path-params.js";
import type { ApiClient } from "./client-types.js";
import { resolveCall, type CallOptions, type CallPolicy, type ResolvedOptions } from "./options.js";
import { send } from "./pipeline.js";

type Init = CallOptions & { params?: { path?: Record<string, unknown> } };
type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * An openapi-fetch client whose every call validates its path parameters, resolves its policy, then runs
 * the pipeline as its fetch: user middleware runs first, as openapi-fetch orders it, and sees no credentials.
 */
export function createApiClient<Paths extends {}>(options: ResolvedOptions, authorize: Authorizer): ApiClient<Paths> {
  const base = createClient({ baseUrl: options.baseUrl, headers: options.headers });
  const request = base.request as unknown as (method: string, path: string, init: object) => Result;

  function call(method: string, path: string, init: Init = {}): Result {
    const operation = { method, path };
    const sendUnder = (policy: CallPolicy) => (outgoing: Request) => send(options, authorize, outgoing, operation, policy);
    try {
      checkPathParams(operation, init.params?.path);
      if (init.retry === undefined && init.timeout === undefined && init.deadline === undefined && !init.signal) {
        return request(method, path, { ...init, fetch: sendUnder(options.policy) });
      }
      // Galaxiom's own options stay out of openapi-fetch's init, which would copy them onto the Request.
      const { retry, timeout, deadline, signal, ...rest } = init;
      return request(method, path, { ...rest, fetch: sendUnder(resolveCall(options.policy, { retry, timeout, deadline, signal }, `${method} ${path}`)) });
    } catch (error) {
      // A call rejects, never throws: bad arguments surface where every other failure does.
      return Promise.reject(error);
    }
  }

  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: Init) => call(method.toUpperCase(), path, init),
    use: base.use,
    eject: base.eject,
  };
  for (const method of METHODS) client[method] = (path: string, init?: Init) => call(method, path, init);
  return client as unknown as ApiClient<Paths>;
}
