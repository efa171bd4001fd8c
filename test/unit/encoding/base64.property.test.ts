import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { base64, base64url, randomBytes } from '../../../src/core/encoding/base64';

// Node's Buffer is the oracle: the portable helpers replace it and must give the same text.
describe('base64 helpers without Buffer', () => {
  test('property: base64 and base64url equal Buffer#toString for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200_000, size: 'max' }), (bytes) => {
        assert.equal(base64(bytes), Buffer.from(bytes).toString('base64'));
        assert.equal(base64url(bytes), Buffer.from(bytes).toString('base64url'));
      }),
      { numRuns: 1000 },
    );
  });

  test('randomBytes gives the count asked for, differently each time', () => {
    assert.equal(randomBytes(32).length, 32);
    assert.notDeepEqual(randomBytes(32), randomBytes(32));
  });
});
