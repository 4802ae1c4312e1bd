import type { Validation } from "../core/options.js";
import { GalaxiomError, type Operation } from "../errors.js";
import type { Validators } from "./checks.js";
import { ResponseValidationError } from "./error.js";
import { responseIssues, type Observed } from "./issues.js";
import { MAX_REPORTED, reportable, summary, unreported } from "./report.js";

/**
 * The Validation of a generated `<api>.validators.ts`: `createValidation(validators)` for an app's own, which
 * the client is given as `validation`. In "warn" mode it logs through the client's logger (else `console.warn`)
 * each issue not yet reported in this process; in "throw" mode it throws a ResponseValidationError.
 */
export function createValidation(validators: Validators): Validation {
  return (mode, operation, { data, error, response }, parseAs, { logger, redactor }) => {
    if (mode != "warn" && mode != "throw") throw new GalaxiomError('validate must be "off", "warn" or "throw"', operation);
    const key = `${operation.method} ${operation.path}`;
    const { issues, total } = responseIssues(
      Object.hasOwn(validators, key) ? validators[key] : undefined,
      observe(operation, response, response.ok ? data : error, parseAs),
    );
    if (issues.length == 0) return;
    const { status } = response;
    const reported = issues.map((issue) => reportable(issue, operation, status, (text) => redactor.text(text)));
    if (mode == "throw") throw new ResponseValidationError(operation, status, reported, total);
    const { fresh, full } = unreported(reported);
    const log = logger ?? console;
    if (fresh.length > 0) log.warn(summary(operation, status, fresh, fresh.length), { operation: key, status, issues: fresh });
    if (full) log.warn(`galaxiom validation: ${MAX_REPORTED} distinct issues reported; no more will be until a restart`);
  };
}

/**
 * What the client saw: a response without content (HEAD, 204, 304, an empty body) has no content type whatever its
 * headers say, and a body parsed `as` something other than JSON (stream, text, blob…) isn't checked, only its
 * status, content type and headers.
 */
function observe({ method }: Operation, response: Response, body: unknown, parseAs: unknown): Observed {
  const { status, headers } = response;
  const empty = method == "HEAD" || status == 204 || status == 304 || headers.get("content-length") == "0";
  const contentType = empty ? null : headers.get("content-type");
  return {
    status,
    contentType,
    header: (name) => headers.get(name),
    body: contentType !== null && (parseAs === undefined || parseAs == "json") ? { value: body } : undefined,
  };
}
