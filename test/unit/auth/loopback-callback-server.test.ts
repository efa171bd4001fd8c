import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LoopbackCallbackServer, loopbackPage } from '../../../src/core/auth/loopback-callback-server';
import { PendingAuthorizations } from '../../../src/core/auth/pending-authorizations';
import { silentLogger } from '../../../src/core/log/logger';

const pages = {
  accepted: loopbackPage('Signed in', 'You can close this tab.'),
  denied: loopbackPage('Denied', 'Not granted.'),
  ignored: loopbackPage('Expired', 'Start again.'),
};

describe('LoopbackCallbackServer (RFC 8252)', () => {
  test('listens on 127.0.0.1 with a random port and hands the code over once', async () => {
    const pending = new PendingAuthorizations(silentLogger);
    const server = await LoopbackCallbackServer.start((query) => pending.handleCallbackQuery(query), pages);
    try {
      assert.match(server.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const code = pending.waitForCode('st', { timeoutMs: 5000 });
      const first = await fetch(`${server.redirectUri}?code=abc&state=st`);
      assert.equal(first.status, 200);
      const html = await first.text();
      assert.match(html, /You can close this tab/);
      assert.doesNotMatch(html, /abc/, 'the page never echoes the code');
      assert.equal(await code, 'abc');
      const replay = await fetch(`${server.redirectUri}?code=abc&state=st`);
      assert.equal(replay.status, 400);
      assert.equal((await fetch(server.redirectUri.replace('/callback', '/other'))).status, 404);
    } finally {
      await server.close();
    }
  });

  test('escapes text in its pages', () => {
    assert.match(loopbackPage('<b>', 'a&b'), /&#60;b&#62;/);
  });
});
