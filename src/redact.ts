import { GalaxiomError } from "./errors.js";

/**
 * Header, query and body names whose values are secrets, wherever they appear; `auth` as a word of its own
 * (`X-Custom-Auth`, `auth_header`), not `author` or `WWW-Authenticate`.
 */
const SECRET_NAME = /authorization|(^|[^a-z])auth([^a-z]|$)|key|token|secret|cookie|password|credential/i;
const REDACTED = "[REDACTED]";
const PLAIN: unknown[] = [Object.prototype, Array.prototype];

/** How many rotating secrets no call holds are kept: the tokens and keys just used, for errors made after their calls. */
const ROTATING_KEPT = 16;

/**
 * Masks secrets in anything about to leave the library (error properties, messages, log lines): values
 * under secret-looking names, and every occurrence of a secret the client knows, however it got there (e.g.
 * a server echoing the submitted key in a validation error), as is, URL-encoded or in base64.
 *
 * The one registry of a client's secrets. Those it was configured with (API key, password, token, secret
 * headers) are kept for its life. Rotating ones (exchanged tokens, keys an apiKey function returns) come and go,
 * so only the newest are kept.
 */
export class Redactor {
  /** Each secret and the forms it is masked in. */
  readonly #configured = new Map<string, string[]>();
  /** The same for rotating secrets, least recently remembered first, with how many calls in flight hold each. */
  readonly #rotating = new Map<string, { forms: string[]; holds: number }>();

  constructor(configured: Iterable<unknown> = []) {
    for (const secret of configured) if (isSecret(secret)) this.#configured.set(secret, formsOf(secret));
  }

  /** Remembers a rotating secret; a configured one, or anything but a string, is ignored. */
  remember(secret: unknown): void {
    this.hold(secret)();
  }

  /**
   * Remembers a rotating secret and keeps it until the returned release is called, however many others come
   * after it: a call holds the secrets it sent until its errors and log lines are made. Only secrets no call holds
   * are dropped, the least recently remembered first, past the ROTATING_KEPT newest; so the registry is bounded
   * by the calls in flight.
   */
  hold(secret: unknown): () => void {
    if (!isSecret(secret) || this.#configured.has(secret)) return () => undefined;
    // Moved to the newest end, so that a secret still in use (a key between token exchanges) is the last dropped.
    const entry = this.#rotating.get(secret) ?? { forms: formsOf(secret), holds: 0 };
    this.#rotating.delete(secret);
    this.#rotating.set(secret, entry);
    entry.holds++;
    this.#evict();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      entry.holds--;
      this.#evict();
    };
  }

  #evict(): void {
    let unheld = 0;
    for (const entry of this.#rotating.values()) if (entry.holds == 0) unheld++;
    for (const [secret, entry] of this.#rotating) {
      if (unheld <= ROTATING_KEPT) return;
      if (entry.holds == 0) {
        this.#rotating.delete(secret);
        unheld--;
      }
    }
  }

  /** The text with every form of every secret kept masked, and the credentials of any URL in it (`//user:pass@`). */
  text(text: string): string {
    text = text.replace(/\/\/[^/?#\s@]+@/g, `//${REDACTED}@`);
    for (const forms of this.#configured.values()) for (const form of forms) text = text.replaceAll(form, REDACTED);
    for (const { forms } of this.#rotating.values()) for (const form of forms) text = text.replaceAll(form, REDACTED);
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
    // A DOMException (an abort's or a timeout's reason) keeps its name and message in internal slots, which an
    // object made from its prototype lacks, so that printing one would throw: it is made anew instead.
    const copy: object =
      error instanceof DOMException ? new DOMException(this.text(error.message), error.name) : Object.create(Object.getPrototypeOf(error) as object);
    Object.assign(copy, data);
    for (const key of ["message", "stack", "cause"] as const) {
      if (Object.hasOwn(error, key) && (key != "cause" || depth < 4)) {
        const value = key == "cause" ? this.error(error.cause, depth + 1) : this.text(String(error[key]));
        Object.defineProperty(copy, key, { value, writable: true, configurable: true });
      }
    }
    return copy;
  }
}

/** The values of `headers` under secret-looking names (`X-Custom-Auth`), which are secrets too. */
export function secretHeaders(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) => (SECRET_NAME.test(name) ? [value] : []));
}

/**
 * A credential that can go in a header, or a GalaxiomError naming `what` it is: a line break or NUL cannot, and
 * the runtime's own error for one would quote the whole secret.
 */
export function sendable(secret: string, what: string): string {
  if (/[\r\n\0]/.test(secret)) throw new GalaxiomError(`${what} contains a line break or NUL, which cannot be sent in a header`);
  return secret;
}

/** The base64 of a text's UTF-8 bytes (`btoa` alone takes only Latin-1). */
export function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** Very short values would mask ordinary text; real keys and tokens are far longer. */
function isSecret(value: unknown): value is string {
  return typeof value == "string" && value.length > 5;
}

/**
 * A secret as a server may echo it: as is, URL-encoded (a query or form), and base64 and base64url (a basic
 * header, a JWT's part). The base64 forms are matched without their padding, so that they match either way.
 */
function formsOf(secret: string): string[] {
  const base64Form = base64(secret).replace(/=+$/, "");
  // A lone surrogate cannot be URL-encoded: it is sent as U+FFFD, as TextEncoder writes it.
  const urlEncoded = encodeURIComponent(secret.replace(/\p{Cs}/gu, "\uFFFD"));
  return [...new Set([secret, urlEncoded, base64Form, base64Form.replace(/\+/g, "-").replace(/\//g, "_")])];
}
