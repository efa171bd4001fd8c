import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workbench } from './pages/workbench';

void test('signed out, the Lucaro sidebar invites to sign in', { timeout: 180_000 }, async () => {
  const workbench = await Workbench.start();
  try {
    const sidebar = await workbench.views.show();
    await workbench.views.welcome.waitFor({ state: 'visible' });
    const signIn = sidebar.getByRole('button', { name: 'Sign In' }).first();
    await signIn.waitFor({ state: 'visible' });
    assert.equal(await signIn.isEnabled(), true);
    await workbench.screenshot('sidebar-signed-out');
  } finally {
    await workbench.close();
  }
});
