export { createGalileoClient, GALILEO_BASE_URL } from "./galileo.js";
export type { ApiKey, GalileoAuthOptions, GalileoClient, GalileoClientOptions, GalileoPaths, GalileoSchemas, GetTokenQuery } from "./galileo.js";
export { createAxiomClient, AXIOM_BASE_URL } from "./axiom.js";
export type { AxiomClient, AxiomClientOptions, AxiomPaths, AxiomSchemas } from "./axiom.js";
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  GalaxiomError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";
export type { Operation, ValidationIssue } from "./errors.js";
export type { ApiClient } from "./core/client-types.js";
export type { OperationSecurity } from "./auth/security.js";
export type { CallOptions, ClientOptions, Fetch, HelperOptions, Logger } from "./core/options.js";
export { fieldsFirst } from "./core/fields-first.js";
export type { FieldsFirstLogger } from "./core/fields-first.js";
export type { Clock } from "./core/clock.js";
export type { CallRetryOptions, RetryOn, RetryOptions } from "./retry.js";
export { RETRY_DEFAULTS } from "./retry.js";
export { TOKEN_POLICY } from "./auth/token-exchange.js";
export { DEFAULT_TIMEOUT_MS } from "./core/options.js";
