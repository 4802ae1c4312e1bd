import { readEnv } from "./core/env.js";
import type { Operation } from "./errors.js";
import type { Outcome } from "./retry.js";

/** Where the client reports what it does: `console` fits, as do pino, winston and most structured loggers. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Set to `1` (or `true`) to send debug lines to the console when no `logger` is given. */
export const DEBUG_VARIABLE = "GALAXIOM_DEBUG";

/** The given logger; else the console when the debug variable is set; else none, and nothing is logged. */
export function resolveLogger(logger: Logger | undefined): Logger | undefined {
  return logger ?? (/^(1|true)$/i.test(readEnv(DEBUG_VARIABLE) ?? "") ? console : undefined);
}

function describe(outcome: Outcome): string | number {
  return typeof outcome === "string" ? (outcome === "timeout" ? "timed out" : "connection failed") : outcome.status;
}

/**
 * One debug line per attempt. Lines carry the operation's path template, never its URL, headers or body,
 * so no credential, token or parameter value can reach a log.
 */
export function logAttempt(logger: Logger, operation: Operation, outcome: Outcome, durationMs: number, attempt: number, attempts: number, requestId: string | undefined): void {
  const status = describe(outcome);
  logger.debug(
    `galaxiom: ${operation.method} ${operation.path} ${status} in ${durationMs} ms (attempt ${attempt}/${attempts}${requestId ? `, request id ${requestId}` : ""})`,
    { ...operation, status, durationMs, attempt, requestId },
  );
}

/** A warn line when a retry is scheduled, with the delay. */
export function logRetry(logger: Logger, operation: Operation, outcome: Outcome, delayMs: number, attempt: number, attempts: number): void {
  const status = describe(outcome);
  const delay = Math.round(delayMs);
  logger.warn(`galaxiom: ${operation.method} ${operation.path} ${status}; retrying in ${delay} ms (attempt ${attempt + 1}/${attempts})`, {
    ...operation,
    status,
    delayMs: delay,
    attempt: attempt + 1,
  });
}
