import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SERVER_WAIT_MS, parseGrantedScopes, parseRateLimit, parseRetryAfter } from '../../../src/core/http/rate-limit';
import { challengeScopes } from '../../../src/core/http/headers';

describe('Retry-After', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  test('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
  });

  test('reads an HTTP-date relative to now, never negative', () => {
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now), 0);
  });

  test('reads the obsolete RFC 850 and asctime forms too', () => {
    assert.equal(parseRetryAfter('Wednesday, 01-Jan-25 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed Jan  1 12:00:30 2025', now), 30_000);
    assert.equal(parseRetryAfter('Wed Jan 01 12:00:30 2025', now), 30_000);
  });

  test('ignores what is neither', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5', now), undefined);
  });

  // Each of these Date.parse takes for a date.
  for (const garbage of [
    '2025-01-01T12:00:30Z',
    'Wed, 01 Jan 2025',
    'Jan 1 2025 12:00:30',
    'wed, 01 jan 2025 12:00:30 gmt',
    'Wed, 01 Jan 2025 12:00:30 +0000',
    'Wed, 1 Jan 2025 12:00:30 GMT',
    'Wed, 31 Feb 2025 12:00:30 GMT',
    'Wed, 01 Jan 2025 24:00:00 GMT',
    'x 1',
    'Infinity',
  ]) {
    test(`takes ${JSON.stringify(garbage)} for no date`, () => {
      assert.equal(parseRetryAfter(garbage, now), undefined);
    });
  }

  test('a huge wait is capped at an hour, never Infinity', () => {
    assert.equal(parseRetryAfter('9'.repeat(400), now), MAX_SERVER_WAIT_MS);
    assert.equal(parseRetryAfter('86400', now), MAX_SERVER_WAIT_MS);
    assert.equal(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now), MAX_SERVER_WAIT_MS);
  });
});

describe('rate-limit and scope headers', () => {
  test('X-RateLimit-* become numbers and a reset date', () => {
    const info = parseRateLimit({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1735732800' });
    assert.deepEqual(info, { limit: 5000, remaining: 4999, resetAt: new Date('2025-01-01T12:00:00Z') });
  });

  test('an X-RateLimit-Reset no Date can hold gives nothing, not an invalid date', () => {
    for (const reset of ['99999999999999', '1'.repeat(400), '8640000000001']) {
      assert.equal(parseRateLimit({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), undefined, reset);
    }
    assert.equal(parseRateLimit({ 'x-ratelimit-limit': '1'.repeat(400), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }), undefined);
  });

  test('a missing or garbled X-RateLimit header gives nothing', () => {
    assert.equal(parseRateLimit({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '1' }), undefined);
    assert.equal(parseRateLimit({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' }), undefined);
  });

  test('X-OAuth-Scopes splits on spaces or commas; absent is undefined, empty is none', () => {
    assert.deepEqual(parseGrantedScopes({ 'x-oauth-scopes': 'read:projects  read:metrics' }), ['read:projects', 'read:metrics']);
    assert.deepEqual(parseGrantedScopes({ 'x-oauth-scopes': 'read:projects, admin' }), ['read:projects', 'admin']);
    assert.deepEqual(parseGrantedScopes({ 'x-oauth-scopes': '' }), []);
    assert.equal(parseGrantedScopes({}), undefined);
  });

  test('WWW-Authenticate scope= is read, error= is not mistaken for it', () => {
    const headers = { 'www-authenticate': 'Bearer error="insufficient_scope", scope="read:dashboards write:dashboards"' };
    assert.deepEqual(challengeScopes(headers), ['read:dashboards', 'write:dashboards']);
    assert.deepEqual(challengeScopes({ 'www-authenticate': 'Bearer error="invalid_token"' }), []);
    assert.deepEqual(challengeScopes({}), []);
  });
});
