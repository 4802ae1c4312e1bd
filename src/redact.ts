/** Header, query and body names whose values are secrets, wherever they appear. */
export const SECRET_NAME = /authorization|key|token|secret|cookie|password|credential/i;
export const REDACTED = "[REDACTED]";

/** A client remembers this many secrets at most; exchanged tokens come and go, so the oldest are dropped. */
const MAX_SECRETS = 16;

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
    if (!secret || secret.length < 6 || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    if (this.#secrets.size > MAX_SECRETS) this.#secrets.delete(this.#secrets.values().next().value!);
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

  /** Response headers as a plain object, with secret-looking ones (`set-cookie`, `x-api-key`…) masked. */
  headers(headers: Headers): Record<string, string> {
    const result: Record<string, string> = {};
    headers.forEach((value, name) => (result[name] = SECRET_NAME.test(name) ? REDACTED : this.text(value)));
    return result;
  }

  /**
   * An error safe to keep as a `cause`. It is the error itself when nothing on it is secret and its own
   * properties are plain values (a socket error's `code`). Otherwise it is a copy of the same class with the
   * message, stack and values redacted and plain data kept, but any other object dropped: an interceptor's
   * error can spell out the request's headers, and an error may hold the Request itself. A string (an abort
   * reason) is redacted.
   */
  error(error: unknown, depth = 0): unknown {
    if (typeof error == "string") return this.text(error);
    if (!(error instanceof Error) || depth > 4) return error;
    const cause = this.error(error.cause, depth + 1);
    const own = Object.entries(error);
    const clean = (value: unknown) => (typeof value == "string" ? this.text(value) === value : value === null || (typeof value != "object" && typeof value != "function"));
    if (cause === error.cause && [error.message, error.stack, ...own.map(([, value]) => value)].every(clean)) return error;
    const copy = Object.create(Object.getPrototypeOf(error) as object) as Record<string, unknown>;
    for (const [key, value] of own) if (isData(value)) copy[key] = this.#copy(value, 0);
    const hidden = { message: this.text(error.message), stack: this.text(error.stack ?? ""), ...(cause === undefined ? {} : { cause }) };
    for (const [key, value] of Object.entries(hidden)) Object.defineProperty(copy, key, { value, writable: true, configurable: true });
    return copy;
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

/** Data that can be copied safely: primitives, plain objects and arrays; not a Request, Headers or a client. */
function isData(value: unknown): boolean {
  if (typeof value == "function") return false;
  if (typeof value != "object" || value === null) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === Array.prototype || prototype === null;
}
