import type { SessionRecord } from '../session/session-record';
import { buildAuthorizationUrl } from './authorization-request';
import { accountOf, type IdentityFetcher } from '../api/identity';
import type { PendingAuthorizations } from './pending-authorizations';
import { createPkcePair, createState } from './pkce';
import type { TokenClient } from './token-client';
import { tokenSetFromResponse } from './token-set';

export const signInTimeoutMs = 5 * 60_000;

/** Where the browser sends the user back: the editor's URI handler or a loopback server. */
export interface RedirectRoute {
  readonly redirectUri: string;
  dispose(): Promise<void> | void;
}

export interface BrowserSignInOptions {
  readonly authUrl: string;
  /** The API the tokens are for: recorded so they are never sent to another server. */
  readonly apiUrl: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly route: RedirectRoute;
  readonly pending: PendingAuthorizations;
  readonly tokenClient: TokenClient;
  readonly fetchIdentity: IdentityFetcher;
  /** Opens the authorization URL; resolves false when no browser could be opened. */
  readonly openBrowser: (url: string) => Promise<boolean>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export class BrowserNotOpenedError extends Error {
  override readonly name = 'BrowserNotOpenedError';
  constructor() {
    super('The browser could not be opened for sign-in.');
  }
}

/** Authorization Code + PKCE (RFC 6749 §4.1, RFC 7636), up to a session record ready to store. */
export async function signInWithBrowser(options: BrowserSignInOptions): Promise<SessionRecord> {
  const pkce = await createPkcePair();
  const state = createState();
  const redirectUri = options.route.redirectUri;
  const url = buildAuthorizationUrl({
    authUrl: options.authUrl,
    clientId: options.clientId,
    redirectUri,
    scopes: options.scopes,
    state,
    pkce,
  });
  // Ours to end when no browser opens: nothing can answer then, so the state must not wait 5 minutes.
  const abandon = new AbortController();
  const code = options.pending.waitForCode(state, {
    timeoutMs: options.timeoutMs ?? signInTimeoutMs,
    signal: options.signal ? AbortSignal.any([options.signal, abandon.signal]) : abandon.signal,
  });
  // Keep the rejection handled while the browser opens; it is awaited below.
  code.catch(() => undefined);
  let opened = false;
  try {
    opened = await options.openBrowser(url);
  } finally {
    if (!opened) abandon.abort();
  }
  if (!opened) throw new BrowserNotOpenedError();
  const authorizationCode = await code;
  const receivedAt = (options.now ?? Date.now)();
  const response = await options.tokenClient.exchangeCode(
    { code: authorizationCode, redirectUri, codeVerifier: pkce.verifier },
    options.signal,
  );
  const tokens = tokenSetFromResponse(response, receivedAt, options.scopes);
  const identity = await options.fetchIdentity(tokens.accessToken, options.signal).catch(async (error: unknown) => {
    // Nothing will be stored, so the tokens just issued must not stay alive at Lucaro either.
    await Promise.allSettled([
      options.tokenClient.revoke(tokens.accessToken, 'access_token'),
      ...(tokens.refreshToken ? [options.tokenClient.revoke(tokens.refreshToken, 'refresh_token')] : []),
    ]);
    throw error;
  });
  return {
    id: globalThis.crypto.randomUUID(),
    kind: 'oauth',
    server: { apiUrl: options.apiUrl, authUrl: options.authUrl },
    account: accountOf(identity),
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    receivedAt: tokens.receivedAt,
    scopes: [...tokens.scopes],
  };
}
