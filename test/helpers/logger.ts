import type { Logger } from "../../src/index.js";

export interface Line {
  level: keyof Logger;
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A logger that keeps every line, for assertions and for the redaction sweep. */
export function recordingLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
