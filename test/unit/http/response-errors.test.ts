import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorFromResponse, parseErrorBody } from '../../../src/core/http/response-errors';
import { InsufficientScopeError, RateLimitedError } from '../../../src/core/http/errors';

const request = { method: 'GET', path: '/v2/projects' };

describe('error bodies', () => {
  test('the documented shape is read', () => {
    assert.deepEqual(parseErrorBody('{"error":{"code":"not_found","message":"No such project"}}'), {
      code: 'not_found',
      message: 'No such project',
      requiredScopes: undefined,
    });
  });

  test('any other body is survived', () => {
    for (const text of ['', '<html>502 Bad Gateway</html>', 'null', '[]', '"x"', '{"error":"boom"}', '{"error":{"code":5,"message":["x"]}}']) {
      const parsed = parseErrorBody(text);
      assert.equal(parsed.message, undefined, text);
      assert.equal(parsed.code, undefined, text);
    }
  });

  test('a long server message is shortened to one line', () => {
    const parsed = parseErrorBody(JSON.stringify({ error: { code: 'x', message: `a\n${'b'.repeat(1000)}` } }));
    assert.ok(parsed.message !== undefined && parsed.message.length <= 300 && !parsed.message.includes('\n'));
  });

  test('403 takes required scopes from the body, else from WWW-Authenticate', () => {
    const fromBody = errorFromResponse(
      { status: 403, headers: {}, text: '{"error":{"code":"insufficient_scope","message":"m","required_scopes":["read:metrics"]}}' },
      request,
      0,
    );
    assert.ok(fromBody instanceof InsufficientScopeError);
    assert.deepEqual(fromBody.requiredScopes, ['read:metrics']);

    const fromHeader = errorFromResponse(
      { status: 403, headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="read:dashboards"' }, text: 'nope' },
      request,
      0,
    );
    assert.ok(fromHeader instanceof InsufficientScopeError);
    assert.deepEqual(fromHeader.requiredScopes, ['read:dashboards']);
    assert.match(fromHeader.message, /read:dashboards/);
  });

  test('429 without Retry-After falls back to X-RateLimit-Reset', () => {
    const error = errorFromResponse(
      { status: 429, headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '100' }, text: '' },
      request,
      90_000,
    );
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 10_000);
  });

  test('statuses map to kinds', () => {
    const kinds = [400, 401, 403, 404, 409, 422, 429, 500, 503, 302].map(
      (status) => errorFromResponse({ status, headers: {}, text: '' }, request, 0).kind,
    );
    assert.deepEqual(kinds, [
      'bad-request', 'unauthorized', 'insufficient-scope', 'not-found', 'unexpected-status',
      'bad-request', 'rate-limited', 'server', 'server', 'unexpected-status',
    ]);
  });
});
