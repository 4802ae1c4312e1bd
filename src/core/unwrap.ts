import { createApiError, excerpt, GalaxiomError, type Operation } from "../errors.js";
import type { ResolvedOptions } from "./options.js";

/**
 * The helpers' contract: resolve with the data of a success, throw the ApiError subclass for an error status,
 * and a GalaxiomError for a success whose body is not JSON (openapi-fetch's parse fails; V8's message quotes
 * the start of the body).
 */
export async function unwrap<Data>(
  options: ResolvedOptions,
  operation: Operation,
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  const { data, error, response } = await call.catch((failure: unknown) => {
    if (!(failure instanceof SyntaxError)) throw failure;
    const body = excerpt(options.redactor.text(failure.message));
    throw new GalaxiomError(`the response body is not valid JSON${body}`, { operation });
  });
  if (!response.ok) throw createApiError({ operation, response, body: error, redactor: options.redactor, now: options.clock.now() });
  return data as Data;
}
