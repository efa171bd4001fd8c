import fc from 'fast-check';
import type { SessionRecord } from '../../../src/core/session/session-record';

const token = fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,24}$/);

/** Any record the schema accepts (ids from a small set, so records meet each other). */
export const sessionRecordArbitrary: fc.Arbitrary<SessionRecord> = fc.record(
  {
    id: fc.constantFrom('s1', 's2', 's3'),
    kind: fc.constantFrom('oauth' as const, 'apiToken' as const),
    server: fc.record({ apiUrl: fc.constantFrom('https://api.a', 'https://api.b'), authUrl: fc.constantFrom('https://auth.a') }),
    account: fc.record({ id: fc.constantFrom('usr_1', 'usr_2'), label: fc.string() }),
    accessToken: token,
    refreshToken: token,
    expiresAt: fc.integer({ min: 0, max: 10_000 }),
    receivedAt: fc.integer({ min: 0, max: 10_000 }),
    scopes: fc.uniqueArray(fc.constantFrom('read:projects', 'read:dashboards', 'admin')),
  },
  { requiredKeys: ['id', 'kind', 'server', 'account', 'accessToken', 'scopes'] },
);

/** One plain stored record, for examples. */
export const exampleRecord: SessionRecord = {
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
