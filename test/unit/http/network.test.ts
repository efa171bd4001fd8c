import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, NetworkError } from '../../../src/core/http/errors';
import { fixedTokens, makeClient, recordingSleep } from '../api/fixture';
import { startLocalServer, type LocalServer } from './local-server';
import { describeEachDispatcher } from './dispatchers';

describeEachDispatcher('network failures', (kind) => {
  const dispatcher = kind.create();
  let stalling: LocalServer;

  before(async () => {
    stalling = await startLocalServer((req, res) => {
      if (req.url?.startsWith('/v2/me')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":');
      }
      // Any other path: no answer at all.
    });
  });

  after(async () => {
    await Promise.all([stalling.close(), dispatcher.close()]);
  });

  test('connection refused is a NetworkError, retried for a GET within the bound', async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const { waits, sleep } = recordingSleep();
    const client = makeClient(closed.url, dispatcher, fixedTokens('t'), { retry: { maxRetries: 2, sleep } });

    const error = await client.getMe().catch((e: unknown) => e);

    assert.ok(error instanceof NetworkError);
    assert.equal(error.timeout, false);
    assert.equal(error.errorCode, 'ECONNREFUSED');
    assert.equal(waits.length, 2);
    assert.match(error.message, /127\.0\.0\.1/);
  });

  test('a body that stops arriving times out with the timeout flag', async () => {
    const client = makeClient(stalling.url, dispatcher, fixedTokens('t'), { bodyTimeoutMs: 150, retry: { maxRetries: 0 } });
    const started = Date.now();

    const error = await client.getMe().catch((e: unknown) => e);

    assert.ok(error instanceof NetworkError);
    assert.equal(error.timeout, true);
    assert.equal(error.errorCode, 'UND_ERR_BODY_TIMEOUT');
    assert.ok(Date.now() - started < 2000);
  });

  test('headers that never arrive time out with the timeout flag', async () => {
    const client = makeClient(stalling.url, dispatcher, fixedTokens('t'), { headersTimeoutMs: 150, retry: { maxRetries: 0 } });

    const error = await client.listProjects().catch((e: unknown) => e);

    assert.ok(error instanceof NetworkError);
    assert.equal(error.timeout, true);
    assert.equal(error.errorCode, 'UND_ERR_HEADERS_TIMEOUT');
  });

  test('an aborted signal cancels the request in flight', async () => {
    const client = makeClient(stalling.url, dispatcher, fixedTokens('t'));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await client.listProjects({ signal: controller.signal }).catch((e: unknown) => e);

    assert.ok(error instanceof CancelledError);
  });
}, { concurrency: true });
