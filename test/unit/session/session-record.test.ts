import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSessionRecords, serializeSessionRecords, type SessionRecord } from '../../../src/core/session/session-record';

const record: SessionRecord = {
  id: 's1',
  kind: 'oauth',
  server: { apiUrl: 'https://api.lucaro.dev', authUrl: 'https://auth.lucaro.dev' },
  account: { id: 'usr_1', label: 'Ada' },
  accessToken: 'a',
  refreshToken: 'r',
  expiresAt: 10,
  receivedAt: 5,
  scopes: ['read:projects'],
};

describe('stored session records', () => {
  test('round-trip', () => {
    assert.deepEqual(parseSessionRecords(serializeSessionRecords([record])), { records: [record], dropped: 0 });
  });

  test('an unreadable entry drops only that entry', () => {
    const document = JSON.stringify({ version: 1, sessions: [record, { id: 'broken' }, 42] });
    assert.deepEqual(parseSessionRecords(document), { records: [record], dropped: 2 });
  });

  test('garbage or an unknown version counts as one unreadable entry', () => {
    assert.deepEqual(parseSessionRecords('{not json'), { records: [], dropped: 1 });
    assert.deepEqual(parseSessionRecords(JSON.stringify({ version: 99, sessions: [] })), { records: [], dropped: 1 });
    assert.deepEqual(parseSessionRecords(undefined), { records: [], dropped: 0 });
  });
});
