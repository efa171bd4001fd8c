import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { openLucaroSidebar, screenshot, startEditorWithExtension } from './workbench';

void test('signed out, the Lucaro sidebar invites to sign in', { timeout: 180_000 }, async () => {
  const editor = await startEditorWithExtension();
  try {
    const sidebar = await openLucaroSidebar(editor.page);
    const welcome = sidebar.getByText('Sign in to Lucaro to browse your projects, dashboards and metrics.');
    await welcome.waitFor({ state: 'visible' });
    const signIn = sidebar.getByRole('button', { name: 'Sign In' }).first();
    await signIn.waitFor({ state: 'visible' });
    assert.equal(await signIn.isEnabled(), true);
    await screenshot(editor.page, 'sidebar-signed-out');
  } finally {
    await editor.close();
  }
});
