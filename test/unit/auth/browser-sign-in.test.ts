import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityFetcher } from '../../../src/core/api/identity';
import { signInWithBrowser, type RedirectRoute } from '../../../src/core/auth/browser-sign-in';
import { parseDesktopUriCallback, parseLoopbackCallback, parseWebUriCallback } from '../../../src/core/auth/callback-params';
import { LoopbackCallbackServer, loopbackPage } from '../../../src/core/node/loopback-callback-server';
import { PendingAuthorizations } from '../../../src/core/auth/pending-authorizations';
import { ServerError } from '../../../src/core/http/errors';
import { silentLogger } from '../../../src/core/log/logger';
import { submitConsent } from '../../support/consent';
import { loopbackRedirect, tokenClientFor } from '../../support/oauth-session';
import { desktopRedirectUri, desktopUriQuery, webRedirectUri, webUriQuery } from './editor-callback-delivery';
import { useLocalLucaro } from '../../support/local-lucaro';

/** A redirect route as the editor opens it, and how the browser's arrival at the redirect URI reaches the pending sign-ins. */
interface RouteUnderTest {
  readonly name: string;
  open(pending: PendingAuthorizations): Promise<{ route: RedirectRoute; arrive(location: URL): Promise<void> }>;
}

const routes: readonly RouteUnderTest[] = [
  {
    name: 'loopback server',
    async open(pending) {
      const page = loopbackPage('t', 'm');
      const server = await LoopbackCallbackServer.start((raw) => pending.handleCallbackQuery(raw, parseLoopbackCallback), {
        accepted: page,
        denied: page,
        ignored: page,
      });
      const route = { redirectUri: server.redirectUri, dispose: () => server.close() };
      return { route, arrive: async (location) => assert.equal((await fetch(location)).status, 200) };
    },
  },
  {
    name: 'desktop URI handler',
    open: async (pending) => ({
      route: { redirectUri: desktopRedirectUri, dispose: () => undefined },
      arrive: async (location) => assert.equal(pending.handleCallbackQuery(desktopUriQuery(location.href), parseDesktopUriCallback), 'accepted'),
    }),
  },
  {
    name: 'web URI handler',
    open: async (pending) => ({
      route: { redirectUri: webRedirectUri, dispose: () => undefined },
      arrive: async (location) => assert.equal(pending.handleCallbackQuery(webUriQuery(location.href), parseWebUriCallback), 'accepted'),
    }),
  },
];

describe('signInWithBrowser against the local Lucaro server', () => {
  const lucaro = useLocalLucaro();

  for (const { name, open } of routes) {
    test(`${name}: the server's codes (+ / = % & space %2B %26 ...) arrive intact and are exchanged`, async () => {
      const { authorization_code: exchanged, failed } = lucaro.server.counters.tokenRequests;
      for (let round = 0; round < 3; round++) {
        const pending = new PendingAuthorizations(silentLogger);
        const { route, arrive } = await open(pending);
        try {
          const record = await signInWithBrowser({
            authUrl: lucaro.server.authUrl,
            apiUrl: lucaro.server.apiUrl,
            clientId: 'lucaro-vscode',
            scopes: ['read:projects'],
            route,
            pending,
            tokenClient: tokenClientFor(lucaro.server.authUrl, lucaro.dispatcher),
            fetchIdentity: identityFetcher(lucaro.server.apiUrl, lucaro.dispatcher),
            openBrowser: async (url) => {
              await arrive(await submitConsent(url));
              return true;
            },
          });
          assert.equal(record.account.id, 'usr_demo');
          assert.ok(lucaro.server.isTokenActive(record.accessToken));
        } finally {
          await route.dispose();
        }
      }
      assert.equal(lucaro.server.counters.tokenRequests.authorization_code, exchanged + 3);
      assert.equal(lucaro.server.counters.tokenRequests.failed, failed, 'no code was refused');
    });
  }

  test('when /v2/me fails after the code exchange, the new tokens are revoked and the error surfaces', async () => {
    const pending = new PendingAuthorizations(silentLogger);
    const failure = new ServerError(500);
    const issuedBefore = lucaro.server.secretsSeen().accessTokens.length;
    await assert.rejects(
      signInWithBrowser({
        authUrl: lucaro.server.authUrl,
        apiUrl: lucaro.server.apiUrl,
        clientId: 'lucaro-vscode',
        scopes: ['read:projects'],
        route: { redirectUri: loopbackRedirect, dispose: () => undefined },
        pending,
        tokenClient: tokenClientFor(lucaro.server.authUrl, lucaro.dispatcher),
        fetchIdentity: () => Promise.reject(failure),
        openBrowser: async (url) => {
          pending.handleCallbackQuery((await submitConsent(url)).search);
          return true;
        },
      }),
      (error: unknown) => error === failure,
    );
    const { accessTokens, refreshTokens } = lucaro.server.secretsSeen();
    assert.equal(accessTokens.length, issuedBefore + 1);
    assert.equal(lucaro.server.isTokenActive(accessTokens.at(-1)!), false);
    assert.equal(lucaro.server.isTokenActive(refreshTokens.at(-1)!), false);
  });
});
