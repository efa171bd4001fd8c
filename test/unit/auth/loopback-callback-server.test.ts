import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { parseLoopbackCallback } from '../../../src/core/auth/callback-params';
import { LoopbackCallbackServer, loopbackPage } from '../../../src/core/node/loopback-callback-server';
import { PendingAuthorizations } from '../../../src/core/auth/pending-authorizations';
import { createState } from '../../../src/core/auth/pkce';
import { silentLogger } from '../../../src/core/log/logger';

const pages = {
  accepted: loopbackPage('Signed in', 'You can close this tab.'),
  denied: loopbackPage('Denied', 'Not granted.'),
  ignored: loopbackPage('Expired', 'Start again.'),
};

/** One HTTP/1.1 exchange over a raw socket, so targets and headers go out byte for byte. */
function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 3 s to ${JSON.stringify(head)}`));
    }, 3000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.end(head, 'latin1');
  });
}

function statusOf(answer: string): number {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
  assert.ok(match, `not an HTTP answer: ${JSON.stringify(answer.slice(0, 80))}`);
  return Number(match[1]);
}

describe('LoopbackCallbackServer (RFC 8252)', () => {
  let pending: PendingAuthorizations;
  let server: LoopbackCallbackServer;
  let port: number;
  let host: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  after(() => process.off('uncaughtException', onUncaught));

  beforeEach(async () => {
    pending = new PendingAuthorizations(silentLogger);
    server = await LoopbackCallbackServer.start((rawQuery) => pending.handleCallbackQuery(rawQuery, parseLoopbackCallback), pages);
    host = new URL(server.redirectUri).host;
    port = Number(new URL(server.redirectUri).port);
  });
  afterEach(async () => {
    await server.close();
    assert.deepEqual(uncaught, [], 'nothing escaped the server');
  });

  test('listens on 127.0.0.1 with a random port, hands the code over once, then closes the port', async () => {
    assert.match(server.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const code = pending.waitForCode('st', { timeoutMs: 5000 });
    const first = await fetch(`${server.redirectUri}?code=a%2Bb%26c%20d&state=st`);
    assert.equal(first.status, 200);
    const html = await first.text();
    assert.match(html, /You can close this tab/);
    assert.doesNotMatch(html, /a\+b/, 'the page never echoes the code');
    assert.equal(await code, 'a+b&c d');
    await assert.rejects(fetch(`${server.redirectUri}?code=abc&state=st`), 'nothing listens once the callback is taken');
  });

  test('a denial is shown and also closes the port', async () => {
    const code = pending.waitForCode('st', { timeoutMs: 5000 });
    code.catch(() => undefined);
    const denied = await fetch(`${server.redirectUri}?error=access_denied&state=st`);
    assert.equal(denied.status, 200);
    assert.match(await denied.text(), /Not granted/);
    await assert.rejects(code);
    await assert.rejects(fetch(server.redirectUri));
  });

  test('wrong, missing or replayed states, other paths and methods are answered and leave the sign-in pending', async () => {
    const state = createState();
    const code = pending.waitForCode(state, { timeoutMs: 5000 });
    const answers = [
      await fetch(`${server.redirectUri}?code=abc&state=wrong`),
      await fetch(`${server.redirectUri}?code=abc`),
      await fetch(`${server.redirectUri}?code=abc&state=${state}&state=${state}`),
      await fetch(`${server.redirectUri}?error=access_denied&state=nope`),
      await fetch(server.redirectUri.replace('/callback', '/other')),
      await fetch(`${server.redirectUri}?code=abc&state=${state}`, { method: 'POST', body: 'x' }),
    ];
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [400, 400, 400, 400, 404, 405],
    );
    assert.match(await answers[0]!.text(), /Start again/);
    assert.equal(pending.size, 1, 'still waiting');
    const right = await fetch(`${server.redirectUri}?code=the-code&state=${state}`);
    assert.equal(right.status, 200);
    assert.equal(await code, 'the-code');
  });

  test('GET // and other targets no URL parser takes are answered, not thrown', async () => {
    for (const target of ['//', '//evil.test/callback', '*', 'http://evil.test/callback', '/callback/../callback', '/%', '/\u00ff']) {
      const status = statusOf(await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n\r\n`));
      assert.ok(status >= 400 && status < 500, `${target}: ${status}`);
    }
  });

  test('a foreign or missing Host is refused, even with the right state (DNS rebinding)', async () => {
    const state = createState();
    const code = pending.waitForCode(state, { timeoutMs: 5000 });
    const target = `/callback?code=stolen&state=${state}`;
    for (const headers of [`Host: evil.test:${port}`, `Host: localhost:${port}`, 'Host: 127.0.0.1', '', `Host: ${host}\r\nHost: evil.test`]) {
      const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\n${headers}${headers ? '\r\n' : ''}\r\n`);
      assert.ok([400, 421].includes(statusOf(answer)), headers);
    }
    const http10 = await rawRequest(port, `GET ${target} HTTP/1.0\r\n\r\n`);
    assert.equal(statusOf(http10), 421, 'HTTP/1.0 without Host');
    assert.equal(pending.size, 1, 'the sign-in is still waiting');
    assert.equal(statusOf(await rawRequest(port, `GET /callback?code=real&state=${state} HTTP/1.1\r\nHost: ${host}\r\n\r\n`)), 200);
    assert.equal(await code, 'real');
  });

  test('property: any method, target and Host gets an HTTP answer; the sign-in survives all of them', async () => {
    const state = createState();
    const code = pending.waitForCode(state, { timeoutMs: 60_000 });
    // Everything but CR and LF, which would end the request line early and make another request.
    const byte = fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0x0d && b !== 0x0a).map((b) => String.fromCharCode(b));
    const garbage = fc.string({ unit: byte, maxLength: 60 });
    const target = fc.oneof(
      garbage,
      garbage.map((text) => `/${text}`),
      garbage.map((text) => `/callback?${text}`),
      fc.constantFrom('//', '/callback', '/callback?', '*', `/callback?state=${state}`, `/callback?code=x&state=${state}&state=${state}`),
    );
    const method = fc.oneof(fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PATCH'), garbage);
    const hostHeader = fc.oneof(
      fc.constant(`Host: ${host}\r\n`),
      fc.constant(''),
      garbage.map((text) => `Host: ${text}\r\n`),
      fc.constant(`Host: ${host}\r\nHost: ${host}\r\n`),
      fc.constant(`Host: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`),
    );
    await fc.assert(
      fc.asyncProperty(method, target, hostHeader, async (verb, path, hostLine) => {
        const answer = await rawRequest(port, `${verb} ${path} HTTP/1.1\r\n${hostLine}\r\n`);
        const status = statusOf(answer);
        assert.ok(status >= 400 && status < 600, `${status} for ${JSON.stringify([verb, path, hostLine])}`);
        assert.equal(pending.size, 1);
      }),
      { numRuns: 400 },
    );
    const right = await fetch(`${server.redirectUri}?code=after-the-storm&state=${state}`);
    assert.equal(right.status, 200);
    assert.equal(await code, 'after-the-storm');
  });

  test('escapes text in its pages', () => {
    assert.match(loopbackPage('<b>', 'a&b'), /&#60;b&#62;/);
  });
});
