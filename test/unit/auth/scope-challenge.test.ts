import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  answerScopeRequest,
  scopesFromChallenges,
  stepUpScopes,
  UnknownScopeError,
  UnsupportedChallengeError,
  UnsupportedChallengeErrorCodeError,
} from '../../../src/core/auth/scope-challenge';
import { lucaroScopes, normalizeScopes, scopesCover } from '../../../src/core/auth/scopes';
import { formatWwwAuthenticate, parseWwwAuthenticate } from '../../../src/core/auth/www-authenticate';

const runs = { numRuns: 1000 };
const scopeSet = fc.subarray([...lucaroScopes]);
const unknownScope = fc.stringMatching(/^[a-z]{1,8}:[a-z]{1,8}$/).filter((scope) => !(lucaroScopes as readonly string[]).includes(scope));
const session = fc.record({ id: fc.uuid(), scopes: scopeSet });
const separator = fc.constantFrom(' ', '  ', ',', ', ');

describe('scope challenges', () => {
  test('a Bearer insufficient_scope challenge, however written, asks for exactly its scope parameter; fallback scopes only when it names none', () => {
    fc.assert(
      fc.property(scopeSet, scopeSet, separator, fc.constantFrom('Bearer', 'bearer', 'BEARER'), fc.boolean(), (named, fallback, sep, scheme, other) => {
        const header = formatWwwAuthenticate([
          ...(other ? [{ scheme: 'Basic', params: { realm: 'lucaro' } }] : []),
          { scheme, params: { error: 'insufficient_scope', ...(named.length ? { scope: named.join(sep) } : {}) } },
        ]);
        const wanted = scopesFromChallenges({ challenges: parseWwwAuthenticate(header), fallbackScopes: fallback });
        assert.deepEqual(wanted, normalizeScopes(named.length ? named : fallback));
      }),
      runs,
    );
  });

  test('any unknown scope, in the challenge or the fallback, is refused naming exactly the unknown ones', () => {
    fc.assert(
      fc.property(scopeSet, fc.uniqueArray(unknownScope, { minLength: 1, maxLength: 3 }), fc.boolean(), (known, unknown, inFallback) => {
        const scopes = [...known, ...unknown].join(' ');
        const constraint = inFallback
          ? { challenges: [{ scheme: 'Bearer', params: { error: 'insufficient_scope' } }], fallbackScopes: scopes.split(' ') }
          : { challenges: [{ scheme: 'Bearer', params: { error: 'insufficient_scope', scope: scopes } }] };
        assert.throws(
          () => scopesFromChallenges(constraint),
          (error: unknown) => error instanceof UnknownScopeError && JSON.stringify(error.unknown) === JSON.stringify(normalizeScopes(unknown)),
        );
      }),
      runs,
    );
  });

  test('other schemes, and Bearer errors other than insufficient_scope, are refused with a typed error', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z]{1,10}$/).filter((scheme) => scheme.toLowerCase() !== 'bearer'),
        fc.stringMatching(/^[a-z_]{1,20}$/).filter((code) => code !== 'insufficient_scope'),
        scopeSet,
        (scheme, code, scopes) => {
          assert.throws(() => scopesFromChallenges({ challenges: [{ scheme, params: { scope: scopes.join(' ') } }] }), UnsupportedChallengeError);
          assert.throws(
            () => scopesFromChallenges({ challenges: [{ scheme: 'Bearer', params: { error: code, scope: scopes.join(' ') } }] }),
            (error: unknown) => error instanceof UnsupportedChallengeErrorCodeError && error.code === code,
          );
        },
      ),
      runs,
    );
    assert.throws(() => scopesFromChallenges({ challenges: [] }), UnsupportedChallengeError);
  });

  test('the answer is a covering session when one exists (the widest), else a sign-in for the union that keeps every held scope', () => {
    fc.assert(
      fc.property(fc.array(session, { maxLength: 4 }), fc.option(session, { nil: undefined }), scopeSet, (sessions, current, wanted) => {
        const answer = answerScopeRequest(sessions, current, wanted);
        if (answer.kind === 'existing') {
          assert.ok(scopesCover(answer.session.scopes, wanted));
          const covering = sessions.filter((candidate) => scopesCover(candidate.scopes, wanted));
          assert.equal(answer.session.scopes.length, Math.max(...covering.map((candidate) => candidate.scopes.length)));
        } else {
          assert.ok(sessions.every((candidate) => !scopesCover(candidate.scopes, wanted)));
          assert.deepEqual(answer.scopes, normalizeScopes([...(current?.scopes ?? []), ...wanted]));
        }
      }),
      runs,
    );
  });

  test('the step-up union holds every held and wanted scope and nothing else, in the one stored form', () => {
    fc.assert(
      fc.property(scopeSet, scopeSet, (held, wanted) => {
        const union = stepUpScopes(held, wanted);
        assert.deepEqual(union, [...new Set([...held, ...wanted])].sort());
        assert.deepEqual(stepUpScopes(union, wanted), union, 'idempotent');
      }),
      runs,
    );
  });
});
