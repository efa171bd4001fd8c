import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Agent } from 'undici';
import { SessionEndedError } from '../../../src/core/session/session-errors';
import { SessionManager, type SessionEnded, type SessionsChange } from '../../../src/core/session/session-manager';
import type { SessionRecord } from '../../../src/core/session/session-record';
import { SessionStore, sessionsSecretKey } from '../../../src/core/session/session-store';
import { startLucaroServer, type LucaroServer } from '../../server/index';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { signInThroughConsent, tokenClientFor } from '../../support/oauth-session';

const scopes = ['read:projects', 'read:dashboards'];

describe('SessionManager against the local Lucaro server', () => {
  let server: LucaroServer;
  let dispatcher: Agent;
  let secrets: MemorySecretStore;
  let clock: { now: number };

  before(async () => {
    server = await startLucaroServer();
    dispatcher = new Agent();
  });
  after(async () => {
    await dispatcher.close();
    await server.close();
  });
  beforeEach(() => {
    secrets = new MemorySecretStore();
    clock = { now: Date.now() };
    server.configure({ accessTokenLifetimeSeconds: 3600 });
    server.resetCounters();
  });

  /** One editor window: its own manager over the shared secret store. */
  function window(options: { realClock?: boolean } = {}): SessionManager {
    return new SessionManager({
      store: new SessionStore(secrets),
      tokenClient: () => tokenClientFor(server.authUrl, dispatcher),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
      server: () => ({ apiUrl: server.apiUrl, authUrl: server.authUrl }),
      now: options.realClock ? Date.now : () => clock.now,
    });
  }

  async function signedIn(manager: SessionManager, grant = scopes): Promise<SessionRecord> {
    return manager.add(await signInThroughConsent(server, dispatcher, { scopes, grant }));
  }

  function expire(record: SessionRecord): void {
    clock.now = record.expiresAt! + 1;
  }

  describe('sign-in', () => {
    test('stores the granted scopes, which can be fewer than requested', async () => {
      const manager = window();
      const record = await signedIn(manager, ['read:projects']);
      assert.deepEqual(record.scopes, ['read:projects']);
      assert.equal(record.account.id, 'usr_demo');
      assert.equal(record.account.label, 'Ada Lovelace');
      const stored = JSON.parse(secrets.values.get(sessionsSecretKey)!);
      assert.equal(stored.sessions[0].refreshToken, record.refreshToken);
    });
  });

  describe('refresh', () => {
    test('a 2-second access token is refreshed before use and the refresh token rotates', async () => {
      server.configure({ accessTokenLifetimeSeconds: 2 });
      const manager = window({ realClock: true });
      const first = await signedIn(manager);
      assert.equal(await manager.getAccessToken(first.id), first.accessToken);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const token = await manager.getAccessToken(first.id);
      assert.notEqual(token, first.accessToken);
      assert.equal(server.counters.tokenRequests.refresh_token, 1);
      assert.equal(server.isTokenActive(first.refreshToken!), false, 'the spent refresh token is dead');
      const [stored] = JSON.parse(secrets.values.get(sessionsSecretKey)!).sessions;
      assert.equal(stored.accessToken, token, 'the new pair is stored');
      assert.notEqual(stored.refreshToken, first.refreshToken);
      assert.equal(server.counters.expiredTokenRequests, 0);
    });

    test('50 concurrent callers at expiry cause exactly one refresh', async () => {
      const manager = window();
      const record = await signedIn(manager);
      expire(record);
      const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getAccessToken(record.id)));
      assert.equal(new Set(tokens).size, 1);
      assert.notEqual(tokens[0], record.accessToken);
      assert.equal(server.counters.tokenRequests.refresh_token, 1);
    });

    test('a token that is not yet expired is used without a refresh', async () => {
      const manager = window();
      const record = await signedIn(manager);
      clock.now = record.expiresAt! - 120_000;
      assert.equal(await manager.getAccessToken(record.id), record.accessToken);
      assert.equal(server.counters.tokenRequests.refresh_token, 0);
    });

    test('invalid_grant removes the session and reports it once', async () => {
      const manager = window();
      const record = await signedIn(manager);
      await tokenClientFor(server.authUrl, dispatcher).revoke(record.refreshToken!, 'refresh_token');
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
      assert.equal(secrets.values.has(sessionsSecretKey), false);
      assert.equal(server.counters.tokenRequests.refresh_token, 1, 'no retry loop');
    });

    test('a refresh that cannot reach the server keeps the session', async () => {
      const manager = new SessionManager({
        store: new SessionStore(secrets),
        tokenClient: () => tokenClientFor('http://127.0.0.1:1', dispatcher),
        logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
        server: () => ({ apiUrl: server.apiUrl, authUrl: server.authUrl }),
        now: () => clock.now,
      });
      const record = await signedIn(manager);
      expire(record);
      await assert.rejects(manager.getAccessToken(record.id), /could not be reached/);
      assert.equal((await manager.list()).length, 1);
    });

    test('a 401 triggers one forced refresh; a rejected API token ends its session', async () => {
      const manager = window();
      const record = await signedIn(manager);
      const retried = await manager.handleUnauthorized(record.id, record.accessToken);
      assert.ok(retried && retried !== record.accessToken);
      assert.equal(server.counters.tokenRequests.refresh_token, 1);

      const apiSession = await manager.add({
        id: 'api-1',
        kind: 'apiToken',
        server: { apiUrl: server.apiUrl, authUrl: server.authUrl },
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
      assert.equal(server.counters.tokenRequests.refresh_token, 1);
    });

    test('reloadFromStore reports what another window changed and writes nothing', async () => {
      const windowA = window();
      const windowB = window();
      await windowB.list();
      const changes: SessionsChange[] = [];
      windowB.onDidChangeSessions((change) => changes.push(change));
      const record = await signedIn(windowA);
      const writes = secrets.writes;
      await windowB.reloadFromStore();
      assert.deepEqual(changes.map((change) => change.added.map((added) => added.id)), [[record.id]]);
      await windowA.remove(record.id);
      await windowB.reloadFromStore();
      assert.deepEqual(changes[1]!.removed.map((removed) => removed.id), [record.id]);
      await windowB.reloadFromStore();
      assert.equal(changes.length, 2, 'no change, no event');
      assert.equal(secrets.writes, writes + 1, 'only window A wrote (its removal)');
    });
  });

  describe('sign-out', () => {
    test('revokes both tokens at the server and deletes the record', async () => {
      const manager = window();
      const record = await signedIn(manager);
      await manager.remove(record.id);
      assert.equal(server.isTokenActive(record.accessToken), false);
      assert.equal(server.isTokenActive(record.refreshToken!), false);
      assert.equal(server.counters.revocations, 2);
      assert.deepEqual(await manager.list(), []);
    });

    test('deletes the local record even when revocation cannot reach the server', async () => {
      const manager = window();
      const record = await signedIn(manager);
      const offline = new SessionManager({
        store: new SessionStore(secrets),
        tokenClient: () => tokenClientFor('http://127.0.0.1:1', dispatcher),
        logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
        server: () => ({ apiUrl: server.apiUrl, authUrl: server.authUrl }),
      });
      await offline.remove(record.id);
      assert.deepEqual(await offline.list(), []);
      assert.equal(secrets.values.has(sessionsSecretKey), false);
    });
  });

  describe('sessions belong to the Lucaro that issued them', () => {
    test('pointing the settings at another server hides the session and never sends its tokens there', async () => {
      let serverUrls = { apiUrl: server.apiUrl, authUrl: server.authUrl };
      const manager = new SessionManager({
        store: new SessionStore(secrets),
        tokenClient: () => tokenClientFor(serverUrls.authUrl, dispatcher),
        logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
        server: () => serverUrls,
        now: () => clock.now,
      });
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
      assert.equal(server.counters.tokenRequests.refresh_token, 0, 'no refresh token went anywhere');
      assert.ok(secrets.values.get(sessionsSecretKey)?.includes(record.id), 'kept in storage for its own server');
      serverUrls = previous;
      await manager.serverChanged({ apiUrl: 'https://api.staging.example', authUrl: 'https://auth.staging.example' });
      assert.deepEqual((await manager.list()).map((session) => session.id), [record.id]);
    });
  });

  describe('storage failures', () => {
    test('a failed write keeps the session in memory and is reported, not turned into "signed out"', async () => {
      const manager = window();
      await manager.list();
      secrets.failWrites = true;
      const failures: unknown[] = [];
      manager.onDidFailToPersist((error) => failures.push(error));
      const record = await signedIn(manager);
      assert.equal(failures.length, 1);
      assert.deepEqual((await manager.list()).map((session) => session.id), [record.id]);
    });

    test('a failed read rejects instead of answering "no sessions"', async () => {
      secrets.failReads = true;
      const manager = window();
      await assert.rejects(manager.list(), /secret storage/);
      secrets.failReads = false;
      assert.deepEqual(await manager.list(), []);
    });

    test('an unreadable stored entry drops only that account, with one notice', async () => {
      const manager = window();
      const record = await signedIn(manager);
      const document = JSON.parse(secrets.values.get(sessionsSecretKey)!);
      document.sessions.push({ id: 'broken', kind: 'oauth' });
      secrets.values.set(sessionsSecretKey, JSON.stringify(document));
      const fresh = window();
      const dropped: number[] = [];
      fresh.onDidDropUnreadableSessions((count) => dropped.push(count));
      assert.deepEqual((await fresh.list()).map((session) => session.id), [record.id]);
      assert.deepEqual(dropped, [1]);
    });
  });
});

