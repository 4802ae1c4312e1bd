// `galaxiom/validation`: checking real responses against the spec (the clients' `validate` option). Its own entry,
// so that only apps that validate bundle the generated checks.
export { axiomValidation } from "./axiom.js";
export { galileoValidation } from "./galileo.js";
export { createValidation } from "./validation.js";
export { ResponseValidationError } from "./error.js";
export type { ResponseIssue } from "./report.js";
export type { Check, Issue, OperationChecks, ResponseChecks, Validators } from "./checks.js";
export type { Validation, ValidateMode } from "../core/options.js";
