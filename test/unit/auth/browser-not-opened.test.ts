import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BrowserNotOpenedError, signInWithBrowser, type RedirectRoute } from '../../../src/core/auth/browser-sign-in';
import { parseLoopbackCallback } from '../../../src/core/auth/callback-params';
import { PendingAuthorizations } from '../../../src/core/auth/pending-authorizations';
import type { TokenClient } from '../../../src/core/auth/token-client';
import { LoopbackCallbackServer, loopbackPage } from '../../../src/core/node/loopback-callback-server';
import { silentLogger } from '../../../src/core/log/logger';

/** Nothing past the browser is reached when it does not open: any call here is a failure. */
const unreachable = (): never => assert.fail('nothing past the browser may run');
const tokenClient = { exchangeCode: unreachable, revoke: unreachable } as unknown as TokenClient;

/** What keeps this process alive: a 5-minute sign-in timer is a `Timeout`, a listener a `TCPServerWrap`. */
function keptAlive(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'TCPServerWrap');
}

/** A closed listener leaves the list a loop turn after its `close` event: wait for that, a bounded number of turns. */
async function settledResources(expected: readonly string[]): Promise<string[]> {
  for (let turn = 0; turn < 100 && keptAlive().length > expected.length; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return keptAlive();
}

async function loopbackRoute(pending: PendingAuthorizations): Promise<RedirectRoute> {
  const page = loopbackPage('t', 'm');
  const server = await LoopbackCallbackServer.start((raw) => pending.handleCallbackQuery(raw, parseLoopbackCallback), {
    accepted: page,
    denied: page,
    ignored: page,
  });
  return { redirectUri: server.redirectUri, dispose: () => server.close() };
}

const openers: readonly [string, (url: string) => Promise<boolean>][] = [
  ['answers false', () => Promise.resolve(false)],
  ['throws', () => Promise.reject(new Error('no browser here'))],
];

for (const [name, openBrowser] of openers) {
  test(`an opener that ${name}: the sign-in fails at once and leaves no pending state, timer or listener`, async () => {
    const before = keptAlive();
    const pending = new PendingAuthorizations(silentLogger);
    const route = await loopbackRoute(pending);
    let seenWhileOpening = 0;
    // As the shell does (sign-in-flow.ts): the route is disposed once the sign-in settles.
    const signIn = signInWithBrowser({
      authUrl: 'http://127.0.0.1:9/auth',
      apiUrl: 'http://127.0.0.1:9/api',
      clientId: 'lucaro-vscode',
      scopes: ['read:projects'],
      route,
      pending,
      tokenClient,
      fetchIdentity: unreachable,
      openBrowser: (url) => {
        seenWhileOpening = pending.size;
        return openBrowser(url);
      },
    }).finally(() => route.dispose());
    await assert.rejects(signIn, (error: unknown) => (name === 'throws' ? error instanceof Error : error instanceof BrowserNotOpenedError));
    assert.equal(seenWhileOpening, 1, 'the sign-in was waiting while the browser opened');
    assert.equal(pending.size, 0, 'no sign-in waits for a browser that never opened');
    assert.deepEqual(await settledResources(before), before, 'no sign-in timer and no listener outlive the refusal');
  });
}
