import { fetchIdentity } from '../core/api/identity';
import type { IdentityFetcher } from '../core/auth/identity';
import type { HttpDispatcher } from '../core/http/dispatcher';
import type { Logger } from '../core/log/logger';

/** `GET /v2/me` on the configured API with a token that is not stored yet. */
export function identityFetcher(apiUrl: string, dispatcher: HttpDispatcher, logger: Logger): IdentityFetcher {
  return async (accessToken, signal) => {
    const identity = await fetchIdentity(apiUrl, accessToken, dispatcher, signal, logger);
    return { user: identity.user, scopes: identity.scopes ?? [] };
  };
}
