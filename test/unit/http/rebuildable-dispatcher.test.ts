import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { RebuildableHttpDispatcher, type HttpDispatcher, type HttpExchangeResponse } from '../../../src/core/http/dispatcher';
import { createHttpDispatcher } from '../../../src/core/node/undici-dispatcher';
import { startLocalServer, type LocalServer } from './local-server';

async function text(response: HttpExchangeResponse): Promise<string> {
  let body = '';
  for await (const chunk of response.body) body += Buffer.from(chunk).toString('utf8');
  return body;
}

describe('RebuildableHttpDispatcher: a network setting changed', () => {
  let server: LocalServer;
  const held: ServerResponse[] = [];

  before(async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/slow') held.push(res);
      else res.writeHead(200).end('fast');
    });
  });
  after(() => server.close());

  test('the next request uses a new pool, the old one finishes its request and then closes; one pool in use at a time', async () => {
    const made: { closed: boolean }[] = [];
    const dispatcher = new RebuildableHttpDispatcher(() => {
      const inner = createHttpDispatcher({ env: {} });
      const record = { closed: false };
      made.push(record);
      const tracked: HttpDispatcher = {
        exchange: (request) => inner.exchange(request),
        close: async () => {
          await inner.close();
          record.closed = true;
        },
      };
      return tracked;
    });
    const signal = new AbortController().signal;
    const slow = dispatcher.exchange({ url: new URL(`${server.url}/slow`), method: 'GET', headers: {}, signal });
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));

    dispatcher.rebuild();
    const fast = await dispatcher.exchange({ url: new URL(`${server.url}/fast`), method: 'GET', headers: {}, signal });
    assert.equal(await text(fast), 'fast');
    assert.equal(made.length, 2, 'the request after rebuild() made a new pool');
    assert.equal(made[0]!.closed, false, 'the old pool waits for its request in flight');

    held[0]!.writeHead(200).end('slow');
    assert.equal(await text(await slow), 'slow');
    while (!made[0]!.closed) await new Promise((resolve) => setImmediate(resolve));

    await dispatcher.exchange({ url: new URL(`${server.url}/fast`), method: 'GET', headers: {}, signal }).then(text);
    assert.equal(made.length, 2, 'no further pool without another change');
    await dispatcher.close();
    assert.deepEqual(made.map((record) => record.closed), [true, true]);
  });
});
