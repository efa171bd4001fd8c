import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { NetworkError } from '../../../src/core/http/errors';
import { isRetryable } from '../../../src/core/http/retry-policy';
import { createHttpDispatcher, type HttpDispatcherOptions } from '../../../src/core/node/undici-dispatcher';
import type { CaCertificateReader } from '../../../src/core/node/trusted-certificates';
import { throwawayAuthority, type ThrowawayAuthority } from '../../harness/throwaway-certificate';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { fixedTokens, makeClient } from '../api/fixture';

/** 127.0.0.2 is loopback on Linux but not one of the names the editor (and so this extension) always sends direct. */
const COMPANY_HOST = '127.0.0.2';
const PROXY_AUTHORIZATION = 'Basic Y29tcGFueTpzZWNyZXQ=';

interface Seen {
  readonly headers: IncomingHttpHeaders[];
}

function identity(seen: Seen) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    seen.headers.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"usr_1","name":"A","email":"a@example.com"}');
  };
}

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `${host}:${(server.address() as AddressInfo).port}`;
}

/** The OS store as a test names it: Node's bundled roots stay, the "system" part is what the test says. */
function systemStore(...certificates: string[]): CaCertificateReader {
  return (store) => (store === 'system' ? certificates : []);
}

describe('company network: certificates and proxies as the editor has them', () => {
  let authority: ThrowawayAuthority;
  const seen: Seen = { headers: [] };
  let https: Server;
  let http: Server;
  let httpsOrigin: string;
  let httpOrigin: string;
  let proxy: ConnectProxy;

  before(async () => {
    authority = throwawayAuthority([COMPANY_HOST, '127.0.0.1']);
    https = createHttpsServer({ key: authority.key, cert: authority.cert }, identity(seen));
    http = createHttpServer(identity(seen));
    httpsOrigin = `https://${await listen(https, COMPANY_HOST)}`;
    httpOrigin = `http://${await listen(http, COMPANY_HOST)}`;
    proxy = await startConnectProxy({ requiredAuthorization: PROXY_AUTHORIZATION });
  });

  after(async () => {
    await proxy.close();
    for (const server of [https, http]) {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  function reset(): void {
    seen.headers.length = 0;
    proxy.tunnels.length = 0;
    proxy.refused.length = 0;
    proxy.plainRequests.length = 0;
  }

  async function getMe(origin: string, options: HttpDispatcherOptions): Promise<unknown> {
    const dispatcher = createHttpDispatcher({ env: {}, ...options });
    try {
      const { user } = await makeClient(origin, dispatcher, fixedTokens('lucaro-token'), { retry: { maxRetries: 0 } }).getMe();
      return user.id;
    } catch (error) {
      return error;
    } finally {
      await dispatcher.close();
    }
  }

  test('a server whose CA only the OS store trusts is reached (http.systemCertificates on)', async () => {
    reset();
    assert.equal(await getMe(httpsOrigin, { readCaCertificates: systemStore(authority.ca) }), 'usr_1');
  });

  test('without that CA the failure is a certificate failure, not "could not be reached", and is not retried', async () => {
    reset();
    const dispatcher = createHttpDispatcher({ env: {}, readCaCertificates: systemStore() });
    try {
      const error = await makeClient(httpsOrigin, dispatcher, fixedTokens('lucaro-token')).getMe().catch((caught: unknown) => caught);
      assert.ok(error instanceof NetworkError, String(error));
      assert.equal(error.failure, 'certificate');
      assert.equal(error.errorCode, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      assert.equal(seen.headers.length, 0);
      assert.equal(isRetryable(error), false);
    } finally {
      await dispatcher.close();
    }
  });

  test('http.systemCertificates off trusts Node\'s roots only', async () => {
    reset();
    const error = await getMe(httpsOrigin, { systemCertificates: false, readCaCertificates: systemStore(authority.ca) });
    assert.ok(error instanceof NetworkError && error.failure === 'certificate', String(error));
  });

  test('through http.proxy with http.proxyAuthorization on the CONNECT only; the bearer token stays inside the tunnel', async () => {
    reset();
    const options = { proxyUrl: proxy.url, proxyAuthorization: PROXY_AUTHORIZATION, readCaCertificates: systemStore(authority.ca) };
    assert.equal(await getMe(httpsOrigin, options), 'usr_1');
    assert.deepEqual(proxy.tunnels, [httpsOrigin.slice('https://'.length)]);
    assert.deepEqual(proxy.refused, []);
    assert.equal(seen.headers.length, 1);
    assert.equal(seen.headers[0]!['proxy-authorization'], undefined, 'Proxy-Authorization must not reach Lucaro');
    assert.equal(seen.headers[0]!.authorization, 'Bearer lucaro-token');
  });

  test('a proxy answering 407 is its own failure (proxy-auth), not retried', async () => {
    reset();
    const dispatcher = createHttpDispatcher({ env: {}, proxyUrl: proxy.url, readCaCertificates: systemStore(authority.ca) });
    const error = await makeClient(httpsOrigin, dispatcher, fixedTokens('lucaro-token')).getMe().catch((caught: unknown) => caught);
    await dispatcher.close();
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.failure, 'proxy-auth');
    assert.equal(proxy.refused.length, 1);
    assert.equal(seen.headers.length, 0);
  });

  test('http.noProxy naming the host sends it direct, and the NO_PROXY of the environment no longer counts', async () => {
    reset();
    const options = { proxyUrl: proxy.url, noProxy: [COMPANY_HOST], env: { NO_PROXY: 'example.com' }, readCaCertificates: systemStore(authority.ca) };
    assert.equal(await getMe(httpsOrigin, options), 'usr_1');
    assert.deepEqual(proxy.tunnels, []);
    assert.deepEqual(proxy.refused, []);
  });

  test('HTTPS_PROXY and NO_PROXY from the environment when http.proxy is empty', async () => {
    reset();
    const options = { proxyUrl: '', proxyAuthorization: PROXY_AUTHORIZATION, env: { HTTPS_PROXY: proxy.url }, readCaCertificates: systemStore(authority.ca) };
    assert.equal(await getMe(httpsOrigin, options), 'usr_1');
    assert.equal(proxy.tunnels.length, 1);
    reset();
    assert.equal(await getMe(httpsOrigin, { ...options, env: { HTTPS_PROXY: proxy.url, NO_PROXY: COMPANY_HOST } }), 'usr_1');
    assert.deepEqual(proxy.tunnels, []);
  });

  test('http.proxySupport off sends everything direct', async () => {
    reset();
    const options = { proxySupport: 'off' as const, proxyUrl: proxy.url, readCaCertificates: systemStore(authority.ca) };
    assert.equal(await getMe(httpsOrigin, options), 'usr_1');
    assert.deepEqual([...proxy.tunnels, ...proxy.refused], []);
  });

  test('an http: origin never goes through the proxy, so no token crosses it in clear text', async () => {
    reset();
    // The URL settings refuse http: off loopback; this asks the dispatcher itself, below that check.
    const dispatcher = createHttpDispatcher({ env: {}, proxyUrl: proxy.url, proxyAuthorization: PROXY_AUTHORIZATION });
    try {
      const response = await dispatcher.exchange({
        url: new URL(`${httpOrigin}/v1/me`),
        method: 'GET',
        headers: { authorization: 'Bearer lucaro-token' },
        signal: new AbortController().signal,
      });
      for await (const chunk of response.body) void chunk;
      assert.equal(response.status, 200);
    } finally {
      await dispatcher.close();
    }
    assert.equal(seen.headers.length, 1);
    assert.deepEqual([...proxy.tunnels, ...proxy.refused, ...proxy.plainRequests], []);
  });

  test('127.0.0.1 goes direct whatever the proxy settings, as in the editor', async () => {
    reset();
    const local = createHttpsServer({ key: authority.key, cert: authority.cert }, identity(seen));
    const port = (await listen(local, '127.0.0.1')).split(':')[1];
    try {
      const options = { proxyUrl: proxy.url, readCaCertificates: systemStore(authority.ca) };
      assert.equal(await getMe(`https://127.0.0.1:${port}`, options), 'usr_1');
      assert.deepEqual([...proxy.tunnels, ...proxy.refused], []);
    } finally {
      (local as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((resolve) => local.close(resolve));
    }
  });
});
