import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from 'undici';
import { signInWithBrowser } from '../../../src/core/auth/browser-sign-in';
import { PendingAuthorizations } from '../../../src/core/auth/pending-authorizations';
import { ServerError } from '../../../src/core/http/errors';
import { silentLogger } from '../../../src/core/log/logger';
import { startLucaroServer, type LucaroServer } from '../../server/index';
import { submitConsent } from '../../support/consent';
import { loopbackRedirect, tokenClientFor } from '../../support/oauth-session';

describe('signInWithBrowser against the local Lucaro server', () => {
  let server: LucaroServer;
  let dispatcher: Agent;

  before(async () => {
    server = await startLucaroServer();
    dispatcher = new Agent();
  });
  after(async () => {
    await dispatcher.close();
    await server.close();
  });

  test('when /v2/me fails after the code exchange, the new tokens are revoked and the error surfaces', async () => {
    const pending = new PendingAuthorizations(silentLogger);
    const failure = new ServerError(500);
    await assert.rejects(
      signInWithBrowser({
        authUrl: server.authUrl,
        apiUrl: server.apiUrl,
        clientId: 'lucaro-vscode',
        scopes: ['read:projects'],
        route: { redirectUri: loopbackRedirect, dispose: () => undefined },
        pending,
        tokenClient: tokenClientFor(server.authUrl, dispatcher),
        fetchIdentity: () => Promise.reject(failure),
        openBrowser: async (url) => {
          pending.handleCallbackQuery((await submitConsent(url)).search);
          return true;
        },
      }),
      (error: unknown) => error === failure,
    );
    const { accessTokens, refreshTokens } = server.secretsSeen();
    assert.equal(accessTokens.length, 1);
    assert.equal(server.isTokenActive(accessTokens[0]!), false);
    assert.equal(server.isTokenActive(refreshTokens[0]!), false);
  });
});
