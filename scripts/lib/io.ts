/** What a command touches outside itself, passed in so tests can run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour is used only when the output is a terminal and NO_COLOR is unset. */
  color: boolean;
  env: Record<string, string | undefined>;
  readStdin: () => Promise<string>;
  fetch: typeof globalThis.fetch;
}

/** A command takes its arguments (after the command name) and returns the process exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;

/** Wrong arguments; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit codes shared by every command: 1 = the check found a problem, 2 = the input or usage is wrong. */
export const EXIT = { ok: 0, found: 1, badInput: 2 } as const;

export async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
