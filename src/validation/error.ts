import { GalaxiomError, type Operation } from "../errors.js";
import { summary, type ResponseIssue } from "./report.js";

/**
 * A response differed from the spec (the client's `validate: "throw"`): an undeclared status or content type, or
 * a header or body failing its schema. The message names the first issue; `issues` holds them (at most 50 of
 * `total`), each where and which types, never a value.
 */
export class ResponseValidationError extends GalaxiomError {
  override name = "ResponseValidationError";
  declare readonly operation: Operation;
  declare readonly status: number;
  declare readonly issues: ResponseIssue[];
  /** How many issues the response had, those past the 50 kept included. */
  declare readonly total: number;

  constructor(operation: Operation, status: number, issues: ResponseIssue[], total: number) {
    // The message names the status too, so it is made here rather than by GalaxiomError's `METHOD /path: `.
    super(summary(operation, status, issues, total));
    Object.assign(this, { operation, status, issues, total });
  }
}
