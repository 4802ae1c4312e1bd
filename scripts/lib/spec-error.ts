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

/** How messages name a file Redocly knows by absolute path or URL: relative to the working directory, or the URL. */
export function shown(absolute: string): string {
  return /^[a-z]+:\/\//i.test(absolute) ? absolute : path.relative(process.cwd(), absolute);
}
