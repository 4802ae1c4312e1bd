import path from "node:path";

/**
 * A problem in a spec or config file, located precisely enough to fix: the file, and a JSON pointer
 * and/or line within it. Commands print `message` and exit non-zero; they never print a stack trace.
 */
export class SpecError extends Error {
  override name = "SpecError";
  readonly file: string;
  readonly pointer: string | undefined;
  readonly line: number | undefined;

  constructor(problem: string, where: { file: string; pointer?: string; line?: number }, options?: ErrorOptions) {
    super(`${formatLocation(where)}: ${problem}`, options);
    this.file = where.file;
    this.pointer = where.pointer;
    this.line = where.line;
  }
}

export function formatLocation({ file, pointer, line }: { file: string; pointer?: string; line?: number }): string {
  return `${file}${line === undefined ? "" : `:${line}`}${pointer === undefined ? "" : ` #${pointer}`}`;
}

/** How messages name a file (by any path) or a URL: relative to the working directory, or the URL as it is. */
export function shown(file: string): string {
  return /^[a-z]+:\/\//i.test(file) ? file : path.relative(process.cwd(), file);
}

/** Why a file could not be read, as a SpecError naming it: "file not found", or the system's reason. */
export function unreadable(error: unknown, file: string): SpecError {
  const { code, message } = error as NodeJS.ErrnoException;
  return new SpecError(code === "ENOENT" ? "file not found" : `cannot read: ${message}`, { file }, { cause: error });
}
