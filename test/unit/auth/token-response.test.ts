import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import * as v from 'valibot';
import { MalformedTokenResponseError } from '../../../src/core/auth/oauth-errors';
import { maxTokenLength, tokenResponseSchema } from '../../../src/core/auth/token-response';
import { isExpired, maxLifetimeSeconds, tokenSetFromResponse, unstatedLifetimeSeconds, type TokenSet } from '../../../src/core/auth/token-set';
import { tokenClientFor } from '../../support/oauth-session';
import { useLocalLucaro } from '../../support/local-lucaro';

const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;
const vschar = /^[\x20-\x7e]+$/;
const requested = ['read:projects', 'read:metrics'];
const receivedAt = Date.UTC(2026, 11, 1);

const b64Chars = fc.constantFrom(...'ABCXYZabcxyz0189-._~+/');
const hostile = fc.constantFrom('\u0000', '\r', '\n', '\r\n', ' ', '\t', 'é', '€', '\u2028', '"', '=', '%', '\u00ff', '\ud800');
const validAccessToken = fc
  .tuple(fc.string({ unit: b64Chars, minLength: 1, maxLength: 80 }), fc.string({ unit: fc.constant('='), maxLength: 2 }))
  .map(([body, padding]) => body + padding);
/** Mostly tokens a server might really send, some one character away from valid, some not strings at all. */
const accessToken = fc.oneof(
  { weight: 4, arbitrary: validAccessToken },
  {
    weight: 3,
    arbitrary: fc.tuple(validAccessToken, hostile, fc.nat()).map(([token, bad, at]) => {
      const position = at % (token.length + 1);
      return token.slice(0, position) + bad + token.slice(position);
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(maxTokenLength + 1), 'a'.repeat(maxTokenLength)) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string(), { maxLength: 2 })) },
);
const refreshToken = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', null, undefined, 'rt\r\nInjected: 1', 42),
);
const expiresIn = fc.oneof(
  fc.integer({ min: -10, max: 10 }),
  fc.double({ min: -1e3, max: 1e6, noNaN: true }),
  fc.constantFrom(0, 0.2, 0.5, 1, 59.5, 3600, 1e9, 1e15, 1e300, Number.MAX_VALUE, Infinity, -Infinity, null, undefined),
  fc.constantFrom('3600', '0', '12.5', '-1', 'soon', '', ' 60', '1e3', '99999999999999999999'),
);
const scope = fc.oneof(fc.constantFrom(undefined, null, '', '   ', ' , ', 'read:projects', 'read:projects  admin', 'read:projects,read:metrics'), fc.string());
const tokenType = fc.oneof(fc.constantFrom('Bearer', 'bearer', 'BEARER'), fc.constantFrom('mac', '', 'Basic', undefined));

const response = fc.record(
  { access_token: accessToken, token_type: tokenType, expires_in: expiresIn, refresh_token: refreshToken, scope },
  { requiredKeys: [] },
);

/** The rules written out independently of the schema: what a usable token response is. */
function isUsable(body: Record<string, unknown>): boolean {
  const access = body['access_token'];
  const refresh = body['refresh_token'];
  const expires = body['expires_in'];
  const type = body['token_type'];
  return (
    typeof access === 'string' && access.length <= maxTokenLength && b64token.test(access) &&
    typeof type === 'string' && type.toLowerCase() === 'bearer' &&
    (refresh === undefined || refresh === null || (typeof refresh === 'string' && refresh.length <= maxTokenLength && vschar.test(refresh))) &&
    (expires === undefined || expires === null || (typeof expires === 'number' && expires >= 0) ||
      (typeof expires === 'string' && /^\d{1,15}(\.\d+)?$/.test(expires))) &&
    (body['scope'] === undefined || body['scope'] === null || typeof body['scope'] === 'string')
  );
}

/** What every accepted answer must give: tokens fit for a header and a form, a finite deadline in range, scopes. */
function assertSafe(tokens: TokenSet, body: Record<string, unknown>): void {
  assert.match(tokens.accessToken, /^[\x21-\x7e]+$/);
  assert.doesNotThrow(() => new Headers([['authorization', `Bearer ${tokens.accessToken}`]]));
  if (tokens.refreshToken !== undefined) assert.match(tokens.refreshToken, vschar);
  if (body['expires_in'] === undefined || body['expires_in'] === null) {
    assert.equal(tokens.expiresAt, undefined);
  } else {
    const deadline = tokens.expiresAt!;
    assert.ok(Number.isFinite(deadline), `expiresAt ${deadline}`);
    assert.ok(deadline >= receivedAt + 1000 && deadline <= receivedAt + maxLifetimeSeconds * 1000, `expiresAt ${deadline}`);
    assert.equal(JSON.parse(JSON.stringify({ deadline })).deadline, deadline, 'survives being stored');
    assert.equal(isExpired(tokens, receivedAt), false, 'usable when it arrives');
  }
  assert.ok(tokens.scopes.length > 0, 'never a session without scopes');
}

