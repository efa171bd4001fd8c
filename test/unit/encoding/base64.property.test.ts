import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fc from 'fast-check';
import { base64, base64url, randomBytes } from '../../../src/core/encoding/base64';

// Node's Buffer is the oracle: the portable helpers replace it and must give the same text.
describe('base64 helpers without Buffer', () => {
  test('property: base64 and base64url equal Buffer#toString for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => {
        assert.equal(base64(bytes), Buffer.from(bytes).toString('base64'));
        assert.equal(base64url(bytes), Buffer.from(bytes).toString('base64url'));
      }),
      { numRuns: 1000 },
    );
  });

  // Long inputs are converted in 32 KiB slices: the lengths around a slice edge, with random bytes
  // (generating 1,000 arrays of up to 200 KB took 48 s of the unit run for the same coverage).
  test('inputs longer than one slice, around the slice edges, equal Buffer#toString', () => {
    for (const length of [0x7fff, 0x8000, 0x8001, 0x10000 - 1, 0x10000, 0x10000 + 2, 200_000]) {
      const bytes = new Uint8Array(nodeRandomBytes(length));
      assert.equal(base64(bytes), Buffer.from(bytes).toString('base64'), `length ${length}`);
      assert.equal(base64url(bytes), Buffer.from(bytes).toString('base64url'), `length ${length}`);
    }
  });

  test('randomBytes gives the count asked for, differently each time', () => {
    assert.equal(randomBytes(32).length, 32);
    assert.notDeepEqual(randomBytes(32), randomBytes(32));
  });
});
