import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sessionsSecretKey } from '../../../src/core/session/session-store';
import { FaultySecretStore } from '../../support/faulty-secret-store';
import { fastTiming, useSessionFixture } from './fixture';

/** A keychain that refuses writes of the sessions document only (a size limit, say); leases still land. */
class RefusingSessionsStore extends FaultySecretStore {
  refuse = false;
  override store(key: string, value: string): Promise<void> {
    if (this.refuse && key === sessionsSecretKey) return Promise.reject(new Error('keychain refused the write'));
    return super.store(key, value);
  }
}

// Issue 19 item 2: reproduces the bug; marked todo until the fix lands (it fails on main).
describe('a rotated pair one window could not store (issue 19 item 2)', () => {
  const fixture = useSessionFixture();

  test('is not thrown away by another window that spends the old refresh token', { todo: 'issue 19 item 2: fix not landed yet' }, async () => {
    const secrets = new RefusingSessionsStore();
    fixture.secrets = secrets;
    const timing = { ...fastTiming, leaseTtlMs: 300 };
    const windowA = fixture.window({ timing });
    const record = await fixture.signedIn(windowA);
    const windowB = fixture.window({ timing });
    await windowB.list();
    secrets.onDidChange((key) => {
      if (key !== sessionsSecretKey) return;
      void windowA.reloadFromStore();
      void windowB.reloadFromStore();
    });

    secrets.refuse = true;
    fixture.expire(record);
    const tokenA = await windowA.getAccessToken(record.id);
    await windowA.whenWritten();
    assert.notEqual(tokenA, record.accessToken);

    // The keychain works again; window B's tokens (the old pair) have expired too.
    secrets.refuse = false;
    const tokenB = await windowB.getAccessToken(record.id).catch((error: unknown) => error);
    await windowA.whenWritten();
    await windowB.whenWritten();

    assert.equal(fixture.server.counters.refreshTokenReuse, 0, 'the refresh token A spent is never spent again');
    const held = (await windowA.list()).find((session) => session.id === record.id);
    assert.equal(held?.accessToken, tokenA, 'A still holds its pair');
    const me = await fetch(`${fixture.server.apiUrl}/v2/me`, { headers: { authorization: `Bearer ${tokenA}` } });
    assert.equal(me.status, 200, "A's token works at the server");
    assert.equal(JSON.parse(secrets.values.get(sessionsSecretKey)!).sessions[0].accessToken, tokenA, "A's pair is stored");
    assert.equal(tokenB, tokenA, 'B adopted A\'s pair');
  });
});
