import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { NetworkError } from '../../../src/core/http/errors';
import { DEADLINE_EXCEEDED } from '../../../src/core/http/send';
import { fixedTokens, makeClient } from '../api/fixture';
import { dripResponse, rawResponse, startRawServer, type RawServer } from './local-server';
import { describeEachDispatcher } from './dispatchers';

const me = '{"id":"usr_1","name":"A","email":"a@example.com"}';
const emptyList = '{"data":[],"next_cursor":null}';

async function eventually(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`not within ${timeoutMs} ms: ${what}`);
    await delay(10);
  }
}

describeEachDispatcher('the total deadline of an API call', (kind) => {
  const servers: RawServer[] = [];
  const dispatcher = kind.create();

  after(async () => {
    await Promise.all([...servers.map((server) => server.close()), dispatcher.close()]);
  });

  // Projects drip for far longer than any deadline here; /v2/me answers at once.
  async function drippingServer(): Promise<RawServer> {
    const server = await startRawServer((socket, head) => {
      if (head.startsWith('GET /v2/projects')) dripResponse(socket, { intervalMs: 50, forMs: 10_000, finalBody: emptyList });
      else rawResponse(socket, 200, me);
    });
    servers.push(server);
    return server;
  }

  test('a body dripping a byte at a time ends at the deadline as a timeout, and its socket is closed', async () => {
    const server = await drippingServer();
    // The idle timeouts alone never fire: a byte arrives every 50 ms.
    const client = makeClient(server.url, dispatcher, fixedTokens('t'), {
      headersTimeoutMs: 5000,
      bodyTimeoutMs: 5000,
      totalTimeoutMs: 400,
      retry: { maxRetries: 0 },
    });
    const started = Date.now();

    const error = await client.listProjects().catch((e: unknown) => e);

    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.timeout, true);
    assert.equal(error.errorCode, DEADLINE_EXCEEDED);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    // undici may open a spare connection beside the cut one; what matters is that none is left open.
    // fetch's pool is the platform's: an idle spare closes at its keep-alive timeout (4 s on Node).
    await eventually(
      () => server.connections.closed >= 1 && server.connections.closed === server.connections.opened,
      'the dripping connection (and any other) is closed',
      kind.name === 'fetch' ? 6000 : 2000,
    );
  });

  test('eight dripping bodies do not hold the pool: a ninth request succeeds once they are cut', async () => {
    const server = await drippingServer();
    const dripping = makeClient(server.url, dispatcher, fixedTokens('t'), { totalTimeoutMs: 500, retry: { maxRetries: 0 } });
    // Less than the drips last: were their sockets still held, this one would queue behind them until it timed out.
    const normal = makeClient(server.url, dispatcher, fixedTokens('t'), { totalTimeoutMs: 3000, retry: { maxRetries: 0 } });

    const drips = await Promise.all(Array.from({ length: 8 }, () => dripping.listProjects().catch((e: unknown) => e)));
    const started = Date.now();
    const identity = await normal.getMe();

    assert.equal(server.connections.opened >= 8, true, `${server.connections.opened} connections`);
    for (const error of drips) {
      assert.ok(error instanceof NetworkError && error.errorCode === DEADLINE_EXCEEDED, String(error));
    }
    assert.equal(identity.user.id, 'usr_1');
    assert.ok(Date.now() - started < 1000, `the ninth request took ${Date.now() - started} ms`);
    await eventually(() => server.connections.closed >= 8, 'all eight dripping connections are closed');
  });

  test('the deadline is per attempt: a retry after a cut drip gets a fresh one', async () => {
    let projectsRequests = 0;
    const server = await startRawServer((socket, head) => {
      if (!head.startsWith('GET /v2/projects')) return rawResponse(socket, 200, me);
      projectsRequests += 1;
      if (projectsRequests === 1) dripResponse(socket, { intervalMs: 50, forMs: 10_000, finalBody: emptyList });
      else rawResponse(socket, 200, emptyList);
    });
    servers.push(server);
    const client = makeClient(server.url, dispatcher, fixedTokens('t'), { totalTimeoutMs: 300, retry: { maxRetries: 1 } });

    const page = await client.listProjects();

    assert.deepEqual(page.items, []);
    assert.equal(projectsRequests, 2);
  });
});
