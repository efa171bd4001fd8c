import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { secretFingerprint } from '../../../src/core/leak-guard/secret-index';

describe('secretFingerprint on every platform', () => {
  // "Ignore in this file" stores fingerprints in workspaceState: the portable SHA-256 must
  // give what Node's createHash gave, or every stored ignore would stop matching.
  test('property: equals the Node createHash fingerprint for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (secret) => {
        assert.equal(secretFingerprint(secret), createHash('sha256').update('lucaro-leak-guard\0').update(secret).digest('base64url'));
      }),
      { numRuns: 2000 },
    );
  });
});
