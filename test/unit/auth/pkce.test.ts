import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { createPkcePair, createState, s256Challenge } from '../../../src/core/auth/pkce';

/** RFC 7636 §4.1 unreserved characters. */
const unreserved = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** The oracle: Node's own SHA-256, as the extension computed the challenge before WebCrypto. */
function nodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

describe('PKCE (RFC 7636)', () => {
  test('the verifier has 43-128 unreserved characters and differs every time', async () => {
    const pairs = await Promise.all(Array.from({ length: 50 }, () => createPkcePair()));
    const verifiers = new Set(pairs.map((pair) => pair.verifier));
    assert.equal(verifiers.size, 50);
    for (const verifier of verifiers) assert.match(verifier, /^[A-Za-z0-9\-._~]{43,128}$/);
  });

  test('the challenge is base64url(SHA-256(verifier)) without padding', async () => {
    const pair = await createPkcePair();
    const expected = createHash('sha256').update(pair.verifier).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    assert.equal(pair.challenge, expected);
    assert.equal(pair.method, 'S256');
  });

  test('matches the RFC 7636 appendix B example', async () => {
    assert.equal(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  test('property: for every RFC 7636 verifier the WebCrypto challenge equals Node createHash', async () => {
    const verifier = fc.string({ unit: fc.constantFrom(...unreserved), minLength: 43, maxLength: 128 });
    await fc.assert(
      fc.asyncProperty(verifier, async (value) => {
        assert.equal(await s256Challenge(value), nodeChallenge(value));
      }),
      { numRuns: 2000 },
    );
  });

  test('the state carries at least 128 random bits', () => {
    const state = createState();
    assert.ok(Buffer.from(state, 'base64url').length * 8 >= 128);
    assert.notEqual(createState(), state);
  });
});
