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
  readonly operation: Operation | undefined;

  constructor(message: string, options?: { operation?: Operation; cause?: unknown }) {
    const operation = options?.operation;
    super(operation ? `${operation.method} ${operation.path}: ${message}` : message, options);
    this.operation = operation;
  }

  /** The error as plain data (name, message and properties) for `JSON.stringify` and structured logs. */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** What an ApiError is made from: the operation, its response and the body openapi-fetch parsed. */
export interface ApiErrorInit {
  operation: Operation;
  response: Response;
  body: unknown;
  redactor: Redactor;
  /** The time, for reading a `Retry-After` date. */
  now: number;
}

/** The server answered with an error status (4xx or 5xx); subclasses name the common ones. */
export class ApiError extends GalaxiomError {
  override name = "ApiError";
  declare readonly operation: Operation;
  readonly status: number;
  /** The response body: parsed JSON when it was JSON, else its text. */
  readonly body: unknown;
  /** The validation issues when the body is `{ detail: [{ loc, msg, type }] }`, else undefined. */
  readonly detail: ValidationIssue[] | undefined;
  /** The server's id for the request, when a response header carries one: quote it to the vendor's support. */
  readonly requestId: string | undefined;
  /** The response headers; secret-looking ones (`set-cookie`, `x-api-key`…) are masked. */
  readonly headers: Record<string, string>;

  constructor({ operation, response, redactor, body }: ApiErrorInit) {
    const { status, statusText, headers } = response;
    const redacted = redactor.value(body);
    const detail = validationIssues(redacted) ?? (status === 422 ? [] : undefined);
    const requestId = requestIdOf(headers);
    const message = `${status}${statusText ? ` ${statusText}` : ""}${summary(redacted, detail)}`;
    super(redactor.text(requestId ? `${message} (request id ${requestId})` : message), { operation });
    this.status = status;
    this.body = redacted;
    this.detail = detail;
    this.requestId = requestId;
    this.headers = redactor.headers(headers);
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
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = retryAfterMs(init.response.headers, init.now);
  }
}
/** 5xx: the server failed; the same request may succeed later. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

const STATUS_ERRORS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The ApiError subclass for the response's status. */
export function createApiError(init: ApiErrorInit): ApiError {
  const { status } = init.response;
  return new (STATUS_ERRORS[status] ?? (status >= 500 ? ServerError : ApiError))(init);
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

const REQUEST_ID_HEADERS = ["x-request-id", "x-axiom-trace-id", "x-amzn-requestid", "x-correlation-id"];

/** The server's id for a request, from the first response header that carries one. */
export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const id = headers.get(name);
    if (id) return id;
  }
  return undefined;
}

function validationIssues(body: unknown): ValidationIssue[] | undefined {
  const detail = (body as { detail?: unknown } | null)?.detail;
  const valid =
    Array.isArray(detail) &&
    detail.every((item: Partial<ValidationIssue> | null) => Array.isArray(item?.loc) && typeof item.msg == "string" && typeof item.type == "string");
  return valid ? (detail as ValidationIssue[]) : undefined;
}

/** A short account of the body for the message: the validation issues, a message field, or an excerpt. */
function summary(body: unknown, detail: ValidationIssue[] | undefined): string {
  if (detail?.length) return `: ${detail.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ")}`;
  const { message, error } = (body ?? {}) as { message?: unknown; error?: unknown };
  const field = message ?? error;
  return excerpt(typeof field == "string" ? field : typeof body == "string" ? body : body === undefined ? "" : JSON.stringify(body));
}

/** `: text` on one line and at most 160 characters, or nothing for an empty text. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line ? `: ${line.length > 160 ? `${line.slice(0, 160)}…` : line}` : "";
}
