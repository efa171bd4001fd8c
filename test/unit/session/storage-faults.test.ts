import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SecretStorageError } from '../../../src/core/session/secret-store';
import type { SessionEnded, UnreadableSessions } from '../../../src/core/session/session-manager';
import { sessionsSecretKey, UnreadableSessionsDocumentError } from '../../../src/core/session/session-store';
import { useSessionFixture } from './fixture';

function storedDocument(values: Map<string, string>): { version: number; sessions: Array<Record<string, unknown>> } {
  return JSON.parse(values.get(sessionsSecretKey)!);
}

describe('secret storage that fails (hole 3: rotation writes)', () => {
  const fixture = useSessionFixture({ latencyMs: [0, 5] });

  test('one failed write of rotated tokens is retried and lands, with no failure reported', async () => {
    const manager = fixture.window();
    const record = await fixture.signedIn(manager);
    const failures: SecretStorageError[] = [];
    manager.onDidFailToPersist((error) => failures.push(error));
    fixture.expire(record);
    fixture.secrets.failNextWrites(2, sessionsSecretKey);
    const token = await manager.getAccessToken(record.id);
    assert.notEqual(token, record.accessToken);
    await manager.whenWritten();
    assert.equal(storedDocument(fixture.secrets.values).sessions[0]!.accessToken, token, 'the retry stored the new pair');
    assert.deepEqual(failures, []);
  });

  test('a rotation that cannot be written does not let the stale stored record win later in the window', async () => {
    const manager = fixture.window();
    const record = await fixture.signedIn(manager);
    const ended: SessionEnded[] = [];
    manager.onDidEndSession((event) => ended.push(event));
    const failures: SecretStorageError[] = [];
    manager.onDidFailToPersist((error) => failures.push(error));

    fixture.expire(record);
    fixture.secrets.failWrites = true;
    const rotated = await manager.getAccessToken(record.id);
    assert.notEqual(rotated, record.accessToken);
    await manager.whenWritten();
    assert.ok(failures.length >= 1, 'the failed write is reported');
    assert.equal(storedDocument(fixture.secrets.values).sessions[0]!.refreshToken, record.refreshToken, 'the store still holds the spent pair');

    // Another window wrote something: the reload must not bring the stale pair back.
    await manager.reloadFromStore();
    assert.equal(await manager.getAccessToken(record.id), rotated);

    // An hour later, storage works again: the refresh spends the in-memory refresh token.
    fixture.secrets.failWrites = false;
    fixture.clock.now += 3600_000;
    const next = await manager.getAccessToken(record.id);
    await manager.whenWritten();
    assert.notEqual(next, rotated);
    assert.deepEqual(ended, [], 'the session never ended');
    assert.equal(fixture.server.counters.refreshTokenReuse, 0, 'the stale refresh token was never presented');
    assert.equal(storedDocument(fixture.secrets.values).sessions[0]!.accessToken, next, 'the newest pair is stored now');
  });

  test('the unwritten pair is written once another window shows storage works again', async () => {
    const manager = fixture.window();
    const record = await fixture.signedIn(manager);
    fixture.expire(record);
    fixture.secrets.failWrites = true;
    const rotated = await manager.getAccessToken(record.id);
    await manager.whenWritten();
    fixture.secrets.failWrites = false;
    await manager.reloadFromStore();
    assert.equal(storedDocument(fixture.secrets.values).sessions[0]!.accessToken, rotated);
  });
});

