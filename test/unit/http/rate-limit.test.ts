import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGrantedScopes, parseRateLimit, parseRetryAfter } from '../../../src/core/http/rate-limit';
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

  test('ignores what is neither', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5', now), undefined);
  });
});

describe('rate-limit and scope headers', () => {
  test('X-RateLimit-* become numbers and a reset date', () => {
    const info = parseRateLimit({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1735732800' });
    assert.deepEqual(info, { limit: 5000, remaining: 4999, resetAt: new Date('2025-01-01T12:00:00Z') });
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
