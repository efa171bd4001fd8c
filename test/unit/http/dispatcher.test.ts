import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createHttpDispatcher, type HttpDispatcherOptions } from '../../../src/core/node/undici-dispatcher';
import { fixedTokens, makeClient } from '../api/fixture';
import { startLocalServer, type LocalServer } from './local-server';

/** A CONNECT proxy that records the targets it tunnels to. */
async function startTunnelProxy(): Promise<{ url: string; tunnels: string[]; server: Server }> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, clientSocket, head) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const [host, port] = target.split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels, server };
}

describe('shared dispatcher', () => {
  let api: LocalServer;
  let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;

  before(async () => {
    api = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"usr_1","name":"A","email":"a@example.com"}');
    });
    proxy = await startTunnelProxy();
  });

  after(async () => {
    proxy.server.closeAllConnections();
    await Promise.all([api.close(), new Promise((resolve) => proxy.server.close(resolve))]);
  });

  async function callThrough(options: HttpDispatcherOptions): Promise<void> {
    const dispatcher = createHttpDispatcher(options);
    try {
      const { user } = await makeClient(api.url, dispatcher, fixedTokens('t')).getMe();
      assert.equal(user.id, 'usr_1');
    } finally {
      await dispatcher.close();
    }
  }

  test('without a proxy it connects directly, ignoring nothing from the real environment', async () => {
    proxy.tunnels.length = 0;
    await callThrough({ env: {} });
    assert.deepEqual(proxy.tunnels, []);
  });

  test('the proxy settings leave loopback alone, as the editor does (company-network.test.ts has the proxied cases)', async () => {
    proxy.tunnels.length = 0;
    await callThrough({ proxyUrl: proxy.url, env: { HTTPS_PROXY: proxy.url } });
    assert.deepEqual(proxy.tunnels, []);
  });

  test('a closed dispatcher refuses further requests', async () => {
    const dispatcher = createHttpDispatcher({ env: {} });
    await dispatcher.close();
    await assert.rejects(makeClient(api.url, dispatcher, fixedTokens('t')).getMe());
  });
});
