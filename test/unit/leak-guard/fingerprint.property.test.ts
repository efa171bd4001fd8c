import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import fc from 'fast-check';
import { secretFingerprint } from '../../../src/core/leak-guard/secret-index';
import type { Sha256 } from '../../../src/core/leak-guard/sha256';
import { nodeSha256 } from '../../../src/core/node/node-sha256';

/** What each entry passes as `LucaroPlatform.sha256`: src/extension.ts and src/web/extension.ts. */
const platforms: [name: string, sha256: Sha256][] = [
  ['node (createHash)', nodeSha256],
  ['web worker (@noble/hashes)', nobleSha256],
];

describe('secretFingerprint on every platform', () => {
  // "Ignore in this file" stores fingerprints in workspaceState: each platform's SHA-256 must
  // give what Node's createHash gave, or every stored ignore would stop matching.
  for (const [name, sha256] of platforms) {
    test(`property (${name}): equals the Node createHash fingerprint for any string`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (secret) => {
          assert.equal(secretFingerprint(secret, sha256), createHash('sha256').update('lucaro-leak-guard\0').update(secret).digest('base64url'));
        }),
        { numRuns: 2000 },
      );
    });

    test(`${name}: a fingerprint stored by an earlier version still matches`, () => {
      assert.equal(secretFingerprint('lcr_5Tq3Xn8vLw2pR7sK9mYd', sha256), 'QimSAbCOU6f_0rPIe8M6UMWXJ6YBftlpBFTerFZ6BM8');
    });
  }
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
