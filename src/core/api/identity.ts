import type { AccessTokenSource } from '../http/access-token-source';
import type { HttpDispatcher } from '../http/dispatcher';
import { silentLogger, type Logger } from '../log/logger';
import { LucaroApiClient, type Identity } from './api-client';

/** `GET /v2/me` with a given token, before any session exists. */
export type IdentityFetcher = (accessToken: string, signal?: AbortSignal) => Promise<Identity>;

/**
 * Who a token belongs to and what it may do, on the API at `apiUrl`: checks a pasted API
 * token or a freshly issued OAuth access token before it is stored. A 401 is final here.
 */
export function identityFetcher(apiUrl: string, dispatcher: HttpDispatcher, logger: Logger = silentLogger): IdentityFetcher {
  return (accessToken, signal) => {
    const tokens: AccessTokenSource = {
      getAccessToken: () => Promise.resolve(accessToken),
      handleUnauthorized: () => Promise.resolve(undefined),
    };
    return new LucaroApiClient({ baseUrl: apiUrl, dispatcher, tokens, logger }).getMe({ signal });
  };
}

export function accountLabel(identity: Identity): string {
  return identity.user.name || identity.user.email || identity.user.id;
}

/** Who a session belongs to, as a stored record keeps it. */
export function accountOf(identity: Identity): { id: string; label: string; email?: string } {
  const account = { id: identity.user.id, label: accountLabel(identity) };
  return identity.user.email ? { ...account, email: identity.user.email } : account;
}
