import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenClient } from '../../../src/core/auth/token-client';
import { ForeignOriginError } from '../../../src/core/http/errors';
import { urlBelow } from '../../../src/core/http/request-url';
import { send } from '../../../src/core/http/send';
import { silentLogger } from '../../../src/core/log/logger';
import { InvalidServiceUrlError } from '../../../src/core/settings/service-url';
import { fixedTokens, makeClient } from '../api/fixture';
import { startLocalServer, type LocalServer } from './local-server';
import { describeEachDispatcher } from './dispatchers';

/** Two servers on loopback: the one configured, and the one a crafted setting points at. */
describeEachDispatcher('requests stay on the configured origin', (kind) => {
  const dispatcher = kind.create();
  let configured: LocalServer;
  let evil: LocalServer;
  const me = '{"id":"usr_1","name":"A","email":"a@example.com"}';

  before(async () => {
    const answer = (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(me);
    };
    configured = await startLocalServer(answer);
    evil = await startLocalServer(answer);
  });

  after(async () => {
    await Promise.all([configured.close(), evil.close(), dispatcher.close()]);
  });

  const sendGet = (url: URL, origin: string) =>
    send(dispatcher, {
      url,
      origin,
      method: 'GET',
      headers: { authorization: 'Bearer secret-api-token' },
      headersTimeoutMs: 2000,
      bodyTimeoutMs: 2000,
      totalTimeoutMs: 2000,
      maxBodyBytes: 1024,
    });
  const evilHost = () => `127.0.0.1:${evil.port}`;
  const craftedBases = () => [
    `http://127.0.0.1:${configured.port}//${evilHost()}`,
    `http://localhost://x@${evilHost()}`,
    `http://127.0.0.1:${configured.port}@${evilHost()}`,
    `http://127.0.0.1:${configured.port}/\\${evilHost()}`,
  ];

  test('an API base that would lead elsewhere fails every call typed, naming the setting, and sends nothing', async () => {
    for (const base of craftedBases()) {
      const client = makeClient(base, dispatcher, fixedTokens('secret-api-token'));
      const error = await client.getMe().catch((e: unknown) => e);
      assert.ok(error instanceof InvalidServiceUrlError, base);
      assert.equal(error.setting, 'lucaro.apiUrl');
    }
    assert.equal(evil.requests.length, 0);
    assert.equal(configured.requests.length, 0);
  });

  test('an auth URL that would lead elsewhere fails token and revocation requests typed, and sends nothing', async () => {
    for (const authUrl of craftedBases()) {
      const client = new TokenClient({
        authUrl,
        clientId: 'lucaro-vscode',
        getClientSecret: () => Promise.resolve('client-secret'),
        dispatcher,
        logger: silentLogger,
      });
      await assert.rejects(client.refresh('secret-refresh-token'), InvalidServiceUrlError);
      await assert.rejects(client.revoke('secret-refresh-token', 'refresh_token'), InvalidServiceUrlError);
    }
    assert.equal(evil.requests.length, 0);
    assert.equal(configured.requests.length, 0);
  });

  test('a path below a base is only ever a path: "//host" in it reaches the configured server', async () => {
    const base = new URL(`http://127.0.0.1:${configured.port}//${evilHost()}`);
    const url = urlBelow(base, `//${evilHost()}/v2/me`);
    const before = configured.requests.length;

    const response = await sendGet(url, base.origin);

    assert.equal(response.status, 200);
    assert.equal(configured.requests.length, before + 1);
    assert.equal(evil.requests.length, 0);
  });

  test('a request whose URL left the configured origin is refused before anything is sent', async () => {
    const error = await sendGet(new URL(`${evil.url}/v2/me`), configured.url).catch((e: unknown) => e);

    assert.ok(error instanceof ForeignOriginError);
    assert.equal(error.expectedOrigin, configured.url);
    assert.equal(error.actualOrigin, evil.url);
    assert.doesNotMatch(error.message, /secret/);
    assert.equal(evil.requests.length, 0);
  });
});
