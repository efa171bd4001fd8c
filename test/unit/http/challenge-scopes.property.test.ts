import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  formatWwwAuthenticate,
  isScheme,
  MalformedChallengeError,
  parseWwwAuthenticate,
  type AuthChallenge,
} from '../../../src/core/auth/www-authenticate';
import { InsufficientScopeError } from '../../../src/core/http/errors';
import { joinHeaders, type ResponseHeaders } from '../../../src/core/http/headers';
import { errorFromResponse } from '../../../src/core/http/response-errors';

const runs = { numRuns: 1000 };
const request = { method: 'GET', path: '/v2/projects' };

/** What a 403 without `required_scopes` in its body reports. */
function scopesOf403(headers: ResponseHeaders): readonly string[] {
  const error = errorFromResponse({ status: 403, headers, text: 'Forbidden' }, request, 0);
  assert.ok(error instanceof InsufficientScopeError);
  return error.requiredScopes;
}

/** RFC 6750 §3: the Bearer challenge's `scope`, space-delimited (commas tolerated, as in X-OAuth-Scopes). */
function bearerScopes(challenges: readonly AuthChallenge[]): string[] {
  const scope = challenges.find((challenge) => isScheme(challenge, 'bearer'))?.params.scope ?? '';
  return scope.split(/[\s,]+/).filter((name) => name.length > 0);
}

const tcharAlphabet = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('');
const token = fc.array(fc.constantFrom(...tcharAlphabet), { minLength: 1, maxLength: 10 }).map((chars) => chars.join(''));
const scheme = fc.oneof(fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Basic', 'DPoP', 'Negotiate'), token);
const paramName = fc.oneof(fc.constantFrom('scope', 'error', 'realm', 'error_description'), token.map((name) => name.toLowerCase()));
/** Values with scopes, separators, quotes, backslashes and `scope=` look-alikes inside them. */
const paramValue = fc
  .array(fc.constantFrom('read:dashboards', 'write:metrics', 'insufficient_scope', ' ', '\t', ',', '"', '\\', 'scope=', 'scope="', '=', 'x'), { maxLength: 10 })
  .map((parts) => parts.join(''));
const paramChallenge: fc.Arbitrary<AuthChallenge> = fc
  .tuple(scheme, fc.uniqueArray(fc.tuple(paramName, paramValue), { selector: ([name]) => name, maxLength: 4 }))
  .map(([name, params]) => ({ scheme: name, params: Object.fromEntries(params) }));
const token68Challenge: fc.Arbitrary<AuthChallenge> = fc
  .tuple(scheme, fc.stringMatching(/^[-._~+/0-9A-Za-z]{1,12}={0,2}$/))
  .map(([name, value]) => ({ scheme: name, params: {}, token68: value }));
const challenges = fc.array(fc.oneof(paramChallenge, token68Challenge), { minLength: 1, maxLength: 4 });

/** Pieces of hostile header values: repeats, quoted commas, escapes, controls, half-open quotes. */
const hostilePiece = fc.oneof(
  fc.constantFrom('Bearer', 'Basic', ' ', '\t', ',', ', ', '"', '\\', '\\"', '=', 'scope', 'SCOPE', 'scope=', 'scope="', '"a,b"', 'read:x', 'é', '\u0000', '\n', '\r'),
  fc.string({ maxLength: 6 }),
);
const hostileValue = fc.oneof(
  { weight: 8, arbitrary: fc.array(hostilePiece, { maxLength: 24 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.tuple(hostilePiece, fc.integer({ min: 1_000, max: 40_000 })).map(([piece, times]) => piece.repeat(times)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('read:x ', ',', 'a\\"', ' '), fc.integer({ min: 1_000, max: 20_000 }), fc.boolean())
      .map(([piece, times, closed]) => `Bearer error="insufficient_scope", scope="${piece.repeat(times)}${closed ? '"' : ''}`),
  },
);

describe('the 403 path reads WWW-Authenticate with the one parser', () => {
  test('property: for any value the parser accepts, the 403 reports exactly the Bearer challenge\'s scopes, also when the header came twice', () => {
    fc.assert(
      fc.property(challenges, fc.nat(), (written, cut) => {
        const header = formatWwwAuthenticate(written);
        assert.deepEqual(parseWwwAuthenticate(header), written);
        assert.deepEqual(scopesOf403({ 'www-authenticate': header }), bearerScopes(written));
        // Two WWW-Authenticate lines, as a server may send them: joined with ", " like fetch does.
        const split = cut % (written.length + 1);
        const lines = [written.slice(0, split), written.slice(split)].filter((part) => part.length > 0).map(formatWwwAuthenticate);
        const twice = joinHeaders(lines.map((line) => ['WWW-Authenticate', line] as const));
        assert.deepEqual(scopesOf403(twice), bearerScopes(written));
      }),
      runs,
    );
  });

  test('property: a hostile value never throws and never invents a scope; a value the parser refuses gives none', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const reported = scopesOf403({ 'www-authenticate': value });
        let parsed: AuthChallenge[] | undefined;
        try {
          parsed = parseWwwAuthenticate(value);
        } catch (error) {
          assert.ok(error instanceof MalformedChallengeError);
        }
        assert.deepEqual(reported, parsed ? bearerScopes(parsed) : []);
        // Independent of the parser: a reported scope is text of the header (escapes aside).
        const unescaped = value.replaceAll('\\', '');
        for (const scope of reported) {
          assert.ok(scope.length > 0 && !/[\s,]/.test(scope), JSON.stringify(scope));
          assert.ok(unescaped.includes(scope.replaceAll('\\', '')), `${JSON.stringify(scope)} is not in ${JSON.stringify(value.slice(0, 200))}`);
        }
      }),
      runs,
    );
  });

  test('a megabyte value is read, not thrown on', () => {
    const scopes = Array.from({ length: 50_000 }, (_, i) => `read:s${i}`);
    assert.deepEqual(scopesOf403({ 'www-authenticate': `Bearer error="insufficient_scope", scope="${scopes.join(' ')}"` }), scopes);
    assert.deepEqual(scopesOf403({ 'www-authenticate': `Bearer scope="${'\\"'.repeat(500_000)}` }), []);
    assert.deepEqual(scopesOf403({ 'www-authenticate': ', '.repeat(500_000) }), []);
  });

  // Where the regex this replaced (`/(?:^|[\s,])scope="([^"]*)"/i` on the whole value) read something else.
  const disagreements: [header: string, regexSaid: string[], scopes: string[]][] = [
    ['Bearer error_description="missing scope=", scope="read:metrics"', ['scope='], ['read:metrics']],
    ['Bearer realm="a,scope=", scope="read:dashboards"', ['scope='], ['read:dashboards']],
    ['Basic scope="admin", Bearer error="insufficient_scope"', ['admin'], []],
    ['Bearer scope = "read:dashboards"', [], ['read:dashboards']],
    ['Bearer scope="read:a\\"b write:metrics"', ['read:a\\'], ['read:a"b', 'write:metrics']],
    ['Bearer scope="read:dashboards" trailing garbage', ['read:dashboards'], []],
  ];
  for (const [header, regexSaid, scopes] of disagreements) {
    test(`${header} gives ${JSON.stringify(scopes)} (the regex said ${JSON.stringify(regexSaid)})`, () => {
      assert.deepEqual(scopesOf403({ 'www-authenticate': header }), scopes);
    });
  }
});
