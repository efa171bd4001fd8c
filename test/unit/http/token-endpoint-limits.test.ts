import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { MalformedTokenResponseError, TokenEndpointUnreachableError } from '../../../src/core/auth/oauth-errors';
import { TokenClient } from '../../../src/core/auth/token-client';
import { CancelledError } from '../../../src/core/http/errors';
import { silentLogger } from '../../../src/core/log/logger';
import { dripResponse, startRawServer, type RawServer } from './local-server';
import { describeEachDispatcher } from './dispatchers';

const tokenJson = (accessToken: string) => `{"access_token":"${accessToken}","token_type":"Bearer","expires_in":3600}`;

/** Writes `total` bytes of a valid token answer as fast as the client reads, and counts what got out. */
function hugeTokenAnswer(socket: Socket, total: number, announce: boolean, sent: { bytes: number }): void {
  const prefix = '{"access_token":"';
  const suffix = '","token_type":"Bearer"}';
  const filler = Buffer.alloc(64 * 1024, 'a');
  let left = total - prefix.length - suffix.length;
  socket.write(
    `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${announce ? `content-length: ${total}` : 'transfer-encoding: chunked'}\r\n\r\n`,
  );
  const chunk = (bytes: Buffer | string) => {
    sent.bytes += Buffer.byteLength(bytes);
    return socket.write(announce ? bytes : Buffer.concat([Buffer.from(`${Buffer.byteLength(bytes).toString(16)}\r\n`), Buffer.from(bytes), Buffer.from('\r\n')]));
  };
  chunk(prefix);
  const pump = () => {
    while (left > 0 && !socket.destroyed) {
      const piece = filler.subarray(0, Math.min(left, filler.length));
      left -= piece.length;
      if (!chunk(piece)) return void socket.once('drain', pump);
    }
    if (socket.destroyed) return;
    chunk(suffix);
    if (!announce) socket.write('0\r\n\r\n');
  };
  pump();
}

describeEachDispatcher('token endpoint limits', (kind) => {
  const servers: RawServer[] = [];
  const dispatcher = kind.create();

  after(async () => {
    await Promise.all([...servers.map((server) => server.close()), dispatcher.close()]);
  });

  async function tokenServer(answer: (socket: Socket, head: string) => void): Promise<RawServer> {
    const server = await startRawServer(answer);
    servers.push(server);
    return server;
  }

  function client(authUrl: string, timeoutMs = 30_000): TokenClient {
    return new TokenClient({
      authUrl,
      clientId: 'lucaro-vscode',
      getClientSecret: () => Promise.resolve(undefined),
      dispatcher,
      logger: silentLogger,
      timeoutMs,
    });
  }

  test('a token answer of 2 MiB, sent without a length, is refused as malformed instead of becoming a token', async () => {
    const sent = { bytes: 0 };
    const server = await tokenServer((socket) => hugeTokenAnswer(socket, 2 * 1024 * 1024, false, sent));

    const error = await client(server.url).refresh('refresh-1').catch((e: unknown) => e);

    assert.ok(error instanceof MalformedTokenResponseError, String(error));
    assert.match(error.detail, /larger than 1048576 bytes/);
  });

  test('an announced 200 MB answer is refused at once, before its body is read', async () => {
    const sent = { bytes: 0 };
    const server = await tokenServer((socket) => hugeTokenAnswer(socket, 200 * 1024 * 1024, true, sent));
    const started = Date.now();

    const error = await client(server.url).exchangeCode({ code: 'c', redirectUri: 'http://127.0.0.1/cb', codeVerifier: 'v' }).catch((e: unknown) => e);

    assert.ok(error instanceof MalformedTokenResponseError, String(error));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.ok(sent.bytes < 50 * 1024 * 1024, `the server got ${sent.bytes} bytes out`);
  });

  test('a token body that stalls is TokenEndpointUnreachableError (timed out), never a raw DOMException', async () => {
    const server = await tokenServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"access_token":');
    });

    const error = await client(server.url, 300).refresh('refresh-1').catch((e: unknown) => e);

    assert.ok(error instanceof TokenEndpointUnreachableError, String(error));
    assert.equal(error.detail, 'timed out');
  });

  test('a token body dripping a byte at a time ends at the deadline as TokenEndpointUnreachableError', async () => {
    const server = await tokenServer((socket) => dripResponse(socket, { intervalMs: 50, forMs: 10_000, finalBody: tokenJson('late') }));
    const started = Date.now();

    const error = await client(server.url, 400).refresh('refresh-1').catch((e: unknown) => e);

    assert.ok(error instanceof TokenEndpointUnreachableError, String(error));
    assert.equal(error.detail, 'timed out');
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  test('a revocation that stalls ends at its own deadline as TokenEndpointUnreachableError', async () => {
    const server = await tokenServer(() => undefined);

    await assert.rejects(client(server.url).revoke('token', 'access_token', 300), TokenEndpointUnreachableError);
  });

  test('a caller that gives up gets a CancelledError', async () => {
    const server = await tokenServer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    await assert.rejects(client(server.url).refresh('refresh-1', controller.signal), CancelledError);
  });
});
