import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenSetFromResponse } from '../../../src/core/auth/token-set';
import type { SessionEnded, SessionManager } from '../../../src/core/session/session-manager';
import type { SessionRecord } from '../../../src/core/session/session-record';
import { SessionStore, sessionsSecretKey } from '../../../src/core/session/session-store';
import { tokenClientFor } from '../../support/oauth-session';
import { useSessionFixture } from './fixture';

describe('two windows refreshing one session (hole 2)', () => {
  const fixture = useSessionFixture({ latencyMs: [0, 50], seed: 7 });

  function endings(...managers: SessionManager[]): SessionEnded[] {
    const ended: SessionEnded[] = [];
    for (const manager of managers) manager.onDidEndSession((event) => ended.push(event));
    return ended;
  }

  test('tokens expiring in both windows at once are refreshed once, under one lease', async () => {
    const windowA = fixture.window();
    let record = await fixture.signedIn(windowA);
    const windowB = fixture.window();
    await windowB.list();
    const ended = endings(windowA, windowB);
    for (let round = 0; round < 5; round++) {
      fixture.expire(record);
      const tokens = await Promise.all([
        windowA.getAccessToken(record.id),
        windowB.getAccessToken(record.id),
        windowB.handleUnauthorized(record.id, record.accessToken),
        windowA.getAccessToken(record.id),
      ]);
      assert.equal(new Set(tokens).size, 1, `round ${round}: both windows use one new token`);
      [record] = (await windowA.list()) as SessionRecord[];
      assert.equal(record!.accessToken, tokens[0]);
    }
    assert.equal(fixture.server.counters.tokenRequests.refresh_token, 5, 'one refresh per expiry');
    assert.equal(fixture.server.counters.refreshTokenReuse, 0);
    assert.deepEqual(ended, []);
    assert.equal(fixture.server.isTokenActive(record.refreshToken!), true);
  });

  test('after invalid_grant a window waits for the new pair another window is still writing', async () => {
    const windowA = fixture.window();
    const record = await fixture.signedIn(windowA);
    const ended = endings(windowA);
    // Another window (an older release, without the lease) spent the refresh token; its write is slow.
    fixture.server.configure({ accessTokenLifetimeSeconds: 7200 });
    const response = await tokenClientFor(fixture.server.authUrl, fixture.dispatcher).refresh(record.refreshToken!);
    const tokens = tokenSetFromResponse(response, Date.now(), record.scopes, record.refreshToken);
    const rotated: SessionRecord = { ...record, ...tokens, scopes: [...tokens.scopes] };
    fixture.secrets.slowNextWrites(1, 400, sessionsSecretKey);
    const otherStore = new SessionStore(fixture.secrets);
    const otherWrite = otherStore.read().then((basis) => otherStore.write([rotated], basis));

    fixture.expire(record);
    const token = await windowA.getAccessToken(record.id).catch((error: unknown) => error);
    await otherWrite;
    assert.equal(token, rotated.accessToken, 'adopted the other window\'s tokens');
    assert.deepEqual(ended, [], 'nobody was signed out');
    assert.equal(JSON.parse(fixture.secrets.values.get(sessionsSecretKey)!).sessions[0].refreshToken, rotated.refreshToken);
  });

  test('a refresh token rejected for good still ends the session, once, after the bounded wait', async () => {
    const windowA = fixture.window();
    const record = await fixture.signedIn(windowA);
    const windowB = fixture.window();
    await windowB.list();
    const ended = endings(windowA, windowB);
    fixture.server.revokeAllTokens();
    fixture.expire(record);
    const started = Date.now();
    const results = await Promise.allSettled([windowA.getAccessToken(record.id), windowB.getAccessToken(record.id)]);
    assert.ok(results.every((result) => result.status === 'rejected'));
    assert.ok(Date.now() - started < 5_000, 'the wait is bounded');
    assert.equal(fixture.secrets.values.has(sessionsSecretKey), false);
    assert.ok(ended.length >= 1 && ended.length <= 2, 'each window tells its user at most once');
    assert.ok(ended.every((event) => event.reason === 'refreshRejected'));
  });
});
