import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LucaroApiClient } from '../../../src/core/api/api-client';
import { UnauthorizedError } from '../../../src/core/http/errors';
import { silentLogger } from '../../../src/core/log/logger';
import { LucaroUnreachableError, UnconfirmedRejectionError } from '../../../src/core/session/session-errors';
import type { SessionEnded, SessionManager } from '../../../src/core/session/session-manager';
import type { SessionRecord } from '../../../src/core/session/session-record';
import { sessionTokenSource } from '../../../src/core/session/session-token-source';
import { confirmTokenWithIdentity } from '../../../src/core/session/token-confirmation';
import { tokenClientFor } from '../../support/oauth-session';
import { useSessionFixture } from './fixture';

describe('a 401 on an API-token session (hole 12)', () => {
  const fixture = useSessionFixture();

  async function apiSession(manager: SessionManager): Promise<{ record: SessionRecord; api: LucaroApiClient; ended: SessionEnded[] }> {
    const record = await manager.add(fixture.apiTokenSession(fixture.server.addApiToken(['read:projects'])));
    const api = new LucaroApiClient({
      baseUrl: record.server.apiUrl,
      dispatcher: fixture.dispatcher,
      tokens: sessionTokenSource(manager, record.id),
      logger: silentLogger,
    });
    const ended: SessionEnded[] = [];
    manager.onDidEndSession((event) => ended.push(event));
    return { record, api, ended };
  }

  test('one refusal of a valid token keeps the session and says so', async () => {
    const manager = fixture.window();
    const { record, api, ended } = await apiSession(manager);
    fixture.server.failNext(1, 401);
    await assert.rejects(api.getMe(), UnconfirmedRejectionError);
    assert.deepEqual((await manager.list()).map((session) => session.id), [record.id]);
    assert.deepEqual(ended, []);
    assert.equal(fixture.server.counters.requestsByPath['GET /v2/me'], 2, 'the refused call, then one confirming /v2/me');
    assert.equal((await api.getMe()).user.id, 'usr_demo', 'the next call works');
  });

  test('a token /v2/me refuses too ends the session, once', async () => {
    const manager = fixture.window();
    const { record, api, ended } = await apiSession(manager);
    await tokenClientFor(fixture.server.authUrl, fixture.dispatcher).revoke(record.accessToken, 'access_token');
    const results = await Promise.allSettled([api.getMe(), api.getMe()]);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.ok((result as PromiseRejectedResult).reason instanceof UnauthorizedError);
    }
    assert.deepEqual(await manager.list(), []);
    assert.deepEqual(ended.map((event) => event.reason), ['tokenRejected']);
  });

  test('when /v2/me gives no answer the session is kept and the caller reads "cannot be reached"', async () => {
    const manager = fixture.window({ confirmToken: confirmTokenWithIdentity(fixture.dispatcher, silentLogger, 100) });
    const { record, api, ended } = await apiSession(manager);
    fixture.server.failNext(1, 401);
    const calling = api.getMe();
    // Every check that follows the refusal outlasts its 100 ms deadline.
    fixture.server.configure({ latencyMs: 300 });
    await assert.rejects(calling, LucaroUnreachableError);
    assert.deepEqual((await manager.list()).map((session) => session.id), [record.id]);
    assert.deepEqual(ended, []);
  });
});
