import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { LucaroServer } from '../server/index';
import {
  accountsMenuEntries,
  answerConsent,
  clearNotifications,
  countOccurrences,
  demoAccount,
  logFiles,
  lucaroSettings,
  pickBrowserSignIn,
  readAuthorizationRequest,
  readLucaroLog,
  showLucaroSidebar,
  signInScopes,
  signInWithApiToken,
  signOutFromPalette,
  startLocalLucaro,
  startSignIn,
  statusBarAccount,
  statusBarTooltip,
  tooltipPermissions,
  treeRow,
  waitForAccountInMenu,
  waitForSignInQuickPick,
  waitUntil,
  waitForLogLine,
  waitForToast,
} from './sign-in-support';
import { startEditorWithExtension, type EditorSession } from './workbench';

/**
 * Issue 3 in a real editor, second part: the loopback redirect (`lucaro.oauth.redirect:
 * loopback`, RFC 8252), callbacks that must be ignored, every way a sign-in can fail
 * (each stores nothing), and API tokens. One editor for all, in order.
 */
void describe('browser sign-in through a loopback redirect, failures, API tokens', { timeout: 600_000 }, () => {
  let lucaro: LucaroServer;
  let editor: EditorSession;
  let firstCallback: URL | undefined;

  before(async () => {
    lucaro = await startLocalLucaro();
    editor = await startEditorWithExtension({ settings: lucaroSettings(lucaro, { 'lucaro.oauth.redirect': 'loopback' }) });
    await showLucaroSidebar(editor.page);
  });

  after(async () => {
    await editor?.close();
    await lucaro?.close();
  });

  const signedIn = async (page: Page) => (await accountsMenuEntries(page)).includes(`${demoAccount} (Lucaro)`);

  /** Starts a browser sign-in from the palette; answers the consent popup and what the extension asked for. */
  async function browserRound(): Promise<{ popup: Page; redirectUri: string; state: string }> {
    await startSignIn(editor.page, 'palette');
    const popup = await pickBrowserSignIn(editor);
    const { redirectUri, state } = readAuthorizationRequest(popup);
    return { popup, redirectUri, state };
  }

  void test('loopback route: consent with read:dashboards unticked, the tab says it can be closed, signed in', async () => {
    const { page, context } = editor;
    await startSignIn(page, 'accountsMenu');
    const popup = await pickBrowserSignIn(editor);
    const request = readAuthorizationRequest(popup);
    assert.match(request.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/, 'a loopback redirect on a random port');
    assert.deepEqual([...request.scopes].sort(), [...signInScopes].sort());

    const landed = await answerConsent(popup, { untick: ['read:dashboards'] });
    firstCallback = new URL(landed.url());
    assert.equal(`${firstCallback.origin}${firstCallback.pathname}`, request.redirectUri);
    assert.equal(await landed.locator('#title').innerText(), 'Signed in to Lucaro');
    assert.equal(await landed.locator('#message').innerText(), 'You can close this tab and return to the editor.');
    await popup.close();

    await waitForAccountInMenu(page, demoAccount);
    await statusBarAccount(page).waitFor();
    assert.deepEqual(tooltipPermissions(await statusBarTooltip(page)), signInScopes.filter((s) => s !== 'read:dashboards').sort());
    assert.equal(lucaro.counters.tokenRequests.authorization_code, 1);

    // The loopback server lived for that one sign-in: the same callback again finds nobody.
    const again = await context.newPage();
    await assert.rejects(again.goto(firstCallback.toString()), /ERR_CONNECTION_REFUSED/);
    await again.close();
    assert.equal(lucaro.counters.tokenRequests.authorization_code, 1);

    await signOutFromPalette(page);
  });

  void test('callbacks with a missing, wrong or replayed state are refused; the real one still signs in', async () => {
    const { page, context } = editor;
    assert.ok(firstCallback, 'needs the first sign-in');
    const codeExchanges = lucaro.counters.tokenRequests.authorization_code;
    const { popup, redirectUri } = await browserRound();

    const notPending = 'Ignored a sign-in callback whose state is not pending';
    // Codes use all of VSCHAR (& # % space...): they go back into a query encoded.
    const usedCode = encodeURIComponent(firstCallback.searchParams.get('code')!);
    const cases = [
      { query: `code=${usedCode}`, log: 'Ignored a sign-in callback: missingState.' },
      { query: `code=${usedCode}&state=${randomBytes(32).toString('base64url')}`, log: notPending },
      { query: firstCallback.search.slice(1), log: notPending },
    ];
    for (const item of cases) {
      const seenBefore = countOccurrences(readLucaroLog(editor), item.log);
      const tab = await context.newPage();
      const response = await tab.goto(`${redirectUri}?${item.query}`);
      assert.equal(response?.status(), 400);
      assert.equal(await tab.locator('#title').innerText(), 'Sign-in link expired');
      await waitForLogLine(editor, item.log, seenBefore + 1);
      await tab.close();
    }
    assert.equal(lucaro.counters.tokenRequests.authorization_code, codeExchanges, 'nothing was exchanged');
    assert.equal(await signedIn(page), false, 'nothing was stored');

    const landed = await answerConsent(popup);
    assert.equal(await landed.locator('#title').innerText(), 'Signed in to Lucaro');
    await popup.close();
    await waitForAccountInMenu(page, demoAccount);
    assert.equal(lucaro.counters.tokenRequests.authorization_code, codeExchanges + 1);
    await signOutFromPalette(page);
  });

  void test('Deny on the consent page: a clear message, nothing stored', async () => {
    const { page } = editor;
    const { popup } = await browserRound();
    const landed = await answerConsent(popup, { action: 'deny' });
    assert.equal(await landed.locator('#title').innerText(), 'Sign-in not completed');
    await popup.close();
    const toast = await waitForToast(page, 'Sign-in was denied in the browser. Sign in again to grant access.');
    await toast.locator('.monaco-button', { hasText: /^Show Log$/ }).waitFor();
    assert.equal(await signedIn(page), false);
    await clearNotifications(page);
  });

  for (const fault of ['not-json', 'no-access-token'] as const) {
    void test(`a token response that is ${fault === 'not-json' ? 'not JSON' : 'JSON without access_token'}: a clear message, nothing stored`, async () => {
      const { page } = editor;
      const failed = lucaro.counters.tokenRequests.failed;
      const logged = countOccurrences(readLucaroLog(editor), 'Sign-in failed: MalformedTokenResponseError');
      const { popup } = await browserRound();
      lucaro.malformNextToken(1, fault);
      await answerConsent(popup);
      await popup.close();
      await waitForToast(page, 'The Lucaro sign-in server sent an unusable answer. Try again later; the log has details.');
      assert.equal(lucaro.counters.tokenRequests.failed, failed + 1, 'the fault was served');
      await waitForLogLine(editor, 'Sign-in failed: MalformedTokenResponseError', logged + 1);
      assert.equal(await signedIn(page), false);
      await clearNotifications(page);
    });
  }

  void test('GET /v2/me failing during sign-in: a clear message, nothing stored', async () => {
    const { page } = editor;
    const { popup } = await browserRound();
    const meCalls = lucaro.counters.requestsByPath['GET /v2/me'] ?? 0;
    lucaro.failNext(4, 500);
    await answerConsent(popup);
    await popup.close();
    await waitForToast(page, 'The Lucaro API had a problem (HTTP 500). Try again in a moment.');
    assert.equal((lucaro.counters.requestsByPath['GET /v2/me'] ?? 0) - meCalls, 4, 'one try and three retries, all failed');
    assert.equal(await signedIn(page), false);
    await clearNotifications(page);
  });

  void test('after all those failures a reloaded window is still signed out: nothing was persisted', async () => {
    const { page } = editor;
    await page.reload();
    await showLucaroSidebar(page);
    await page.locator('.part.sidebar').getByText('Sign in to Lucaro to browse your projects, dashboards and metrics.').first().waitFor();
    await waitForAccountInMenu(page, demoAccount, false);
    assert.equal(await statusBarAccount(page).count(), 0);
  });

  void test('API token: a bad token is refused; one lacking a requested scope is refused naming it; good ones sign in', async () => {
    const { page } = editor;
    const badToken = `lct_${randomBytes(24).toString('base64url')}`;
    await startSignIn(page, 'palette');
    await signInWithApiToken(page, badToken);
    await waitForToast(page, 'Lucaro did not accept the token: it is invalid, expired or revoked. Sign in again.');
    assert.equal(await signedIn(page), false);
    await clearNotifications(page);

    // "Sign In" asks for no particular scope: a narrow token signs in, and the UI follows its scopes.
    const metricsOnly = lucaro.addApiToken(['read:metrics']);
    await startSignIn(page, 'palette');
    await signInWithApiToken(page, metricsOnly);
    await statusBarAccount(page).waitFor();
    assert.deepEqual(tooltipPermissions(await statusBarTooltip(page)), ['read:metrics']);

    // Granting read:projects requests it: the same token lacks it and is refused, naming it.
    const sidebar = await showLucaroSidebar(page);
    await treeRow(sidebar, 'Grant access to projects').first().click();
    await waitForSignInQuickPick(page);
    await signInWithApiToken(page, metricsOnly);
    await waitForToast(
      page,
      'The API token lacks these scopes: read:projects. Create a token with them in Lucaro (Settings > API Tokens).',
    );
    assert.deepEqual(tooltipPermissions(await statusBarTooltip(page)), ['read:metrics'], 'the session is unchanged');
    await clearNotifications(page);

    // A token with everything replaces the narrow session of the same account.
    await treeRow(sidebar, 'Grant access to projects').first().click();
    await waitForSignInQuickPick(page);
    await signInWithApiToken(page, lucaro.apiTokens.all);
    await waitForAccountInMenu(page, demoAccount);
    await waitUntil('the status bar to show the new scopes', async () =>
      tooltipPermissions(await statusBarTooltip(page)).length === 6,
    );
    assert.deepEqual(
      tooltipPermissions(await statusBarTooltip(page)),
      ['read:dashboards', 'read:metrics', 'read:projects', 'write:dashboards', 'write:metrics', 'write:projects'],
      'the scopes X-OAuth-Scopes reported for the token',
    );
    assert.equal(await treeRow(sidebar, 'Grant access to projects').count(), 0);

    const log = readLucaroLog(editor);
    assert.ok(log.includes(`Signed in to Lucaro with an API token as ${demoAccount}`));
    const secrets = [
      badToken,
      metricsOnly,
      lucaro.apiTokens.all,
      ...Object.values(lucaro.secretsSeen()).flat(),
    ];
    for (const file of logFiles(editor)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [index, secret] of secrets.entries()) {
        assert.ok(!text.includes(secret), `secret #${index} is in ${path.relative(editor.server.userDataDir, file)}`);
      }
    }
  });
});
