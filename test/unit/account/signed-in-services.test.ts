import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignedInServices } from '../../../src/account/signed-in-services';
import { CancelledError } from '../../../src/core/http/errors';
import { silentLogger } from '../../../src/core/log/logger';
import { SessionManager } from '../../../src/core/session/session-manager';
import type { SessionRecord } from '../../../src/core/session/session-record';
import { SessionStore } from '../../../src/core/session/session-store';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { useLocalLucaro } from '../../support/local-lucaro';
import { tokenClientFor } from '../../support/oauth-session';

describe('SignedInServices against the local Lucaro server', () => {
  let sessions: SessionManager;
  let record: SessionRecord;

  after(() => sessions.dispose());
  const local = useLocalLucaro({ projects: 5 });
  before(async () => {
    const { server, dispatcher } = local;
    const lucaro = { apiUrl: server.apiUrl, authUrl: server.authUrl };
    sessions = new SessionManager({
      store: new SessionStore(new MemorySecretStore()),
      tokenClient: () => tokenClientFor(server.authUrl, dispatcher),
      confirmToken: () => Promise.resolve('unknown'),
      logger: silentLogger,
      server: () => lucaro,
    });
    record = await sessions.add({
      id: 'ses_test',
      kind: 'apiToken',
      server: lucaro,
      account: { id: 'usr_demo', label: 'Ada Lovelace' },
      accessToken: server.apiTokens.all,
      scopes: ['read:projects', 'read:dashboards', 'read:metrics'],
    });
  });

  function services(): SignedInServices {
    return new SignedInServices(record, { sessions, dispatcher: local.dispatcher, logger: silentLogger });
  }

  test('retire() cancels a request in flight and resolves only once it has settled, then disposes', async () => {
    const signedIn = services();
    local.server.configure({ latencyMs: 300 });
    try {
      const order: string[] = [];
      const loading = signedIn.catalog.projects.load().then(() => order.push('request settled'));
      const ownCall = signedIn.run((api, signal) => api.getProject('prj_x', { signal })).catch((error: unknown) => {
        order.push('call settled');
        return error;
      });
      let changes = 0;
      signedIn.catalog.onDidChange(() => changes++);
      await signedIn.retire();
      order.push('retired');
      await loading;
      assert.deepEqual(order.slice(-1), ['retired'], `retire() resolved last: ${order.join(', ')}`);
      assert.ok((await ownCall) instanceof CancelledError, 'a command\'s call is cancelled too');
      const state = signedIn.catalog.projects.state;
      assert.ok(state.status === 'error' && state.error instanceof CancelledError);
      // Disposed: nothing it holds reports to anyone any more.
      const before = changes;
      await signedIn.catalog.projects.reload();
      assert.equal(changes, before, 'a disposed catalog fires nothing');
    } finally {
      local.server.configure({ latencyMs: 0 });
    }
  });

  test('while in use, requests go through and rate-limit budgets are reported', async () => {
    const signedIn = services();
    const budgets: number[] = [];
    signedIn.onDidSeeRateLimit((info) => budgets.push(info.remaining));
    await signedIn.catalog.projects.load();
    const state = signedIn.catalog.projects.state;
    assert.ok(state.status === 'loaded' && state.items.length === 5);
    const project = await signedIn.run((api, signal) => api.getProject(state.items[0]!.id, { signal }));
    assert.equal(project.id, state.items[0]!.id);
    assert.equal(budgets.length, 2);
    await signedIn.retire();
  });
});
