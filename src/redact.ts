/** Header, query and body names whose values are secrets, wherever they appear. */
export const SECRET_NAME = /authorization|key|token|secret|cookie|password|credential/i;
export const REDACTED = "[REDACTED]";

/**
 * Masks secrets in anything about to leave the library (error properties, messages, log lines): values
 * under secret-looking names, and every occurrence of a secret the client knows (its API key, token or
 * password), however it got there (e.g. a server echoing the submitted key in a validation error).
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.remember(secret);
  }

  remember(secret: string | undefined): void {
    // Very short values would mask ordinary text; real keys and tokens are far longer.
    if (secret && secret.length >= 6) this.#secrets.add(secret);
  }

  text(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.split(secret).join(REDACTED);
    return result;
  }

  /** A redacted deep copy of JSON-like data; the input is not modified. */
  value<T>(value: T): T {
    return this.#copy(value, 0) as T;
  }

  #copy(value: unknown, depth: number): unknown {
    if (typeof value === "string") return this.text(value);
    if (typeof value !== "object" || value === null || depth > 32) return value;
    if (Array.isArray(value)) return value.map((item) => this.#copy(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_NAME.test(key) ? REDACTED : this.#copy(item, depth + 1)]),
    );
  }
}
