import type { LucaroServerUrls, SessionRecord } from '../session/session-record';
import { accountOf, type IdentityFetcher } from '../api/identity';
import { missingScopes, normalizeScopes } from './scopes';

export class ApiTokenLacksScopesError extends Error {
  override readonly name = 'ApiTokenLacksScopesError';
  constructor(readonly missing: readonly string[]) {
    super(`The API token lacks these scopes: ${missing.join(', ')}.`);
  }
}

/**
 * A pasted API token is checked with `GET /v2/me`; its scopes come from `X-OAuth-Scopes`.
 * A rejected token, or one without the requested scopes, is never stored.
 */
export async function signInWithApiToken(
  server: LucaroServerUrls,
  token: string,
  requestedScopes: readonly string[],
  fetchIdentity: IdentityFetcher,
  signal?: AbortSignal,
): Promise<SessionRecord> {
  const identity = await fetchIdentity(token, signal);
  const missing = missingScopes(identity.scopes, requestedScopes);
  if (missing.length > 0) throw new ApiTokenLacksScopesError(missing);
  return {
    id: globalThis.crypto.randomUUID(),
    kind: 'apiToken',
    server: { apiUrl: server.apiUrl, authUrl: server.authUrl },
    account: accountOf(identity),
    accessToken: token,
    scopes: normalizeScopes(identity.scopes),
  };
}
