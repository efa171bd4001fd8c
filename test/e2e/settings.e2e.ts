import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLucaroServer, type LucaroServer } from '../server';
import { startRawServer, type RawServer } from '../unit/http/local-server';
import { Workbench } from './pages/workbench';
import { demoAccount } from './pages/lucaro-data';
import { holdsFor } from './pages/wait';

/**
 * Issue 8 hole 1 in a real editor: an `lucaro.apiUrl` whose path starts with `//` once sent
 * `Bearer …` to the host after the slashes. Now the editor says once which setting is wrong,
 * and a sign-in sends nothing anywhere: not to the host the user reads, not to the other one.
 */
void describe('a wrong lucaro.apiUrl', { timeout: 300_000 }, () => {
  let lucaro: LucaroServer;
  let elsewhere: RawServer;
  let workbench: Workbench;

  before(async () => {
    lucaro = await startLucaroServer({ host: '::1' });
    elsewhere = await startRawServer((socket) => socket.destroy());
    const { port } = new URL(elsewhere.url);
    workbench = await Workbench.start({
      settings: { 'lucaro.apiUrl': `${lucaro.apiUrl}//127.0.0.1:${port}`, 'lucaro.authUrl': lucaro.authUrl },
    });
  });

  after(async () => {
    await workbench?.close();
    await elsewhere?.close();
    await lucaro?.close();
  });

  void test('shows one clear message naming the setting, and a sign-in sends nothing', async () => {
    const { notifications, signIn } = workbench;
    await workbench.views.show();
    const wording = /The setting lucaro\.apiUrl must be an https: URL with a plain path/;
    const toast = await notifications.waitFor(wording);
    await notifications.button(toast, 'Open Settings').waitFor();
    await holdsFor(async () => (await notifications.toasts(wording).count()) === 1, 'one message about the setting', 2000);
    await notifications.clearAll();

    await signIn.withApiToken(lucaro.apiTokens.all);
    await notifications.waitFor(wording);

    assert.equal(elsewhere.connections.opened, 0, 'nothing reached the host after the slashes');
    assert.equal(lucaro.counters.apiRequests, 0, 'nothing reached the Lucaro API either');
    assert.equal(lucaro.counters.tokenRequests.authorization_code + lucaro.counters.tokenRequests.refresh_token, 0);
    assert.equal(await workbench.accountsMenu.lists(demoAccount), false, 'nobody is signed in');
  });
});
