import type { PkcePair } from './pkce';

export interface AuthorizationRequest {
  readonly authUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly state: string;
  readonly pkce: PkcePair;
}

/** `GET {auth}/oauth/authorize` with exactly the parameters the contract lists. */
export function buildAuthorizationUrl(request: AuthorizationRequest): string {
  const url = new URL('oauth/authorize', withTrailingSlash(request.authUrl));
  url.search = new URLSearchParams({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: request.scopes.join(' '),
    state: request.state,
    code_challenge: request.pkce.challenge,
    code_challenge_method: request.pkce.method,
  }).toString();
  return url.toString();
}

export function withTrailingSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
