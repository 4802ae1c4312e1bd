import type { Redactor } from "./redact.js";

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

/** The base of every error galaxiom throws, so `instanceof GalaxiomError` catches them all. */
export class GalaxiomError extends Error {
  override name = "GalaxiomError";
}

/**
 * The server answered with an error status. Everything on it has been redacted: it is safe to log or
 * serialise. The request and its headers are deliberately not kept, since they carry credentials.
 */
export class ApiError extends GalaxiomError {
  override name = "ApiError";
  readonly status: number;
  readonly operation: Operation;
  /** The response body: parsed JSON when it was JSON, else its text. */
  readonly body: unknown;
  /** The validation issues when the body is `{ detail: [{ loc, msg, type }] }`, else undefined. */
  readonly detail: ValidationIssue[] | undefined;
  /** The server's id for the request, when a response header carries one. */
  readonly requestId: string | undefined;

  constructor(init: { operation: Operation; response: Response; body: unknown; redactor: Redactor }) {
    const body = init.redactor.value(init.body);
    const detail = validationIssues(body);
    const { status, statusText, headers } = init.response;
    super(init.redactor.text(`${init.operation.method} ${init.operation.path} failed: ${status}${statusText ? ` ${statusText}` : ""}${summary(body, detail)}`));
    this.status = status;
    this.operation = init.operation;
    this.body = body;
    this.detail = detail;
    this.requestId = REQUEST_ID_HEADERS.map((name) => headers.get(name)).find((id) => id !== null) ?? undefined;
  }
}

const REQUEST_ID_HEADERS = ["x-request-id", "x-axiom-trace-id", "x-amzn-requestid", "x-correlation-id"];

function validationIssues(body: unknown): ValidationIssue[] | undefined {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (!Array.isArray(detail)) return undefined;
  const valid = detail.every(
    (item: Partial<ValidationIssue> | null) =>
      Array.isArray(item?.loc) && typeof item.msg === "string" && typeof item.type === "string",
  );
  return valid ? (detail as ValidationIssue[]) : undefined;
}

/** A short, human-readable account of the body for the message: validation issues, a message field, or an excerpt. */
function summary(body: unknown, detail: ValidationIssue[] | undefined): string {
  if (detail) return `: ${detail.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ")}`;
  const field = body && typeof body === "object" ? ((body as Record<string, unknown>).message ?? (body as Record<string, unknown>).error) : undefined;
  const text = typeof field === "string" ? field : typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  const excerpt = text.replace(/\s+/g, " ").trim();
  return excerpt ? `: ${excerpt.length > 200 ? `${excerpt.slice(0, 200)}…` : excerpt}` : "";
}
