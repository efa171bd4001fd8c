import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  formatWwwAuthenticate,
  MalformedChallengeError,
  parseWwwAuthenticate,
  type AuthChallenge,
} from '../../../src/core/auth/www-authenticate';

const runs = { numRuns: 1000 };
const tcharAlphabet = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('');
const token = fc.array(fc.constantFrom(...tcharAlphabet), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));
const lowerToken = token.map((value) => value.toLowerCase());
/** Parameter names, the ones an object already answers to among them. */
const paramName = fc.oneof({ weight: 4, arbitrary: lowerToken }, { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'tostring', 'valueof', 'hasownproperty') });
/** Printable ASCII and tabs: what a quoted-string may carry, quotes and backslashes included. */
const quotedText = fc.string({ unit: fc.constantFrom(...' \t!"#$%,=\\abcXYZ:09/'.split('')), maxLength: 24 });
const token68 = fc
  .tuple(fc.stringMatching(/^[-._~+/0-9A-Za-z]{1,16}$/), fc.integer({ min: 0, max: 2 }))
  .map(([body, padding]) => body + '='.repeat(padding));

const paramChallenge: fc.Arbitrary<AuthChallenge> = fc
  .tuple(token, fc.uniqueArray(fc.tuple(paramName, quotedText), { selector: ([name]) => name, maxLength: 5 }))
  .map(([scheme, params]) => ({ scheme, params: Object.fromEntries(params) }));
const token68Challenge: fc.Arbitrary<AuthChallenge> = fc.tuple(token, token68).map(([scheme, value]) => ({ scheme, params: {}, token68: value }));
const challenges = fc.array(fc.oneof(paramChallenge, token68Challenge), { minLength: 1, maxLength: 4 });

describe('WWW-Authenticate (RFC 9110 §11.6.1)', () => {
  test('reads back exactly the challenges it was written from: schemes, parameters, quoted values with quotes, commas and backslashes, token68', () => {
    fc.assert(
      fc.property(challenges, (written) => {
        assert.deepEqual(parseWwwAuthenticate(formatWwwAuthenticate(written)), written);
      }),
      runs,
    );
  });

  test('any string either parses or is refused with MalformedChallengeError, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), challenges.map(formatWwwAuthenticate).chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut)))), (text) => {
        try {
          const parsed = parseWwwAuthenticate(text);
          assert.ok(Array.isArray(parsed));
        } catch (error) {
          assert.ok(error instanceof MalformedChallengeError, `${String(error)} for ${JSON.stringify(text)}`);
        }
      }),
      runs,
    );
  });

  test('parameter names are case-insensitive, whitespace around "=" and "," and empty list elements change nothing, a token value equals its quoted form', () => {
    fc.assert(
      fc.property(
        token,
        fc.uniqueArray(fc.tuple(lowerToken, token), { selector: ([name]) => name, minLength: 1, maxLength: 4 }),
        fc.constantFrom('', ' ', '  ', '\t'),
        fc.boolean(),
        (scheme, params, space, upper) => {
          const text = params
            .map(([name, value]) => `${upper ? name.toUpperCase() : name}${space}=${space}${value}`)
            .join(`${space},${space},${space}`);
          const [parsed, ...rest] = parseWwwAuthenticate(`${space},${scheme} ${text}${space},`);
          assert.equal(rest.length, 0);
          assert.deepEqual(parsed, { scheme, params: Object.fromEntries(params) });
          const quoted = params.map(([name, value]) => `${name}="${value}"`).join(', ');
          assert.deepEqual(parseWwwAuthenticate(`${scheme} ${quoted}`), [parsed]);
        },
      ),
      runs,
    );
  });

  test('the contract\'s challenges and the RFC 6750 examples', () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer error="insufficient_scope", scope="read:dashboards write:dashboards"'), [
      { scheme: 'Bearer', params: { error: 'insufficient_scope', scope: 'read:dashboards write:dashboards' } },
    ]);
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="example", error="invalid_token", error_description="The access token expired"'), [
      { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token', error_description: 'The access token expired' } },
    ]);
    assert.deepEqual(parseWwwAuthenticate('Basic realm="a, b", Bearer scope="x"'), [
      { scheme: 'Basic', params: { realm: 'a, b' } },
      { scheme: 'Bearer', params: { scope: 'x' } },
    ]);
    assert.deepEqual(parseWwwAuthenticate('Negotiate abc+/=='), [{ scheme: 'Negotiate', params: {}, token68: 'abc+/==' }]);
    assert.deepEqual(parseWwwAuthenticate('Bearer'), [{ scheme: 'Bearer', params: {} }]);
    assert.throws(() => parseWwwAuthenticate('Bearer scope="unterminated'), MalformedChallengeError);
    assert.throws(() => parseWwwAuthenticate('Bearer scope=a b'), MalformedChallengeError);
    assert.throws(() => parseWwwAuthenticate('="x"'), MalformedChallengeError);
  });
});
