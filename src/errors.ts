import type { Redactor } from "./redact.js";
import { retryAfterMs } from "./retry.js";

/** The operation a request was for, as the spec names it: method and path template. */
export interface Operation {
  method: string;
  path: string;
}

/** One entry of a FastAPI-style validation error body (Galileo's `HTTPValidationError.detail[]`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/**
 * The base of every error galaxiom throws, so `instanceof GalaxiomError` catches them all. Everything on
 * these errors was redacted where it was made: message, properties and `cause` are safe to log or
 * serialise, and no error keeps the request or its headers.
 */
export class GalaxiomError extends Error {
  override name = "GalaxiomError";
  /** The operation the error is about, when it is about one; the message then starts with it. */
  declare readonly operation: Operation | undefined;

  constructor(message: string, operation?: Operation, cause?: unknown) {
    super(operation ? `${operation.method} ${operation.path}: ${message}` : message, cause === undefined ? undefined : { cause });
    this.operation = operation;
  }

  /** The error as plain data (name, message and properties) for `JSON.stringify` and structured logs. */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** The server answered with an error status (4xx or 5xx); subclasses name the common ones. */
export class ApiError extends GalaxiomError {
  override name = "ApiError";
  declare readonly operation: Operation;
  declare readonly status: number;
  /** The response body: parsed JSON when it was JSON, else its text. */
  declare readonly body: unknown;
  /** The validation issues when the body is `{ detail: [{ loc, msg, type }] }`, else undefined. */
  declare readonly detail: ValidationIssue[] | undefined;
  /** The server's id for the request, when a response header carries one: quote it to the vendor's support. */
  declare readonly requestId: string | undefined;
  /** The response headers; secret-looking ones (`set-cookie`, `x-api-key`…) are masked. */
  declare readonly headers: Record<string, string>;

  /** From an error response and the body openapi-fetch parsed; `now` is for reading a `Retry-After` date. */
  constructor(operation: Operation, { status, statusText, headers }: Response, body: unknown, redactor: Redactor, now: number) {
    const redacted = redactor.value(body);
    const issues = (redacted as { detail?: unknown } | null)?.detail;
    const detail =
      Array.isArray(issues) &&
      issues.every((issue: Partial<ValidationIssue> | null) => Array.isArray(issue?.loc) && typeof issue.msg == "string" && typeof issue.type == "string")
        ? (issues as ValidationIssue[])
        : status == 422
          ? []
          : undefined;
    // A short account of the body: the validation issues, else a message field (FastAPI's is a string
    // `detail`), else an excerpt.
    const { message, error } = (redacted ?? {}) as { message?: unknown; error?: unknown };
    const text = message ?? error ?? (typeof issues == "string" ? issues : redacted);
    // The server's own text, which may echo what it was sent: redacted like the body.
    const requestId = redactor.value(requestIdOf(headers));
    super(
      redactor.text(
        `${status}${statusText && ` ${statusText}`}${
          detail?.length
            ? `: ${detail.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ")}`
            : excerpt(typeof text == "string" ? text : (JSON.stringify(redacted) ?? ""))
        }${requestId ? ` (request id ${requestId})` : ""}`,
      ),
      operation,
    );
    Object.assign(this, { status, body: redacted, detail, requestId, headers: redactor.value(Object.fromEntries(headers)) });
    if (status == 429) (this as { retryAfterMs?: number }).retryAfterMs = retryAfterMs(headers, now);
  }
}

/** 400: the request was malformed. */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
/** 401: the credentials were missing, wrong or expired. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
/** 403: the credentials are valid but not allowed this operation. */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
/** 404: no such resource (check the path parameters) or no such route. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
/** 422: the server understood the request but rejected its content; `detail` says why (empty if off-spec). */
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
  declare readonly detail: ValidationIssue[];
}
/** 429: too many requests. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  /** How long the server asked to wait (`retry-after-ms` or `Retry-After`), when it said. */
  declare readonly retryAfterMs: number | undefined;
}
/** 5xx: the server failed; the same request may succeed later. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

/** The ApiError subclass for each status that has one; other 5xx are ServerError, the rest ApiError. */
export const STATUS_ERRORS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The ApiError subclass for a response's status (ApiError or ServerError when none names it), from its parsed body. */
export function statusError(operation: Operation, response: Response, body: unknown, redactor: Redactor, now: number): ApiError {
  const { status } = response;
  return new (STATUS_ERRORS[status] ?? (status > 499 ? ServerError : ApiError))(operation, response, body, redactor, now);
}

/** The request got no response: the server could not be reached, or the connection broke. `cause` says how. */
export class ConnectionError extends GalaxiomError {
  override name = "ConnectionError";
}
/** An attempt got no response within its `timeout`, or the call's `deadline` passed. */
export class TimeoutError extends GalaxiomError {
  override name = "TimeoutError";
}
/** The caller's `signal` aborted the call; its reason is the `cause`. */
export class AbortError extends GalaxiomError {
  override name = "AbortError";
}

/** The server's id for a request, from the first response header that carries one, as sent: redact it to show it. */
export function requestIdOf(headers: Headers): string | undefined {
  return ["x-request-id", "x-axiom-trace-id", "x-amzn-requestid", "x-correlation-id"].map((name) => headers.get(name)).find(Boolean) ?? undefined;
}

/** `: text` on one line and at most 160 characters, or nothing for an empty text. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line && `: ${line.length > 160 ? `${line.slice(0, 160)}…` : line}`;
}
