import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRetryOptions, retryDelay } from '../../../src/core/http/retry-policy';
import { BadRequestError, NetworkError, RateLimitedError, ServerError } from '../../../src/core/http/errors';

describe('retry policy', () => {
  const policy = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000, maxRetries: 5, maxTotalWaitMs: 10_000, random: () => 1 });

  test('backs off exponentially up to the step ceiling', () => {
    const server = new ServerError(503);
    assert.deepEqual([0, 1, 2, 3, 4].map((retry) => retryDelay(server, retry, 0, policy)), [100, 200, 400, 800, 1000]);
  });

  test('jitter keeps each step within its upper half', () => {
    const low = resolveRetryOptions({ baseDelayMs: 100, random: () => 0 });
    assert.equal(retryDelay(new ServerError(500), 2, 0, low), 200);
  });

  test('stops after maxRetries and for failures that will not recover', () => {
    assert.equal(retryDelay(new ServerError(503), 5, 0, policy), undefined);
    assert.equal(retryDelay(new BadRequestError(400), 0, 0, policy), undefined);
    assert.equal(retryDelay(new Error('bug'), 0, 0, policy), undefined);
    assert.equal(retryDelay(new NetworkError('http://x', { timeout: true }), 0, 0, policy), 100);
  });

  test('a 429 waits at least Retry-After, and gives up when that overruns the budget', () => {
    assert.equal(retryDelay(new RateLimitedError(3000), 0, 0, policy), 3000);
    assert.equal(retryDelay(new RateLimitedError(3000), 0, 7001, policy), undefined);
    assert.equal(retryDelay(new RateLimitedError(60_000), 0, 0, policy), undefined);
  });
});
