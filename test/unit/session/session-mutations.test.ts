import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  addRecord,
  newerOf,
  preferNewer,
  removeIfRefreshTokenIs,
  removeRecord,
  replaceUnlessNewer,
  type Mutation,
} from '../../../src/core/session/session-mutations';
import { exampleRecord, sessionRecordArbitrary } from './arbitraries';

/** Stored records have one entry per id. */
const storedRecords = fc.uniqueArray(sessionRecordArbitrary, { selector: (record) => record.id, maxLength: 3 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  sessionRecordArbitrary.map(addRecord),
  sessionRecordArbitrary.map(replaceUnlessNewer),
  fc.constantFrom('s1', 's2', 's3').map(removeRecord),
  fc.tuple(fc.constantFrom('s1', 's2', 's3'), fc.string()).map(([id, token]) => removeIfRefreshTokenIs(id, token)),
);

describe('changes to the stored records', () => {
  test('property: compare-and-delete removes a session only while it holds the rejected refresh token', () => {
    fc.assert(
      fc.property(storedRecords, fc.constantFrom('s1', 's2', 's3'), fc.option(fc.string(), { nil: undefined }), (records, id, pick) => {
        const target = records.find((record) => record.id === id);
        const rejected = pick ?? target?.refreshToken ?? 'gone';
        const after = removeIfRefreshTokenIs(id, rejected)(records);
        const survived = after.some((record) => record.id === id);
        assert.equal(survived, target !== undefined && target.refreshToken !== rejected);
        assert.deepEqual(after.filter((record) => record.id !== id), records.filter((record) => record.id !== id), 'others untouched');
      }),
      { numRuns: 2000 },
    );
  });

  test('property: a rotated record never replaces a newer stored one, and a removed session stays removed', () => {
    fc.assert(
      fc.property(storedRecords, sessionRecordArbitrary, (records, rotated) => {
        const after = replaceUnlessNewer(rotated)(records);
        const before = records.find((record) => record.id === rotated.id);
        const now = after.find((record) => record.id === rotated.id);
        if (!before) assert.equal(now, undefined);
        else assert.equal(now, (before.receivedAt ?? 0) > (rotated.receivedAt ?? 0) ? before : rotated);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: every change is idempotent, so replaying an unwritten one is safe', () => {
    fc.assert(
      fc.property(storedRecords, mutation, (records, change) => {
        const once = change(records);
        assert.deepEqual(change(once), once);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: after a reload a window never holds an older version of a session than it had', () => {
    fc.assert(
      fc.property(storedRecords, storedRecords, (stored, held) => {
        const merged = preferNewer(stored, held);
        assert.deepEqual(merged.map((record) => record.id), stored.map((record) => record.id), 'the store decides which sessions exist');
        for (const record of merged) {
          const mine = held.find((candidate) => candidate.id === record.id);
          if (mine) assert.ok((record.receivedAt ?? 0) >= (mine.receivedAt ?? 0));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('newerOf prefers the stored record on a tie', () => {
    const base = exampleRecord;
    const held = { ...base, accessToken: 'b' };
    assert.equal(newerOf(base, held), base);
    assert.equal(newerOf(base, { ...held, receivedAt: 6 }).accessToken, 'b');
  });
});
