import type { Clock } from "../core/clock.js";
import type { Secret } from "./security.js";

/** When a cached token is used, refreshed and given up, as a table. */
export const TOKEN_POLICY = {
  /** Stop using a token this long before it expires (clock skew, and the time a request takes to arrive). */
  skewMs: 30_000,
  /** From this long before expiry, a call starts a refresh in the background and still uses the current token. */
  refreshAheadMs: 120_000,
  /** The lifetime assumed for a token that states none (v1 login without a JWT `exp`), or one already past. */
  defaultLifetimeMs: 10 * 60_000,
} as const;

/**
 * A bearer token obtained by `exchange` (the token, and when it expires in ms since the epoch), cached until
 * shortly before it expires, and shared: however many calls need one at once, one exchange runs and every
 * waiter gets its token, or its error. The next call after a failure tries again. For a short-lived token,
 * skew and refresh-ahead shrink to a quarter and half its lifetime, so it is still used.
 */
export function tokenCache(exchange: () => Promise<[token: string, expiresAt: number]>, clock: Clock): Secret {
  let current: [token: string, usableUntil: number, refreshAt: number] | undefined;
  let pending: Promise<string> | undefined;

  const refresh = () =>
    (pending ??= exchange()
      .then(([token, expiresAt]) => {
        const lifetime = Math.max(0, expiresAt - clock.now());
        current = [token, expiresAt - Math.min(TOKEN_POLICY.skewMs, lifetime / 4), expiresAt - Math.min(TOKEN_POLICY.refreshAheadMs, lifetime / 2)];
        return token;
      })
      .finally(() => (pending = undefined)));

  return Object.assign(
    () => {
      const now = clock.now();
      if (!current || now >= current[1]) return refresh();
      // A failed background refresh is not this call's failure: its token is still good, and a later call retries.
      if (now >= current[2]) refresh().catch(() => undefined);
      return current[0];
    },
    {
      invalidate(token: string) {
        // Only the token that was refused: another call may already have replaced it.
        if (current?.[0] === token) current = undefined;
      },
    },
  );
}

/**
 * When a token expires: the server's `expires_at`, else the JWT's `exp`, else the default lifetime from now.
 * An expiry already past says that the server's clock and this one disagree (this one hours ahead, say), not that
 * a token just issued is useless: trusting it would exchange again for every call. The token is then used for the
 * lifetime it states, which needs no clock (the JWT's `exp - iat`), else the default lifetime, from now; if the
 * server does refuse it, a 401 renews it.
 */
export function tokenExpiry(token: string, now: number, expiresAt: unknown): number {
  const { exp, iat } = claimsOf(token);
  // FastAPI writes naive UTC datetimes without an offset; Date.parse would read those as local time.
  const stated = typeof expiresAt == "string" ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(expiresAt) ? expiresAt : `${expiresAt}Z`) : Number.NaN;
  const expiry = Number.isNaN(stated) ? (typeof exp == "number" ? exp * 1000 : Number.NaN) : stated;
  if (expiry > now) return expiry;
  const lifetime = typeof exp == "number" && typeof iat == "number" && exp > iat ? (exp - iat) * 1000 : TOKEN_POLICY.defaultLifetimeMs;
  return now + lifetime;
}

/** A JWT's claims, or none for a token that is not one. */
function claimsOf(token: string): { exp?: unknown; iat?: unknown } {
  try {
    return (JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as object | null) ?? {};
  } catch {
    return {};
  }
}