describe('stored documents this version cannot read (hole 4)', () => {
  const fixture = useSessionFixture();

  for (const [name, document] of [
    ['an unknown version', JSON.stringify({ version: 99, sessions: [{ id: 'from-the-future', shape: 'new' }] })],
    ['broken JSON', '{"version":1,"sessions":[{"id":"half'],
  ] as const) {
    test(`${name} is kept byte for byte, and new sessions live in memory with a typed failure`, async () => {
      fixture.secrets.values.set(sessionsSecretKey, document);
      const manager = fixture.window();
      const unreadable: UnreadableSessions[] = [];
      manager.onDidFindUnreadableSessions((event) => unreadable.push(event));
      const failures: SecretStorageError[] = [];
      manager.onDidFailToPersist((error) => failures.push(error));
      assert.deepEqual(await manager.list(), []);
      const record = await fixture.signedIn(manager);
      assert.equal(fixture.secrets.values.get(sessionsSecretKey), document, 'never rewritten');
      assert.deepEqual((await manager.list()).map((session) => session.id), [record.id], 'usable in this window');
      assert.deepEqual(unreadable, [{ entries: 0, wholeDocument: true }]);
      assert.ok(failures.some((error) => error instanceof UnreadableSessionsDocumentError));
      await manager.remove(record.id);
      assert.equal(fixture.secrets.values.get(sessionsSecretKey), document, 'not deleted by a sign-out either');
    });
  }

  test('an unreadable entry is written back unchanged beside the readable ones', async () => {
    const manager = fixture.window();
    const record = await fixture.signedIn(manager);
    const broken = { id: 'broken', kind: 'oauth', note: 'written by a newer version' };
    const document = storedDocument(fixture.secrets.values);
    document.sessions.push(broken);
    fixture.secrets.values.set(sessionsSecretKey, JSON.stringify(document));

    const fresh = fixture.window();
    const unreadable: UnreadableSessions[] = [];
    fresh.onDidFindUnreadableSessions((event) => unreadable.push(event));
    assert.deepEqual((await fresh.list()).map((session) => session.id), [record.id]);

    fixture.expire(record);
    await fresh.getAccessToken(record.id);
    await fresh.whenWritten();
    assert.deepEqual(storedDocument(fixture.secrets.values).sessions.at(-1), broken, 'kept after a refresh');
    await fresh.remove(record.id);
    assert.deepEqual(storedDocument(fixture.secrets.values).sessions, [broken], 'kept after the last sign-out');
    assert.deepEqual(unreadable, [{ entries: 1, wholeDocument: false }]);
  });

  test('tokens inside an unreadable entry are handed to the redactor', async () => {
    fixture.secrets.values.set(sessionsSecretKey, JSON.stringify({ version: 1, sessions: [{ id: 'x', accessToken: 'lco_hidden', extra: { refreshToken: 'lcr_hidden' } }] }));
    const manager = fixture.window();
    const learned: string[] = [];
    manager.onDidLearnSecrets((secrets) => learned.push(...secrets));
    await manager.list();
    assert.deepEqual(learned.sort(), ['lco_hidden', 'lcr_hidden']);
  });
});

describe('storage read failures never become unhandled rejections (hole 4)', () => {
  const fixture = useSessionFixture();

  test('reloadFromStore and serverChanged resolve and report the failure', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const manager = fixture.window();
      await fixture.signedIn(manager);
      const failures: SecretStorageError[] = [];
      manager.onDidFailToPersist((error) => failures.push(error));
      fixture.secrets.failReads = true;
      await manager.reloadFromStore();
      await manager.serverChanged({ apiUrl: 'https://api.elsewhere.example', authUrl: 'https://auth.elsewhere.example' });
      const cold = fixture.window();
      await cold.serverChanged({ apiUrl: 'https://api.elsewhere.example', authUrl: 'https://auth.elsewhere.example' });
      await cold.reloadFromStore();
      assert.ok(failures.some((error) => error.operation === 'read'));
      assert.equal((await manager.list()).length, 1, 'the window keeps its sessions');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('a read failure in the middle of a refresh falls back to the window\'s own record', async () => {
    const manager = fixture.window();
    const record = await fixture.signedIn(manager);
    fixture.expire(record);
    fixture.secrets.failNextReads(2, sessionsSecretKey);
    assert.notEqual(await manager.getAccessToken(record.id), record.accessToken);
  });
});
