import { parseArgs, type ParseArgsConfig } from "node:util";
import { readBounded } from "./read-bounded.js";
/** What a command touches outside itself, passed in so tests can run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether output may be coloured: see `wantsColor`. */
  color: boolean;
  env: Record<string, string | undefined>;
  /** Standard input as text, refused past `maxBytes`. */
  readStdin: (maxBytes: number) => Promise<string>;
  fetch: typeof globalThis.fetch;
}

/** A command takes its arguments (after the command name) and returns the process exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;

/** What each command module exports: how to run it, and its help, which a usage error is followed by. */
export interface CommandModule {
  run: Command;
  usage: string;
}

/** Wrong arguments; the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** node's parseArgs, with every complaint it has (an unknown flag, a missing value) as a UsageError. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A flag's value that must be a number above zero; anything else is a UsageError naming the flag. */
export function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new UsageError(`${flag} must be a positive number, not "${value}"`);
  return number;
}

/** Exit codes shared by every command: 1 = the check found a problem, 2 = the input or usage is wrong. */
export const EXIT = { ok: 0, found: 1, badInput: 2 } as const;

/** A command's help section listing what each exit code it returns means, with the numbers from EXIT. */
export function exitCodes(meanings: Partial<Record<keyof typeof EXIT, string>>): string {
  const lines = (Object.keys(EXIT) as Array<keyof typeof EXIT>).flatMap((key) => (meanings[key] ? [`  ${EXIT[key]}  ${meanings[key]}`] : []));
  return `Exit codes:\n${lines.join("\n")}\n`;
}

/**
 * Colour on a terminal, unless NO_COLOR is set and not empty (https://no-color.org); FORCE_COLOR decides over both,
 * as it does for Node itself: 1, 2, 3, true or empty turn colour on even through a pipe (a CI log renders it),
 * any other value (0, false) turns it off.
 */
export function wantsColor(env: Record<string, string | undefined>, isTerminal: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ["", "1", "2", "3", "true"].includes(force);
  return isTerminal && !env.NO_COLOR;
}

/** A pipe has no size to check beforehand: bytes are counted as they come. */
export function readProcessStdin(maxBytes: number): Promise<string> {
  return readBounded(process.stdin, "-", maxBytes);
}