describe('token response validation (RFC 6749 §5.1, RFC 6750 §2.1)', () => {
  test('property: accepted exactly when usable, and every accepted answer gives safe tokens and a deadline in range', () => {
    fc.assert(
      fc.property(response, (body) => {
        const parsed = v.safeParse(tokenResponseSchema, body);
        assert.equal(parsed.success, isUsable(body), JSON.stringify(body));
        if (parsed.success) assertSafe(tokenSetFromResponse(parsed.output, receivedAt, requested), body);
      }),
      { numRuns: 5000 },
    );
  });

  test('expires_in: 0 or under a second gets a short working life, huge values a year at most, fractions are rounded', () => {
    const lifetime = (expires_in: unknown) => {
      const parsed = v.parse(tokenResponseSchema, { access_token: 'at', token_type: 'Bearer', expires_in });
      return (tokenSetFromResponse(parsed, receivedAt, requested).expiresAt! - receivedAt) / 1000;
    };
    assert.equal(lifetime(0), unstatedLifetimeSeconds);
    assert.equal(lifetime(0.4), unstatedLifetimeSeconds);
    assert.equal(lifetime(1), 1, 'a one-second token is taken at its word');
    assert.equal(lifetime(1.6), 2);
    assert.equal(lifetime('3599'), 3599);
    assert.equal(lifetime(1e12), maxLifetimeSeconds);
    assert.equal(lifetime(Infinity), maxLifetimeSeconds);
    const zero = tokenSetFromResponse(v.parse(tokenResponseSchema, { access_token: 'at', token_type: 'Bearer', expires_in: 0 }), receivedAt, requested);
    assert.equal(isExpired(zero, receivedAt + 20_000), false, 'no refresh before every call');
  });

  test('an empty or blank scope means "as requested"; a granted one is kept', () => {
    const scopes = (value: unknown) =>
      tokenSetFromResponse(v.parse(tokenResponseSchema, { access_token: 'at', token_type: 'Bearer', scope: value }), receivedAt, requested).scopes;
    assert.deepEqual(scopes(''), [...requested].sort());
    assert.deepEqual(scopes('  '), [...requested].sort());
    assert.deepEqual(scopes(null), [...requested].sort());
    assert.deepEqual(scopes('read:projects'), ['read:projects']);
  });
});

describe('TokenClient against a server that answers oddly', () => {
  const lucaro = useLocalLucaro();

  test('an access token with NUL, CR, LF, a space or non-ASCII is a MalformedTokenResponseError, never a token', async () => {
    const client = tokenClientFor(lucaro.server.authUrl, lucaro.dispatcher);
    for (const access_token of ['lco_a\u0000b', 'lco_a\r\nX-Injected: 1', 'lco_a\nb', 'lco_a b', 'lco_é', 'lco_a=b', '']) {
      lucaro.server.answerNextTokenWith({ access_token, token_type: 'Bearer', expires_in: 3600, refresh_token: 'lcr_x' });
      await assert.rejects(client.refresh('lcr_anything'), MalformedTokenResponseError, JSON.stringify(access_token));
    }
    lucaro.server.answerNextTokenWith({ access_token: 'lco_ok', token_type: 'Bearer', refresh_token: 'lcr_a\r\nb' });
    await assert.rejects(client.refresh('lcr_anything'), MalformedTokenResponseError, 'a refresh token with a line break');
  });

  test('property: over HTTP, every answer either gives safe tokens or a MalformedTokenResponseError', async () => {
    const client = tokenClientFor(lucaro.server.authUrl, lucaro.dispatcher);
    await fc.assert(
      fc.asyncProperty(response, async (body) => {
        // JSON has no undefined; it drops the key, as a server would.
        const sent = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
        lucaro.server.answerNextTokenWith(sent);
        try {
          const answer = await client.refresh('lcr_presented');
          assert.ok(isUsable(sent), `accepted ${JSON.stringify(sent)}`);
          assertSafe(tokenSetFromResponse(answer, receivedAt, requested, 'lcr_presented'), sent);
        } catch (error) {
          assert.ok(error instanceof MalformedTokenResponseError, String(error));
          assert.ok(!isUsable(sent), `refused ${JSON.stringify(sent)}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
