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

export function tokenSetFromResponse(
  response: TokenResponse,
  receivedAt: number,
  requestedScopes: readonly string[],
  previousRefreshToken?: string,
): TokenSet {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previousRefreshToken,
    expiresAt: response.expires_in === undefined ? undefined : receivedAt + response.expires_in * 1000,
    receivedAt,
    // RFC 6749 §5.1: an absent scope means "as requested".
    scopes: response.scope === undefined ? normalizeScopes(requestedScopes) : parseScopeList(response.scope),
  };
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
