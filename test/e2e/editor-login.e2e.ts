import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerWithoutSession, EditorLogin } from './pages/editor-login';
import { Workbench } from './pages/workbench';

/**
 * The editor the tests start is a terminal for whoever reaches its port: it lets in the
 * browser the harness logged in (Workbench.start) and no one else.
 */
void test('the test editor asks for its password: without the session a browser gets the login page, not the workbench', { timeout: 180_000 }, async () => {
  const workbench = await Workbench.start();
  try {
    const { server } = workbench;
    const workbenchUrl = server.workbenchUrl({ folder: workbench.folder });
    for (const url of [workbenchUrl, `${server.origin}/`]) {
      const answer = await answerWithoutSession(url);
      assert.equal(answer.status, 302, `${url} without the session`);
      assert.match(answer.location ?? '', /^\.?\/?login\b/, `${url} sends to the login page`);
    }
    assert.equal((await answerWithoutSession(`${server.origin}/healthz`)).status, 200, '/healthz stays open for the start-up wait');

    const stranger = await workbench.context.browser()!.newContext();
    try {
      const page = await stranger.newPage();
      await page.goto(workbenchUrl);
      const login = await new EditorLogin(page).shown();
      assert.equal(await page.locator('.monaco-workbench').count(), 0, 'no workbench without the password');
      await login.logIn(`${server.password}-not`);
      await login.error.waitFor({ state: 'visible' });
      assert.equal(await page.locator('.monaco-workbench').count(), 0, 'a wrong password does not let it in');
    } finally {
      await stranger.close();
    }
    // The harness's own window got in without a form.
    assert.equal(await workbench.page.locator('.monaco-workbench .part.activitybar').count(), 1);
  } finally {
    await workbench.close();
  }
});
