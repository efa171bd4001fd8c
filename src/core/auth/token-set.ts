import { parseScopeList, normalizeScopes } from './scopes';
import type { TokenResponse } from './token-response';

export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Wall-clock deadline in epoch milliseconds; absent for API tokens, which do not expire. */
  readonly expiresAt?: number;
  /** When the token endpoint answered, epoch milliseconds. */
  readonly receivedAt?: number;
  readonly scopes: readonly string[];
}

/** Refresh this long before the server's deadline, so a request in flight does not cross it. */
export const expirySkewMs = 60_000;

/**
 * A lifetime below a second says the token is dead on arrival, which no server means: taken
 * literally, every call would refresh first. Such a token is used this long (a 401 still ends
 * it sooner). Short lifetimes a server does mean (one second and up) are kept as they are.
 */
export const unstatedLifetimeSeconds = 30;
/** A longer lifetime is cut to this: a deadline past it is more likely a unit mistake than a promise. */
export const maxLifetimeSeconds = 365 * 24 * 3600;

export function tokenSetFromResponse(
  response: TokenResponse,
  receivedAt: number,
  requestedScopes: readonly string[],
  previousRefreshToken?: string,
): TokenSet {
  const granted = parseScopeList(response.scope);
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previousRefreshToken,
    expiresAt: response.expires_in === undefined ? undefined : receivedAt + lifetimeMs(response.expires_in),
    receivedAt,
    // RFC 6749 §5.1: an absent scope means "as requested"; an empty one is read the same way.
    scopes: granted.length === 0 ? normalizeScopes(requestedScopes) : granted,
  };
}

function lifetimeMs(expiresInSeconds: number): number {
  const seconds = Math.round(expiresInSeconds);
  if (!(seconds >= 1)) return unstatedLifetimeSeconds * 1000;
  return Math.min(seconds, maxLifetimeSeconds) * 1000;
}

/**
 * True once the token is within the skew margin of its deadline. A short-lived token
 * (lifetime under twice the skew) uses a quarter of its lifetime as margin instead, so it
 * is still used for most of its life.
 */
export function isExpired(tokens: Pick<TokenSet, 'expiresAt' | 'receivedAt'>, now: number): boolean {
  if (tokens.expiresAt === undefined) return false;
  const lifetimeMs = tokens.receivedAt === undefined ? Infinity : tokens.expiresAt - tokens.receivedAt;
  const skew = lifetimeMs < 2 * expirySkewMs ? lifetimeMs / 4 : expirySkewMs;
  return now >= tokens.expiresAt - skew;
}
