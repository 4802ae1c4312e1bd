import { ApiError, type Operation } from "../errors.js";
import type { Redactor } from "../redact.js";

/** The helpers' contract: resolve with the data of a success, throw ApiError for an error status. */
export async function unwrap<Data>(
  operation: Operation,
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
  redactor: Redactor,
): Promise<Data> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError({ operation, response, body: error, redactor });
  return data as Data;
}
