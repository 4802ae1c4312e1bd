/** Header, query and body names whose values are secrets, wherever they appear. */
const SECRET_NAME = /authorization|key|token|secret|cookie|password|credential/i;
const REDACTED = "[REDACTED]";
const PLAIN: unknown[] = [Object.prototype, Array.prototype];

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
   * redacted, values under secret-looking names masked, objects that are not plain data (a Request, a
   * socket) dropped. The input is not modified.
   */
  value<T>(value: T): T {
    return value === undefined
      ? value
      : (JSON.parse(
          JSON.stringify(value, (key, item: unknown) =>
            SECRET_NAME.test(key)
              ? REDACTED
              : typeof item == "string"
                ? this.text(item)
                : item instanceof Object && !PLAIN.includes(Object.getPrototypeOf(item) as object)
                  ? undefined
                  : item,
          ),
        ) as T);
  }

  /**
   * An error safe to keep as a `cause`: a copy of the same class, with its message, stack and cause redacted
   * and its own plain data copied (an interceptor's error can spell out the request's headers, and an error
   * may hold the Request itself). Anything else (an abort reason) is redacted as data.
   */
  error(error: unknown, depth = 0): unknown {
    let data: unknown;
    try {
      data = this.value(error instanceof Error ? { ...error } : error);
    } catch {
      // A cycle: an error keeps its message and class, anything else is dropped.
    }
    if (!(error instanceof Error)) return data;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as object, data);
    for (const key of ["message", "stack", "cause"] as const) {
      if (Object.hasOwn(error, key) && (key != "cause" || depth < 4)) {
        const value = key == "cause" ? this.error(error.cause, depth + 1) : this.text(String(error[key]));
        Object.defineProperty(copy, key, { value, writable: true, configurable: true });
      }
    }
    return copy;
  }
}
