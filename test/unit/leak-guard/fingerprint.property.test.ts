import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { hmac } from '@noble/hashes/hmac';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import fc from 'fast-check';
import { decodeFingerprintKey, encodeFingerprintKey, fingerprintKeyBytes, keyedFingerprint, newFingerprintKey } from '../../../src/core/leak-guard/fingerprint';
import type { HmacSha256, Sha256 } from '../../../src/core/leak-guard/sha256';
import { nodeHmacSha256, nodeSha256 } from '../../../src/core/node/node-sha256';

/** What each entry passes as `LucaroPlatform.sha256`: src/extension.ts and src/web/extension.ts. */
const platforms: [name: string, sha256: Sha256][] = [
  ['node (createHash)', nodeSha256],
  ['web worker (@noble/hashes)', nobleSha256],
];

/** And as `LucaroPlatform.hmacSha256`. */
const hmacPlatforms: [name: string, hmacSha256: HmacSha256][] = [
  ['node (createHmac)', nodeHmacSha256],
  ['web worker (@noble/hashes)', (key, message) => hmac(nobleSha256, key, message)],
];

const key = fc.uint8Array({ minLength: fingerprintKeyBytes, maxLength: fingerprintKeyBytes });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('keyedFingerprint on every platform (issue 19)', () => {
  for (const [name, hmacSha256] of hmacPlatforms) {
    test(`property (${name}): equals Node's createHmac fingerprint for any key and string`, () => {
      fc.assert(
        fc.property(key, fc.string({ unit: 'binary', maxLength: 300 }), (bytes, secret) => {
          assert.equal(
            keyedFingerprint(bytes, hmacSha256)(secret),
            createHmac('sha256', bytes).update('lucaro-leak-guard\0').update(secret).digest('base64url'),
          );
        }),
        { numRuns: 1000 },
      );
    });

    test(`${name}: RFC 4231 test cases 1, 2 and 6 (a key longer than the block)`, () => {
      const utf8 = (text: string) => new TextEncoder().encode(text);
      assert.equal(hex(hmacSha256(new Uint8Array(20).fill(0x0b), utf8('Hi There'))), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
      assert.equal(hex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?'))), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
      assert.equal(
        hex(hmacSha256(new Uint8Array(131).fill(0xaa), utf8('Test Using Larger Than Block-Size Key - Hash Key First'))),
        '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      );
    });
  }

  test('property: no unkeyed SHA-256 of the token gives the fingerprint, and another key gives another one', () => {
    fc.assert(
      fc.property(key, key, fc.string({ minLength: 8, maxLength: 80 }), (first, second, secret) => {
        fc.pre(hex(first) !== hex(second));
        const fingerprint = keyedFingerprint(first, nodeHmacSha256)(secret);
        // What versions before issue 19 stored: a verifier anyone could recompute from a guessed token.
        assert.notEqual(fingerprint, createHash('sha256').update('lucaro-leak-guard\0').update(secret).digest('base64url'));
        assert.notEqual(fingerprint, createHash('sha256').update(secret).digest('base64url'));
        assert.notEqual(fingerprint, keyedFingerprint(second, nodeHmacSha256)(secret));
      }),
      { numRuns: 500 },
    );
  });

  test('property: a key survives SecretStorage as text; anything else stored there is no key', () => {
    fc.assert(
      fc.property(key, fc.oneof(fc.string(), fc.base64String(), fc.anything()), (bytes, other) => {
        assert.deepEqual(decodeFingerprintKey(encodeFingerprintKey(bytes)), bytes);
        const decoded = decodeFingerprintKey(other);
        if (decoded !== undefined) assert.equal(encodeFingerprintKey(decoded), other);
      }),
      { numRuns: 1000 },
    );
    assert.equal(newFingerprintKey().length, fingerprintKeyBytes);
    assert.notDeepEqual(newFingerprintKey(), newFingerprintKey());
  });
});

describe('the platforms\' SHA-256', () => {
  /** Lengths around SHA-256's 64-byte blocks and its 55/56-byte padding edge are where implementations differ. */
  const blockEdges = fc.integer({ min: 0, max: 4 }).chain((blocks) => fc.integer({ min: -2, max: 2 }).map((delta) => Math.max(0, blocks * 64 + 55 + delta)));
  const bytes = fc.oneof(
    { weight: 6, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 2, arbitrary: blockEdges.chain((length) => fc.uint8Array({ minLength: length, maxLength: length })) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 64 * 1024, max: 1024 * 1024 }), fc.integer({ min: 0, max: 255 })).map(([length, fill]) => new Uint8Array(length).fill(fill).map((byte, i) => byte ^ (i & 0xff))) },
  );

  test('property: both give the same 32 bytes as a plain Uint8Array, for empty, block-edge and megabyte inputs', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        const node = nodeSha256(input);
        assert.equal(Object.getPrototypeOf(node), Uint8Array.prototype);
        assert.equal(node.length, 32);
        assert.deepEqual(node, nobleSha256(input));
      }),
      { numRuns: 1000 },
    );
  });

  test('the empty input and 5 MB give the known digests on both', () => {
    const fiveMegabytes = new Uint8Array(5 * 1024 * 1024).fill(0x61);
    for (const [, sha256] of platforms) {
      assert.equal(Buffer.from(sha256(new Uint8Array(0))).toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      assert.equal(Buffer.from(sha256(fiveMegabytes)).toString('hex'), createHash('sha256').update(fiveMegabytes).digest('hex'));
    }
  });
});
