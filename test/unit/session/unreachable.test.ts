import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LucaroApiClient } from '../../../src/core/api/api-client';
import { silentLogger } from '../../../src/core/log/logger';
import { LucaroUnreachableError } from '../../../src/core/session/session-errors';
import type { SessionEnded, SessionManager } from '../../../src/core/session/session-manager';
import { sessionTokenSource } from '../../../src/core/session/session-token-source';
import { startFlakyGateway, type FlakyGateway, type GatewayFault } from '../../support/flaky-gateway';
import { tokenClientFor } from '../../support/oauth-session';
import { useSessionFixture } from './fixture';

describe('a flaky token endpoint is not a rejected token (hole 13)', () => {
  const fixture = useSessionFixture();
  let gateway: FlakyGateway;
  before(async () => {
    gateway = await startFlakyGateway(fixture.server.authUrl);
  });
  after(async () => {
    await gateway.close();
  });

  /** A window whose token requests pass a gateway in front of the issuing server. */
  function windowBehindGateway(): { manager: SessionManager; ended: SessionEnded[] } {
    const manager = fixture.window({
      tokenClient: () => tokenClientFor(gateway.url, fixture.dispatcher),
      timing: { refreshRetryDelaysMs: [20, 60], refreshAttemptTimeoutMs: 300, leaseSettleMs: 5, pollMs: 20 },
    });
    const ended: SessionEnded[] = [];
    manager.onDidEndSession((event) => ended.push(event));
    return { manager, ended };
  }

  for (const fault of ['bad-gateway', 'unavailable', 'reset', 'stall'] satisfies GatewayFault[]) {
    test(`two answers of "${fault}" are retried and the third attempt refreshes`, async () => {
      const { manager, ended } = windowBehindGateway();
      const record = await fixture.signedIn(manager);
      fixture.expire(record);
      gateway.failNext(2, fault);
      const token = await manager.getAccessToken(record.id);
      assert.notEqual(token, record.accessToken);
      assert.equal(fixture.server.counters.tokenRequests.refresh_token, 1);
      assert.deepEqual(ended, []);
    });
  }

  test('garbage from the token endpoint is retried too', async () => {
    const { manager } = windowBehindGateway();
    const record = await fixture.signedIn(manager);
    fixture.expire(record);
    fixture.server.malformNextToken(1, 'not-json');
    fixture.server.malformNextToken(1, 'no-access-token');
    assert.notEqual(await manager.getAccessToken(record.id), record.accessToken);
    assert.equal(fixture.server.counters.tokenRequests.refresh_token, 3);
  });

  test('a token endpoint that keeps failing: the session is kept and the caller reads "cannot be reached"', async () => {
    const { manager, ended } = windowBehindGateway();
    const record = await fixture.signedIn(manager);
    fixture.expire(record);
    gateway.failNext(3, 'bad-gateway');
    await assert.rejects(manager.getAccessToken(record.id), (error: unknown) => {
      assert.ok(error instanceof LucaroUnreachableError);
      assert.equal(error.reason, 'server-error');
      return true;
    });
    gateway.failNext(3, 'unavailable');
    await assert.rejects(manager.handleUnauthorized(record.id, record.accessToken), LucaroUnreachableError);
    assert.deepEqual((await manager.list()).map((session) => session.id), [record.id]);
    assert.deepEqual(ended, []);
    assert.ok(fixture.server.isTokenActive(record.refreshToken!), 'the refresh token was never spent');
    assert.notEqual(await manager.getAccessToken(record.id), record.accessToken, 'it works once Lucaro answers again');
  });

  test('an API call whose 401 meets a failing refresh reports "cannot be reached", not a rejected token', async () => {
    const { manager } = windowBehindGateway();
    const record = await fixture.signedIn(manager);
    const api = new LucaroApiClient({
      baseUrl: record.server.apiUrl,
      dispatcher: fixture.dispatcher,
      tokens: sessionTokenSource(manager, record.id),
      logger: silentLogger,
    });
    fixture.server.failNext(1, 401);
    gateway.failNext(3, 'bad-gateway');
    await assert.rejects(api.getMe(), LucaroUnreachableError);
    assert.equal((await manager.list()).length, 1);
  });
});
