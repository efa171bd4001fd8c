import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { createPkcePair, createState, s256Challenge } from '../../../src/core/auth/pkce';

describe('PKCE (RFC 7636)', () => {
  test('the verifier has 43-128 unreserved characters and differs every time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createPkcePair().verifier));
    assert.equal(verifiers.size, 50);
    for (const verifier of verifiers) assert.match(verifier, /^[A-Za-z0-9\-._~]{43,128}$/);
  });

  test('the challenge is base64url(SHA-256(verifier)) without padding', () => {
    const pair = createPkcePair();
    const expected = createHash('sha256').update(pair.verifier).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    assert.equal(pair.challenge, expected);
    assert.equal(pair.method, 'S256');
  });

  test('matches the RFC 7636 appendix B example', () => {
    assert.equal(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  test('the state carries at least 128 random bits', () => {
    const state = createState();
    assert.ok(Buffer.from(state, 'base64url').length * 8 >= 128);
    assert.notEqual(createState(), state);
  });
});
