import type { HttpDispatcher } from '../../src/core/http/dispatcher';
import { signInWithBrowser } from '../../src/core/auth/browser-sign-in';
import { PendingAuthorizations } from '../../src/core/auth/pending-authorizations';
import { TokenClient } from '../../src/core/auth/token-client';
import { silentLogger, type Logger } from '../../src/core/log/logger';
import type { SessionRecord } from '../../src/core/session/session-record';
import { identityFetcher } from '../../src/core/api/identity';
import { parseLoopbackCallback } from '../../src/core/auth/callback-params';
import { submitConsent } from './consent';

export const loopbackRedirect = 'http://127.0.0.1:43111/callback';

export function tokenClientFor(authUrl: string, dispatcher: HttpDispatcher, logger: Logger = silentLogger, clientSecret?: string): TokenClient {
  return new TokenClient({
    authUrl,
    clientId: 'lucaro-vscode',
    getClientSecret: () => Promise.resolve(clientSecret),
    dispatcher,
    logger,
  });
}

/**
 * A real browser sign-in against the local server, with the consent page submitted over
 * HTTP instead of clicked: the authorization code, PKCE and token exchange are all real.
 */
export async function signInThroughConsent(
  server: { apiUrl: string; authUrl: string },
  dispatcher: HttpDispatcher,
  options: { scopes: string[]; grant?: string[]; username?: string; logger?: Logger },
): Promise<SessionRecord> {
  const pending = new PendingAuthorizations(silentLogger);
  return signInWithBrowser({
    authUrl: server.authUrl,
    apiUrl: server.apiUrl,
    clientId: 'lucaro-vscode',
    scopes: options.scopes,
    route: { redirectUri: loopbackRedirect, dispose: () => undefined },
    pending,
    tokenClient: tokenClientFor(server.authUrl, dispatcher, options.logger),
    fetchIdentity: identityFetcher(server.apiUrl, dispatcher),
    openBrowser: async (url) => {
      const redirect = await submitConsent(url, { grant: options.grant, username: options.username, password: options.username });
      pending.handleCallbackQuery(redirect.search, parseLoopbackCallback);
      return true;
    },
  });
}
