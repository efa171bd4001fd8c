import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutgoingHttpHeaders } from 'node:http';
import { RateLimitedError } from '../../../src/core/http/errors';
import { MAX_SERVER_WAIT_MS, type RateLimitInfo } from '../../../src/core/http/rate-limit';
import { fixedTokens, makeClient, recordingSleep } from '../api/fixture';
import { startLocalServer, type LocalServer } from './local-server';
import { describeEachDispatcher } from './dispatchers';

/** A server that answers every request with a 429 and the headers the test sets. */
describeEachDispatcher('waits after a 429 with hostile headers', (kind) => {
  const dispatcher = kind.create();
  let server: LocalServer;
  let headers: OutgoingHttpHeaders = {};

  before(async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', ...headers }).end('{"error":{"code":"rate_limited","message":"slow down"}}');
    });
  });

  after(async () => {
    await Promise.all([server.close(), dispatcher.close()]);
  });

  function client() {
    const { waits, sleep } = recordingSleep();
    const announced: { waitMs: number; until: Date }[] = [];
    const rateLimits: RateLimitInfo[] = [];
    const api = makeClient(server.url, dispatcher, fixedTokens('t'), {
      retry: { sleep },
      onRateLimit: (info) => rateLimits.push(info),
      onRateLimitWait: (waitMs, until) => announced.push({ waitMs, until }),
    });
    return { api, waits, announced, rateLimits };
  }

  test('an X-RateLimit-Reset beyond any date gives backoff waits, never NaN, and no NaN in the message', async () => {
    headers = { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '99999999999999' };
    const { api, waits, announced, rateLimits } = client();

    const error = await api.getMe().catch((e: unknown) => e);

    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, undefined);
    assert.doesNotMatch(error.message, /NaN|Infinity/);
    assert.equal(waits.length, 3);
    for (const wait of waits) assert.ok(Number.isFinite(wait) && wait >= 100, `wait ${wait}`);
    for (const { waitMs, until } of announced) assert.ok(Number.isFinite(waitMs) && !Number.isNaN(until.getTime()));
    assert.deepEqual(rateLimits, []);
  });

  test('a Retry-After of 400 digits is an hour: beyond the retry budget, so no retry at all', async () => {
    headers = { 'retry-after': '1'.repeat(400) };
    const { api, waits } = client();
    const requestsBefore = server.requests.length;

    const error = await api.getMe().catch((e: unknown) => e);

    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, MAX_SERVER_WAIT_MS);
    assert.match(error.message, /3600 s/);
    assert.deepEqual(waits, []);
    assert.equal(server.requests.length - requestsBefore, 1);
  });

  test('a Retry-After that only Date.parse would read is ignored for the backoff', async () => {
    headers = { 'retry-after': '2999-01-01T00:00:00Z' };
    const { api, waits } = client();

    const error = await api.getMe().catch((e: unknown) => e);

    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, undefined);
    assert.equal(waits.length, 3);
  });
});
