import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, Agent } from 'node:http';
import { startLucaroServer, type LucaroServer } from './index';
import { api } from './oauth-test-client';

async function expectGarbage(response: Response): Promise<void> {
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.throws(() => JSON.parse(text));
}

describe('injected faults and limits', () => {
  let server: LucaroServer;
  before(async () => {
    server = await startLucaroServer();
  });
  afterEach(() => {
    server.configure({ rateLimit: { limit: 5000, windowSeconds: 3600 }, retryAfterFormat: 'seconds', failureRate: 0, malformedRate: 0, latencyMs: 0 });
  });
  after(() => server.close());

  const me = (token = server.apiTokens.all) => api(server, '/v2/me', token);

  test('the per-token rate limit answers 429 with Retry-After in seconds or as an HTTP date', async () => {
    server.configure({ rateLimit: { limit: 3, windowSeconds: 60 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await me();
      assert.equal(response.status, 200);
      remaining.push(response.headers.get('x-ratelimit-remaining')!);
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    const limited = await me();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('x-ratelimit-limit'), '3');
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    const seconds = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60, `Retry-After ${seconds}`);
    assert.equal((await limited.json() as { error: { code: string } }).error.code, 'rate_limited');

    assert.equal((await me(server.apiTokens.admin)).status, 200, 'another token has its own budget');

    server.configure({ retryAfterFormat: 'http-date' });
    const dated = await me();
    assert.equal(dated.status, 429);
    const date = Date.parse(dated.headers.get('retry-after')!);
    assert.ok(date > Date.now() && date <= Date.now() + 61_000, dated.headers.get('retry-after')!);
  });

  test('rateLimitNext answers the next requests with 429 and the given Retry-After', async () => {
    server.rateLimitNext(2, 7);
    for (let i = 0; i < 2; i++) {
      const response = await me();
      assert.equal(response.status, 429);
      assert.equal(response.headers.get('retry-after'), '7');
    }
    assert.equal((await me()).status, 200);

    server.configure({ retryAfterFormat: 'http-date' });
    server.rateLimitNext(1, 30);
    const dated = await me();
    const wait = Date.parse(dated.headers.get('retry-after')!) - Date.now();
    assert.ok(wait > 28_000 && wait <= 31_000, `${wait} ms`);
  });

  test('failNext, then malformNext, in the order asked', async () => {
    server.failNext(2);
    server.malformNext(1);
    server.failNext(1, 500);
    for (let i = 0; i < 2; i++) {
      const response = await me();
      assert.equal(response.status, 503);
      assert.equal((await response.json() as { error: { code: string } }).error.code, 'service_unavailable');
      assert.ok(response.headers.get('x-ratelimit-limit'));
    }
    await expectGarbage(await me());
    assert.equal((await me()).status, 500);
    assert.equal((await me()).status, 200);
    server.malformNext(1);
    await expectGarbage(await api(server, '/v2/me'));
  });

  test('failureRate and malformedRate', async () => {
    server.configure({ failureRate: 1 });
    assert.equal((await me()).status, 503);
    server.configure({ failureRate: 0, malformedRate: 1 });
    await expectGarbage(await me());
    assert.equal((await me('lct_nope')).status, 401, 'only 200 answers are mangled');
    server.configure({ malformedRate: 0.5 });
    let garbage = 0;
    for (let i = 0; i < 40; i++) {
      const text = await (await me()).text();
      try {
        JSON.parse(text);
      } catch {
        garbage += 1;
      }
    }
    assert.ok(garbage > 5 && garbage < 35, `${garbage} of 40 garbled`);
  });

  test('latency delays API and token answers', async () => {
    server.configure({ latencyMs: 120 });
    let started = performance.now();
    await me();
    assert.ok(performance.now() - started >= 110);
    started = performance.now();
    await fetch(new URL('/oauth/token', server.authUrl), { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) });
    assert.ok(performance.now() - started >= 110);
  });

  test('counters count requests, paths and connections; reset keeps the live object', async () => {
    const counters = server.counters;
    server.resetCounters();
    assert.equal(server.counters, counters);
    assert.equal(counters.apiRequests, 0);

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(new URL(path, server.apiUrl), { agent, headers: { Authorization: `Bearer ${server.apiTokens.all}` } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    assert.equal(await get('/v2/me'), 200);
    assert.equal(await get('/v2/projects?limit=2'), 200);
    assert.equal(await get('/v2/projects?limit=3'), 200);
    agent.destroy();

    assert.equal(counters.apiRequests, 3);
    assert.equal(counters.apiConnections, 1, 'keep-alive reuses one connection');
    assert.deepEqual(counters.requestsByPath, { 'GET /v2/me': 1, 'GET /v2/projects': 2 });
  });
});

test('close() ends keep-alive connections and both listeners', async () => {
  const server = await startLucaroServer();
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest(new URL('/v2/me', server.apiUrl), { agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  const started = performance.now();
  await server.close();
  assert.ok(performance.now() - started < 1000);
  await assert.rejects(fetch(new URL('/v2/me', server.apiUrl)));
  await assert.rejects(fetch(new URL('/oauth/authorize', server.authUrl)));
  agent.destroy();
});
