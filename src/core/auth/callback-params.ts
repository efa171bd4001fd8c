import { InvalidCallbackError, OAuthError } from './oauth-errors';

export type AuthorizationCallback =
  | { readonly state: string; readonly code: string }
  | { readonly state: string; readonly error: OAuthError };

/**
 * Reads the query the authorization server appended to the redirect URI
 * (RFC 6749 §4.1.2). Only the state is required to route it; the caller checks that the
 * state is pending before trusting anything else.
 */
export function parseAuthorizationCallback(query: string): AuthorizationCallback {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const state = params.get('state');
  if (!state) throw new InvalidCallbackError('missingState');
  const error = params.get('error');
  if (error) {
    return { state, error: new OAuthError(error, params.get('error_description') ?? undefined) };
  }
  const code = params.get('code');
  if (!code) throw new InvalidCallbackError('missingCode');
  return { state, code };
}
