import type { Logger } from "./options.js";

/** A logger that takes the fields first, as pino and bunyan do: `logger.info({ status }, "message")`. */
export interface FieldsFirstLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * A fields-first logger as galaxiom's Logger, which takes the message first (as console and winston do):
 * `createAxiomClient({ logger: fieldsFirst(pino()) })`. Called as methods, so that pino's keep their `this`.
 */
export function fieldsFirst(logger: FieldsFirstLogger): Logger {
  const at =
    (level: keyof Logger) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      logger[level](fields, message);
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
