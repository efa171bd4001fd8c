import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseSessionRecords, serializeSessionRecords } from '../../../src/core/session/session-record';
import { exampleRecord, sessionRecordArbitrary } from './arbitraries';

const record = exampleRecord;

describe('stored session records', () => {
  test('round-trip', () => {
    assert.deepEqual(parseSessionRecords(serializeSessionRecords([record])), {
      records: [record],
      unreadableEntries: [],
      unreadableDocument: false,
      unreadableSecrets: [],
    });
  });

  test('an unreadable entry is set aside, not dropped', () => {
    const document = JSON.stringify({ version: 1, sessions: [record, { id: 'broken' }, 42] });
    const parsed = parseSessionRecords(document);
    assert.deepEqual(parsed.records, [record]);
    assert.deepEqual(parsed.unreadableEntries, [{ id: 'broken' }, 42]);
    assert.equal(parsed.unreadableDocument, false);
  });

  test('garbage or an unknown version marks the whole document unreadable', () => {
    assert.equal(parseSessionRecords('{not json').unreadableDocument, true);
    assert.equal(parseSessionRecords(JSON.stringify({ version: 99, sessions: [] })).unreadableDocument, true);
    assert.deepEqual(parseSessionRecords(undefined), { records: [], unreadableEntries: [], unreadableDocument: false, unreadableSecrets: [] });
  });

  test('property: parsing any string never throws, and a document is either readable or flagged', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ version: 1, sessions: [value] }))), (text) => {
        const parsed = parseSessionRecords(text);
        if (parsed.unreadableDocument) assert.equal(parsed.records.length + parsed.unreadableEntries.length, 0);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: writing back what was read loses no entry, readable or not, and keeps their order within each kind', () => {
    const entry = fc.oneof(sessionRecordArbitrary, fc.jsonValue());
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const stored = JSON.stringify({ version: 1, sessions: entries });
        const first = parseSessionRecords(stored);
        const rewritten = serializeSessionRecords(first.records, first.unreadableEntries);
        const again = parseSessionRecords(rewritten);
        assert.deepEqual(again.records, first.records);
        assert.deepEqual(again.unreadableEntries, first.unreadableEntries);
        assert.equal(first.records.length + first.unreadableEntries.length, entries.length);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: every string under a token-named key of an unreadable entry is reported for redaction', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (accessToken, nested) => {
        const document = JSON.stringify({ version: 1, sessions: [{ accessToken, deeper: [{ refresh_token: nested }] }] });
        const { unreadableSecrets } = parseSessionRecords(document);
        assert.ok(unreadableSecrets.includes(accessToken) && unreadableSecrets.includes(nested));
      }),
      { numRuns: 1000 },
    );
  });
});
