import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LucaroUnreachableError, SessionEndedError } from '../../../src/core/session/session-errors';
import type { SessionEnded, SessionManager, SessionsChange } from '../../../src/core/session/session-manager';
import type { SessionRecord } from '../../../src/core/session/session-record';
import { sessionsSecretKey } from '../../../src/core/session/session-store';
import { tokenClientFor } from '../../support/oauth-session';
import { useSessionFixture } from './fixture';

describe('SessionManager against the local Lucaro server', () => {
  const fixture = useSessionFixture();
  const window = (options: { realClock?: boolean } = {}) => fixture.window(options);
  const signedIn = (manager: SessionManager, grant?: string[]) => fixture.signedIn(manager, grant);
  const expire = (record: SessionRecord) => fixture.expire(record);

  describe('sign-in', () => {
    test('stores the granted scopes, which can be fewer than requested', async () => {
      const manager = window();
      const record = await signedIn(manager, ['read:projects']);
      assert.deepEqual(record.scopes, ['read:projects']);
      assert.equal(record.account.id, 'usr_demo');
      assert.equal(record.account.label, 'Ada Lovelace');
      const stored = JSON.parse(fixture.secrets.values.get(sessionsSecretKey)!);
      assert.equal(stored.sessions[0].refreshToken, record.refreshToken);
    });
  });

  describe('refresh', () => {
    test('a 2-second access token is refreshed before use and the refresh token rotates', async () => {
      fixture.server.configure({ accessTokenLifetimeSeconds: 2 });
      const manager = window({ realClock: true });
      const first = await signedIn(manager);
      assert.equal(await manager.getAccessToken(first.id), first.accessToken);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const token = await manager.getAccessToken(first.id);
      await manager.whenWritten();
      assert.notEqual(token, first.accessToken);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 1);
      assert.equal(fixture.server.isTokenActive(first.refreshToken!), false, 'the spent refresh token is dead');
      const [stored] = JSON.parse(fixture.secrets.values.get(sessionsSecretKey)!).sessions;
      assert.equal(stored.accessToken, token, 'the new pair is stored');
      assert.notEqual(stored.refreshToken, first.refreshToken);
      assert.equal(fixture.server.counters.expiredTokenRequests, 0);
    });

    test('50 concurrent callers at expiry cause exactly one refresh', async () => {
      const manager = window();
      const record = await signedIn(manager);
      expire(record);
      const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getAccessToken(record.id)));
      assert.equal(new Set(tokens).size, 1);
      assert.notEqual(tokens[0], record.accessToken);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 1);
    });

    test('a token that is not yet expired is used without a refresh', async () => {
      const manager = window();
      const record = await signedIn(manager);
      fixture.clock.now = record.expiresAt! - 120_000;
      assert.equal(await manager.getAccessToken(record.id), record.accessToken);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 0);
    });

    test('invalid_grant removes the session and reports it once', async () => {
      const manager = window();
      const record = await signedIn(manager);
      await tokenClientFor(fixture.server.authUrl, fixture.dispatcher).revoke(record.refreshToken!, 'refresh_token');
      const ended: SessionEnded[] = [];
      manager.onDidEndSession((event) => ended.push(event));
      expire(record);
      const results = await Promise.allSettled([manager.getAccessToken(record.id), manager.getAccessToken(record.id)]);
      for (const result of results) {
        assert.equal(result.status, 'rejected');
        assert.ok((result as PromiseRejectedResult).reason instanceof SessionEndedError);
      }
      assert.equal(ended.length, 1);
      assert.equal(ended[0]!.reason, 'refreshRejected');
      assert.deepEqual(await manager.list(), []);
      assert.equal(fixture.secrets.values.has(sessionsSecretKey), false);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 1, 'no retry loop');
    });

    test('a refresh that cannot reach the server keeps the session', async () => {
      const manager = fixture.window({ tokenClient: () => tokenClientFor('http://127.0.0.1:1', fixture.dispatcher) });
      const record = await signedIn(manager);
      expire(record);
      await assert.rejects(manager.getAccessToken(record.id), LucaroUnreachableError);
      assert.equal((await manager.list()).length, 1);
    });

    test('a 401 triggers one forced refresh; a rejected API token ends its session', async () => {
      const manager = window();
      const record = await signedIn(manager);
      const retried = await manager.handleUnauthorized(record.id, record.accessToken);
      assert.ok(retried && retried !== record.accessToken);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 1);

      const apiSession = await manager.add({
        id: 'api-1',
        kind: 'apiToken',
        server: { apiUrl: fixture.server.apiUrl, authUrl: fixture.server.authUrl },
        account: { id: 'usr_demo', label: 'Ada Lovelace' },
        accessToken: 'lct_revoked_token_value',
        scopes: ['read:projects'],
      });
      assert.equal(await manager.handleUnauthorized(apiSession.id, apiSession.accessToken), undefined);
      assert.ok(!(await manager.list()).some((session) => session.id === 'api-1'));
    });
  });

  describe('two windows over one store', () => {
    test('a window adopts the tokens another window rotated instead of spending a dead refresh token', async () => {
      const windowA = window();
      const record = await signedIn(windowA);
      const windowB = window();
      assert.equal((await windowB.list()).length, 1);
      expire(record);
      const tokenA = await windowA.getAccessToken(record.id);
      // Window B still holds the old pair in memory; its refresh must read the store first.
      const tokenB = await windowB.getAccessToken(record.id);
      assert.equal(tokenB, tokenA);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 1);
    });

    test('reloadFromStore reports what another window changed and writes nothing', async () => {
      const windowA = window();
      const windowB = window();
      await windowB.list();
      const changes: SessionsChange[] = [];
      windowB.onDidChangeSessions((change) => changes.push(change));
      const record = await signedIn(windowA);
      const writes = (fixture.secrets.writesByKey.get(sessionsSecretKey) ?? 0);
      await windowB.reloadFromStore();
      assert.deepEqual(changes.map((change) => change.added.map((added) => added.id)), [[record.id]]);
      await windowA.remove(record.id);
      await windowB.reloadFromStore();
      assert.deepEqual(changes[1]!.removed.map((removed) => removed.id), [record.id]);
      await windowB.reloadFromStore();
      assert.equal(changes.length, 2, 'no change, no event');
      assert.equal((fixture.secrets.writesByKey.get(sessionsSecretKey) ?? 0), writes + 1, 'only window A wrote (its removal)');
    });
  });

  describe('sign-out', () => {
    test('revokes both tokens at the server and deletes the record', async () => {
      const manager = window();
      const record = await signedIn(manager);
      await manager.remove(record.id);
      assert.equal(fixture.server.isTokenActive(record.accessToken), false);
      assert.equal(fixture.server.isTokenActive(record.refreshToken!), false);
      assert.equal(fixture.server.counters.revocations, 2);
      assert.deepEqual(await manager.list(), []);
    });

    test('deletes the local record even when revocation cannot reach the server', async () => {
      const manager = window();
      const record = await signedIn(manager);
      const offline = fixture.window({ tokenClient: () => tokenClientFor('http://127.0.0.1:1', fixture.dispatcher) });
      await offline.remove(record.id);
      assert.deepEqual(await offline.list(), []);
      assert.equal(fixture.secrets.values.has(sessionsSecretKey), false);
    });
  });

  describe('sessions belong to the Lucaro that issued them', () => {
    test('pointing the settings at another server hides the session and never sends its tokens there', async () => {
      let serverUrls = { apiUrl: fixture.server.apiUrl, authUrl: fixture.server.authUrl };
      const manager = fixture.window({ server: () => serverUrls });
      const record = await signedIn(manager);
      const changes: SessionsChange[] = [];
      manager.onDidChangeSessions((change) => changes.push(change));
      const previous = serverUrls;
      serverUrls = { apiUrl: 'https://api.staging.example', authUrl: 'https://auth.staging.example' };
      await manager.serverChanged(previous);
      assert.deepEqual(await manager.list(), []);
      assert.deepEqual(changes.map((change) => change.removed.map((removed) => removed.id)), [[record.id]]);
      expire(record);
      await assert.rejects(manager.getAccessToken(record.id), /no longer exists/);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 0, 'no refresh token went anywhere');
      assert.ok(fixture.secrets.values.get(sessionsSecretKey)?.includes(record.id), 'kept in storage for its own server');
      serverUrls = previous;
      await manager.serverChanged({ apiUrl: 'https://api.staging.example', authUrl: 'https://auth.staging.example' });
      assert.deepEqual((await manager.list()).map((session) => session.id), [record.id]);
    });
  });

  describe('storage failures', () => {
    test('a failed write keeps the session in memory and is reported, not turned into "signed out"', async () => {
      const manager = window();
      await manager.list();
      fixture.secrets.failWrites = true;
      const failures: unknown[] = [];
      manager.onDidFailToPersist((error) => failures.push(error));
      const record = await signedIn(manager);
      assert.equal(failures.length, 1);
      assert.deepEqual((await manager.list()).map((session) => session.id), [record.id]);
    });

    test('a failed read rejects instead of answering "no sessions"', async () => {
      fixture.secrets.failReads = true;
      const manager = window();
      await assert.rejects(manager.list(), /secret storage/);
      fixture.secrets.failReads = false;
      assert.deepEqual(await manager.list(), []);
    });
  });

  describe('secrets handed to the log redactor', () => {
    test('every token that enters the window: at load (all servers), add, refresh, reload', async () => {
      const windowA = window();
      const record = await signedIn(windowA);
      const elsewhere = { ...record, id: 'elsewhere', server: { apiUrl: 'https://api.other.example', authUrl: 'https://auth.other.example' }, accessToken: 'lco_other', refreshToken: 'lcr_other' };
      const document = JSON.parse(fixture.secrets.values.get(sessionsSecretKey)!);
      document.sessions.push(elsewhere);
      fixture.secrets.values.set(sessionsSecretKey, JSON.stringify(document));

      const windowB = window();
      const learned: string[] = [];
      windowB.onDidLearnSecrets((secrets) => learned.push(...secrets));
      await windowB.list();
      for (const token of [record.accessToken, record.refreshToken!, 'lco_other', 'lcr_other']) assert.ok(learned.includes(token), 'loaded');

      const added = await signedIn(windowB, ['read:projects']);
      assert.ok(learned.includes(added.accessToken) && learned.includes(added.refreshToken!), 'added');

      expire(record);
      const refreshedInA = await windowA.getAccessToken(record.id);
      await windowA.whenWritten();
      await windowB.reloadFromStore();
      assert.ok(learned.includes(refreshedInA), 'reloaded');

      fixture.clock.now += 7200_000;
      const refreshedInB = await windowB.getAccessToken(added.id);
      await windowB.whenWritten();
      assert.ok(learned.includes(refreshedInB), 'refreshed');
      const [stored] = (await windowB.list()).filter((session) => session.id === added.id);
      assert.ok(learned.includes(stored!.refreshToken!), 'the rotated refresh token too');
    });
  });
});
