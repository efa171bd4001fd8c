import type { AuthorizeParams } from './consent-page';
import type { LucaroOAuthModel } from './oauth-model';
import { isKnownScope } from './scopes';

export type AuthorizeCheck =
  /** The client or redirect URI cannot be trusted: show an error page, never redirect. */
  | { readonly kind: 'page-error'; readonly message: string }
  /** RFC 6749 §4.1.2.1: report to the (validated) redirect URI. */
  | { readonly kind: 'redirect-error'; readonly redirectUri: string; readonly state?: string; readonly error: string; readonly description: string }
  | { readonly kind: 'ok'; readonly params: AuthorizeParams; readonly requestedScopes: readonly string[] };

const pkceChallenge = /^[A-Za-z0-9._~-]{43,128}$/;
const visibleAscii = /^[\x20-\x7e]+$/;

/**
 * The up-front checks of an authorization request, run on the consent page and again on its
 * POST (the hidden fields come back from the browser). The library accepts requests
 * without PKCE; this server requires S256.
 */
export async function checkAuthorizeRequest(
  source: Record<string, unknown>,
  model: LucaroOAuthModel,
): Promise<AuthorizeCheck> {
  const clientId = single(source, 'client_id');
  if (!clientId) return { kind: 'page-error', message: 'Missing or repeated client_id.' };
  const client = await model.getClient(clientId, null);
  if (!client) return { kind: 'page-error', message: `Unknown client "${clientId}".` };

  const redirectUri = single(source, 'redirect_uri');
  if (!redirectUri) return { kind: 'page-error', message: 'Missing or repeated redirect_uri.' };
  if (!(await model.validateRedirectUri(redirectUri, client))) {
    return { kind: 'page-error', message: `The redirect_uri "${redirectUri}" is not registered for this client.` };
  }

  const state = single(source, 'state');
  const fail = (error: string, description: string): AuthorizeCheck => ({
    kind: 'redirect-error',
    redirectUri,
    state: state && visibleAscii.test(state) ? state : undefined,
    error,
    description,
  });

  const responseType = single(source, 'response_type');
  if (responseType !== 'code') return fail('unsupported_response_type', 'response_type must be "code".');
  if (!state || !visibleAscii.test(state)) return fail('invalid_request', 'Missing or invalid state.');
  const codeChallenge = single(source, 'code_challenge');
  if (!codeChallenge || !pkceChallenge.test(codeChallenge)) {
    return fail('invalid_request', 'PKCE is required: send a code_challenge (43-128 unreserved characters).');
  }
  const method = single(source, 'code_challenge_method');
  if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');

  const scope = single(source, 'scope');
  const requestedScopes = [...new Set((scope ?? '').split(/\s+/).filter(Boolean))];
  if (requestedScopes.length === 0) return fail('invalid_scope', 'Request at least one scope.');
  const unknown = requestedScopes.filter((name) => !isKnownScope(name));
  if (unknown.length > 0) return fail('invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);

  return {
    kind: 'ok',
    requestedScopes,
    params: {
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: responseType,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: method,
      scope: requestedScopes.join(' '),
    },
  };
}

/** RFC 6749 §3.1: parameters must not repeat; a repeated or non-string one counts as absent. */
export function single(source: Record<string, unknown>, name: string): string | undefined {
  const value = source[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
