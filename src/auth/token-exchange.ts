import type { Clock } from "../core/clock.js";
import type { Secret } from "./security.js";

/** A bearer token and when it expires (ms since the epoch). */
export interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** When a cached token is used, refreshed and given up, as a table. */
export const TOKEN_POLICY = {
  /** Stop using a token this long before it expires (clock skew, and the time a request takes to arrive). */
  skewMs: 30_000,
  /** From this long before expiry, a call starts a refresh in the background and still uses the current token. */
  refreshAheadMs: 120_000,
  /** The lifetime assumed for a token that states none (v1 login without a JWT `exp`). */
  defaultLifetimeMs: 10 * 60_000,
} as const;

/**
 * A bearer token obtained by `exchange`, cached until shortly before it expires, and shared: however many
 * calls need one at once, one exchange runs and every waiter gets its token, or its error. The next call
 * after a failure tries again. For a short-lived token, skew and refresh-ahead shrink to a quarter and half
 * its lifetime, so it is still used.
 */
export function tokenCache(exchange: () => Promise<IssuedToken>, clock: Clock): Secret {
  let current: { token: string; usableUntil: number; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const refresh = () =>
    (pending ??= exchange()
      .then(({ token, expiresAt }) => {
        const lifetime = Math.max(0, expiresAt - clock.now());
        current = {
          token,
          usableUntil: expiresAt - Math.min(TOKEN_POLICY.skewMs, lifetime / 4),
          refreshAt: expiresAt - Math.min(TOKEN_POLICY.refreshAheadMs, lifetime / 2),
        };
        return token;
      })
      .finally(() => (pending = undefined)));

  return {
    read() {
      const now = clock.now();
      if (!current || now >= current.usableUntil) return refresh();
      // A failed background refresh is not this call's failure: its token is still good, and a later call retries.
      if (now >= current.refreshAt) refresh().catch(() => undefined);
      return current.token;
    },
    invalidate(token) {
      // Only the token that was refused: another call may already have replaced it.
      if (current?.token === token) current = undefined;
    },
  };
}

/** When a token expires: the server's `expires_at`, else the JWT's `exp`, else the default lifetime from now. */
export function tokenExpiry(token: string, now: number, expiresAt?: string): number {
  // FastAPI writes naive UTC datetimes without an offset; Date.parse would read those as local time.
  const stated = expiresAt ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(expiresAt) ? expiresAt : `${expiresAt}Z`) : Number.NaN;
  return Number.isNaN(stated) ? (jwtExpiry(token) ?? now + TOKEN_POLICY.defaultLifetimeMs) : stated;
}

function jwtExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof payload.exp === "number" ? payload.exp * 1000 : undefined;
  } catch {
    return undefined; // not a JWT: the default lifetime applies
  }
}
