export { createGalileoClient, GALILEO_BASE_URL, paginateGalileo } from "./galileo.js";
export type {
  ApiKey,
  GalileoAuthOptions,
  GalileoClient,
  GalileoPaginated,
  GalileoClientOptions,
  GalileoPaths,
  GalileoSchemas,
  GetTokenQuery,
} from "./galileo.js";
export { createAxiomClient, AXIOM_BASE_URL, paginateAxiom } from "./axiom.js";
export type { AxiomClient, AxiomClientOptions, AxiomPaginated, AxiomPaths, AxiomSchemas } from "./axiom.js";
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
export type { CallOptions, ClientOptions, Fetch, HelperOptions, Logger, ValidateMode, Validation } from "./core/options.js";
export { fieldsFirst } from "./core/fields-first.js";
export type { FieldsFirstLogger } from "./core/fields-first.js";
export type { Clock } from "./core/clock.js";
export type { CallRetryOptions, RetryOn, RetryOptions } from "./retry.js";
export { RETRY_DEFAULTS } from "./retry.js";
export { TOKEN_POLICY } from "./auth/token-exchange.js";
export { DEFAULT_TIMEOUT_MS } from "./core/options.js";
// For an app's own tables (`galaxiom generate` writes <api>.pagination.ts beside its types).
export { paginate } from "./paginate.js";
export type { Page, PageField, PageParams, Pagination, Paginator, PaginatorOf } from "./paginate.js";
export { createAxiomIngest } from "./axiom/ingest.js";
export { queryAxiom } from "./axiom/query.js";
export { DeliveryError } from "./batch/delivery-error.js";
export type { BatchOptions, BatcherStats } from "./batch/batcher.js";
export type { AxiomIngest, AxiomIngestOptions } from "./axiom/ingest.js";
export type { IngestCallOptions, IngestOptions, IngestStatus } from "./axiom/ingest-call.js";
export type { IngestStreamOptions } from "./axiom/ingest-stream.js";
export type { IngestSource } from "./axiom/records.js";
export type { AplQueryOptions, AplQueryResult, AplResultTable, QueryLimits } from "./axiom/query.js";
export { createGalileoLogger } from "./galileo/logger.js";
export type {
  AgentSpanOptions,
  ConcludeOptions,
  GalileoLogger,
  GalileoLoggerClient,
  GalileoLoggerOptions,
  GalileoTrace,
  LlmSpanOptions,
  RetrieverSpanOptions,
  SessionOptions,
  ToolSpanOptions,
  TraceOptions,
  WorkflowSpanOptions,
} from "./galileo/logger.js";
export { jsonLines } from "./json-lines.js";
export type { JsonLinesOptions } from "./json-lines.js";
