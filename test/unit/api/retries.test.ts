import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLucaroServer } from '../../server/index';
import { RateLimitedError, ServerError } from '../../../src/core/http/errors';
import { fixedTokens, makeClient, recordingSleep } from './fixture';
import { useLocalLucaro } from '../../support/local-lucaro';
import { describeEachDispatcher } from '../http/dispatchers';

describeEachDispatcher('retries', (kind) => {
  const lucaro = useLocalLucaro({ projects: 5 }, kind.create);

  function client(retry: Parameters<typeof makeClient>[3] = {}) {
    const recorder = recordingSleep();
    const waits: { waitMs: number; until: Date }[] = [];
    const api = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all), {
      ...retry,
      retry: { sleep: recorder.sleep, baseDelayMs: 100, ...retry.retry },
      onRateLimitWait: (waitMs, until) => waits.push({ waitMs, until }),
    });
    return { api, sleeps: recorder.waits, rateLimitWaits: waits };
  }

  test('a GET survives two 5xx with growing backoff', async () => {
    const { api, sleeps } = client();
    lucaro.server.resetCounters();
    lucaro.server.failNext(2);

    const page = await api.listProjects();

    assert.equal(page.items.length, 5);
    assert.equal(lucaro.server.counters.apiRequests, 3);
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[1]! > sleeps[0]!, `backoff grows: ${sleeps.join(', ')}`);
  });

  test('retries are bounded: maxRetries + 1 requests, then ServerError', async () => {
    // Its own lucaro.server: the 96 failures left over must not reach the other tests.
    const failing = await startLucaroServer({ projects: 1 });
    try {
      const recorder = recordingSleep();
      const api = makeClient(failing.apiUrl, lucaro.dispatcher, fixedTokens(failing.apiTokens.all), {
        retry: { maxRetries: 3, sleep: recorder.sleep },
      });
      failing.failNext(100);

      const error = await api.listProjects().catch((e: unknown) => e);

      assert.ok(error instanceof ServerError);
      assert.equal(error.status, 503);
      assert.equal(failing.counters.apiRequests, 4);
      assert.equal(recorder.waits.length, 3);
    } finally {
      await failing.close();
    }
  });

  test('a POST is never retried, even on 5xx', async () => {
    const { api, sleeps } = client();
    lucaro.server.resetCounters();
    lucaro.server.failNext(1);

    await assert.rejects(api.createProject({ name: 'Not twice' }), ServerError);

    assert.equal(lucaro.server.counters.apiRequests, 1);
    assert.deepEqual(sleeps, []);
  });

  test('429 with Retry-After seconds: waits that long, then succeeds', async () => {
    const { api, sleeps, rateLimitWaits } = client();
    lucaro.server.resetCounters();
    lucaro.server.rateLimitNext(1, 2);

    const started = Date.now();
    await api.listProjects();

    assert.deepEqual(sleeps, [2000]);
    assert.equal(rateLimitWaits.length, 1);
    assert.equal(rateLimitWaits[0]?.waitMs, 2000);
    assert.ok(Math.abs(rateLimitWaits[0]!.until.getTime() - (started + 2000)) < 1000);
    assert.equal(lucaro.server.counters.apiRequests, 2);
  });

  test('429 with Retry-After as an HTTP date: waits until then', async () => {
    const { api, sleeps } = client();
    lucaro.server.configure({ retryAfterFormat: 'http-date' });
    lucaro.server.resetCounters();
    lucaro.server.rateLimitNext(1, 5);
    try {
      await api.listProjects();
    } finally {
      lucaro.server.configure({ retryAfterFormat: 'seconds' });
    }

    assert.equal(sleeps.length, 1);
    // An HTTP date has whole seconds, so the wait may be off by up to one second either way.
    assert.ok(sleeps[0]! >= 4000 && sleeps[0]! <= 6000, `waited ${sleeps[0]} ms`);
    assert.equal(lucaro.server.counters.apiRequests, 2);
  });

  test('a Retry-After beyond the wait budget fails at once with RateLimitedError', async () => {
    const { api, sleeps } = client({ retry: { maxTotalWaitMs: 30_000 } });
    lucaro.server.resetCounters();
    lucaro.server.rateLimitNext(1, 120);

    const error = await api.listProjects().catch((e: unknown) => e);

    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 120_000);
    assert.match(error.message, /120 s/);
    assert.deepEqual(sleeps, []);
    assert.equal(lucaro.server.counters.apiRequests, 1);
  });

  test('a 429 on a POST is not waited out', async () => {
    const { api, sleeps } = client();
    lucaro.server.resetCounters();
    lucaro.server.rateLimitNext(1, 1);

    await assert.rejects(api.createProject({ name: 'Later' }), RateLimitedError);
    assert.deepEqual(sleeps, []);
    assert.equal(lucaro.server.counters.apiRequests, 1);
  });
});
