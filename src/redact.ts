/** Header, query and body names whose values are secrets, wherever they appear. */
const SECRET_NAME = /authorization|key|token|secret|cookie|password|credential/i;
const REDACTED = "[REDACTED]";

/**
 * Masks secrets in anything about to leave the library (error properties, messages, log lines): values
 * under secret-looking names, and every occurrence of a secret the client knows (its API key, token or
 * password), however it got there (e.g. a server echoing the submitted key in a validation error).
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Remembers a secret; anything but a string (an API key given as a function) is ignored. */
  remember(secret: unknown): void {
    // Very short values would mask ordinary text; real keys and tokens are far longer. At most 16 are kept:
    // exchanged tokens come and go, so the oldest are dropped.
    if (typeof secret == "string" && secret.length > 5 && this.#secrets.add(secret).size > 16) {
      this.#secrets.delete(this.#secrets.values().next().value!);
    }
  }

  text(text: string): string {
    for (const secret of this.#secrets) text = text.replaceAll(secret, REDACTED);
    return text;
  }

  /**
   * A redacted deep copy of JSON data (a parsed body, headers as an object), through JSON itself: strings
   * redacted, values under secret-looking names masked. The input is not modified.
   */
  value<T>(value: T): T {
    return value === undefined
      ? value
      : (JSON.parse(JSON.stringify(value, (key, item: unknown) => (SECRET_NAME.test(key) ? REDACTED : typeof item == "string" ? this.text(item) : item))) as T);
  }

  /**
   * An error safe to keep as a `cause`. It is the error itself when nothing on it is secret and its own
   * properties are plain values (a socket error's `code`). Otherwise it is a copy of the same class with the
   * message, stack and values redacted and plain data kept, but any other object dropped: an interceptor's
   * error can spell out the request's headers, and an error may hold the Request itself. A string (an abort
   * reason) is redacted.
   */
  error(error: unknown, depth = 0): unknown {
    if (!(error instanceof Error) || depth > 4) return typeof error == "string" ? this.text(error) : error;
    const { message, stack = "", cause } = error;
    const hidden: Record<string, unknown> = { message: this.text(message), stack: this.text(stack), cause: this.error(cause, depth + 1) };
    const copy = Object.create(Object.getPrototypeOf(error) as object) as Record<string, unknown>;
    let plain = hidden.message == message && hidden.stack == stack && hidden.cause === cause;
    for (const [key, value] of Object.entries(error)) {
      const prototype = typeof value == "object" && value && (Object.getPrototypeOf(value) as unknown);
      let copied: unknown;
      // Plain data is copied (redacted); anything else (a Request, a socket, a function, a cycle) is dropped.
      try {
        if (typeof value != "function" && (!prototype || prototype == Object.prototype || prototype == Array.prototype)) copied = this.value(value);
      } catch {
        // Not JSON after all.
      }
      // The error is kept as it is when its own properties are primitives that need no redaction.
      plain &&= !prototype && copied === value;
      if (copied !== undefined) copy[key] = copied;
    }
    if (plain) return error;
    for (const key in hidden) {
      if (hidden[key] !== undefined) Object.defineProperty(copy, key, { value: hidden[key], writable: true, configurable: true });
    }
    return copy;
  }
}
