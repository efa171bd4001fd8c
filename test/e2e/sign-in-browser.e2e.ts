import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { alsoInWebWorker, extensionHostUnderTest, useLucaroEditor } from './pages/fixture';
import { AccountsMenu } from './pages/accounts-menu';
import { assertShowsServerValues, DashboardTab } from './pages/dashboard-tab';
import { allServerProjects, demoAccount, requestsTo, serverDashboards, signInScopes } from './pages/lucaro-data';
import { packageTestExtension, proposalProbe, removePackagedTestExtension } from './pages/test-extension';
import { holdsFor, waitUntil } from './pages/wait';

/**
 * Issue 3 in a real editor (code-server + Chromium), browser sign-in through the editor's
 * URI handler (`lucaro.oauth.redirect: auto`, which in a browser-based editor is the
 * `asExternalUri` form of `code-oss://lucaro.lucaro/auth/callback`). One editor for the
 * file; each test starts signed out and signs in as it needs: sign-in, reload, second
 * window, sign-out, bad callbacks, refresh, invalid_grant, and what the logs hold.
 */
void describe('browser sign-in through the URI handler', { timeout: 900_000 }, () => {
  /** Set with "Lucaro: Set OAuth Client Secret", so every token request carries it. */
  const clientSecret = `e2e-client-secret-${randomBytes(12).toString('hex')}`;
  const withoutDashboards = signInScopes.filter((scope) => scope !== 'read:dashboards').sort();
  const accountEntry = AccountsMenu.entry(demoAccount);
  const probe = packageTestExtension(proposalProbe.folder);
  after(() => removePackagedTestExtension(probe));

  const editor = useLucaroEditor({
    otherExtensions: [probe],
    async setUp({ workbench }) {
      await workbench.views.waitSignedOut();
      // Debug lines too (every token and API request), so the log test reads more.
      await workbench.log.setLucaroLevel('Trace');
      await workbench.palette.run('Lucaro: Set OAuth Client Secret');
      const box = workbench.quickInput.titled('Lucaro OAuth client secret');
      await box.locator('input.input').fill(clientSecret);
      await box.locator('input.input').press('Enter');
      await workbench.notifications.waitFor('The Lucaro client secret is stored.');
      await workbench.notifications.clearAll();
    },
  });

  /** A browser sign-in from the palette, read:dashboards unticked; answers the editor's callback URL. */
  async function signInWithoutDashboards(): Promise<URL> {
    const { workbench } = editor();
    const { callback } = await workbench.signIn.withBrowser({ untick: ['read:dashboards'] });
    await workbench.accountsMenu.waitForAccount(demoAccount);
    await workbench.statusBar.entry(demoAccount).waitFor();
    return callback;
  }

  /**
   * Callbacks with a missing, a wrong and a replayed state (the code and state of `used`), each
   * on a sign-in of its own: the web editor hands one callback per request id to the
   * extension, so a stray callback uses up the one the real answer would need. Each must
   * leave its log line; each sign-in is cancelled.
   */
  async function strayCallbacks(used: URL): Promise<void> {
    const { workbench } = editor();
    // Codes use all of VSCHAR (& # % space...): they go back into a query encoded.
    const usedCode = encodeURIComponent(used.searchParams.get('code')!);
    const usedState = encodeURIComponent(used.searchParams.get('state')!);
    const notPending = 'Ignored a sign-in callback whose state is not pending';
    const cases = [
      { query: `code=${usedCode}`, log: 'Ignored a sign-in callback: missingState.' },
      { query: `code=${usedCode}&state=${randomBytes(32).toString('base64url')}`, log: notPending },
      { query: `code=${usedCode}&state=${usedState}`, log: notPending },
    ];
    for (const item of cases) {
      await workbench.signIn.start('palette');
      const consent = await workbench.signIn.pickBrowser();
      const { redirectUri } = consent.request;
      await consent.close();
      const seenBefore = workbench.log.count(item.log);
      const tab = await workbench.context.newPage();
      await tab.goto(`${redirectUri}&${item.query}`);
      await workbench.log.waitForLine(item.log, seenBefore + 1);
      await tab.close();
      await workbench.notifications.cancelSignInProgress();
    }
  }

  /** What Lucaro's log says of the host it was activated in, against the host this run forces. */
  async function assertRunsInHostUnderTest(): Promise<void> {
    const { workbench, extensionHost } = editor();
    const line = await workbench.log.hostLine();
    if (extensionHost === 'webWorker') assert.match(line, /is running in the web worker extension host \(Node process: absent\)\.$/);
    else assert.match(line, /is running in the Node extension host \(Node process: present\)\.$/);
  }

  void test(`the editor checks proposed APIs as stock VS Code does, and Lucaro uses none: all of it is set up${alsoInWebWorker}`, async () => {
    const { workbench } = editor();
    // A probe that passes an undeclared proposal's option, as Lucaro's activation once did, is refused here.
    await workbench.statusBar.entry(proposalProbe.statusPrefix).waitFor();
    assert.equal((await workbench.statusBar.entry(proposalProbe.statusPrefix).innerText()).trim(), `${proposalProbe.statusPrefix} refused authIssuers`);
    // Lucaro's provider, views and commands all registered: a sign-in offered in the Accounts menu and the palette.
    await editor().restoreAccountsMenuRequest();
    await workbench.views.waitSignedOut();
    await workbench.signIn.start('palette');
    await workbench.signIn.waitForQuickPick();
    await workbench.quickInput.close();
    const log = await workbench.log.lucaroText();
    assert.doesNotMatch(log, /Could not set up|CANNOT use API proposal/, 'no part of Lucaro failed to register');
  });

  void test(`Accounts menu > Sign in with browser, read:dashboards unticked: signed in with exactly the granted scopes${alsoInWebWorker}`, async () => {
    const { workbench, lucaro } = editor();
    const { accountsMenu, views, statusBar, page } = workbench;
    await editor().restoreAccountsMenuRequest();
    await views.waitSignedOut();
    const signedOutMenu = await accountsMenu.openSettled();
    await signedOutMenu.locator('.action-label', { hasText: 'Sign in with Lucaro to use Lucaro (1)' }).waitFor();
    await workbench.screenshot('accounts-menu-signed-out');
    await accountsMenu.close();

    await workbench.signIn.start('accountsMenu');
    const consent = await workbench.signIn.pickBrowser();
    const request = consent.request;
    assert.deepEqual([...request.scopes].sort(), [...signInScopes].sort(), 'the extension asks for its default scopes');
    const redirect = new URL(request.redirectUri);
    assert.equal(redirect.origin, workbench.server.origin, 'the callback is the editor’s own (asExternalUri), not a loopback server');
    assert.equal(redirect.searchParams.get('vscode-authority'), 'lucaro.lucaro');
    assert.equal(redirect.searchParams.get('vscode-path'), '/auth/callback');

    const landed = await consent.answer({ untick: ['read:dashboards'], screenshotAs: 'consent-page' });
    const callback = new URL(landed.url());
    assert.equal(callback.origin, workbench.server.origin, 'the browser came back to the editor’s callback');
    assert.ok(callback.searchParams.get('code') && callback.searchParams.get('state') === request.state);
    await consent.close();

    await accountsMenu.waitForAccount(demoAccount);
    await statusBar.entry(demoAccount).waitFor();
    assert.deepEqual(await statusBar.permissions(demoAccount), withoutDashboards, 'session scopes = the ticked ones');

    // The sidebar works with the same scopes: projects load, dashboards offer the missing grant.
    const sidebar = await views.show();
    const { projects } = views;
    await projects.expand(sidebar.locator('.monaco-list-row[role="treeitem"][aria-level="1"]').first());
    await projects.expand(views.anyRow('Dashboards'));
    await views.anyRow('Grant access to dashboards').first().waitFor();
    await projects.expand(views.anyRow('Metrics'));
    assert.equal(await views.anyRow('Grant access to metrics').count(), 0, 'read:metrics was granted');

    assert.equal(lucaro.counters.tokenRequests.authorization_code, 1, 'one code exchange');
    assert.equal(lucaro.counters.tokenRequests.failed, 0);

    const signedInMenu = await accountsMenu.openSettled();
    await signedInMenu.locator('.action-label', { hasText: accountEntry }).waitFor();
    await workbench.screenshot('accounts-menu-signed-in');
    await page.keyboard.press('Escape');
  });

  void test(`Lucaro reports the extension host it runs in; there a browser sign-in loads projects and dashboards${alsoInWebWorker}`, async () => {
    const { workbench, lucaro, extensionHost } = editor();
    await assertRunsInHostUnderTest();

    const { request } = await workbench.signIn.withBrowser();
    assert.equal(new URL(request.redirectUri).origin, workbench.server.origin, 'the URI handler route (asExternalUri), never a loopback server');
    await workbench.accountsMenu.waitForAccount(demoAccount);
    const [first] = await allServerProjects(lucaro);
    const dashboards = await serverDashboards(lucaro, first!.id);
    assert.ok(dashboards.length > 0);
    const { views } = workbench;
    await views.show();
    await views.projects.expand(await views.projects.waitForRow(first!.name, 1));
    await views.projects.expand(views.anyRow('Dashboards'));
    for (const dashboard of dashboards) await views.anyRow(dashboard.name).first().waitFor();

    // Only a browser preflights: a cross-origin fetch with Authorization is how the worker calls.
    if (extensionHost === 'webWorker') assert.ok(lucaro.counters.corsPreflights > 0, 'the browser preflighted its calls');
    else assert.equal(lucaro.counters.corsPreflights, 0, 'the Node host calls without CORS');
  });

  void test(`lucaro.oauth.redirect "loopback" behind a browser workbench signs in through the URI handler and says once why${alsoInWebWorker}`, async () => {
    const { workbench } = editor();
    // The web worker cannot listen on a port; the Node host could, but on the server's machine,
    // which the browser that opens the consent page need not share.
    const why =
      extensionHostUnderTest() === 'webWorker'
        ? /Lucaro runs in the browser here, where no local server can be started, so the "loopback" sign-in redirect/
        : /Lucaro runs on another machine than your browser may be on \(a remote window or a browser-based editor\), where your browser could not reach a local server, so the "loopback" sign-in redirect/;
    workbench.server.updateSettings({ 'lucaro.oauth.redirect': 'loopback' });
    try {
      // A new extension host reads the setting for sure (a live change would race the sign-in).
      await workbench.reload();
      await workbench.views.waitSignedOut();
      const { request } = await workbench.signIn.withBrowser();
      assert.equal(new URL(request.redirectUri).origin, workbench.server.origin, 'the URI handler route');
      await workbench.notifications.waitFor(why);
      await workbench.accountsMenu.waitForAccount(demoAccount);
      await workbench.signIn.signOutFromPalette(demoAccount);
      await workbench.notifications.clearAll();

      const second = await workbench.signIn.withBrowser();
      assert.equal(new URL(second.request.redirectUri).origin, workbench.server.origin, 'the URI handler route again');
      await workbench.accountsMenu.waitForAccount(demoAccount);
      assert.equal(await workbench.notifications.toasts(why).count(), 0, 'said once per extension host');
      await workbench.signIn.signOutFromPalette(demoAccount);
    } finally {
      workbench.server.updateSettings({ 'lucaro.oauth.redirect': undefined });
      await workbench.reload();
    }
  });

  void test(`a dashboard clicked in the tree opens a tab that draws the server's series, in the host under test${alsoInWebWorker}`, async () => {
    const { workbench, lucaro } = editor();
    await assertRunsInHostUnderTest();
    // The browser sign-in in this host is the tests' above; here an API token is enough.
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await workbench.statusBar.waitForText(demoAccount);
    const [first] = await allServerProjects(lucaro);
    const dashboard = (await serverDashboards(lucaro, first!.id)).find((candidate) => candidate.widgets.some((widget) => widget.kind !== 'stat'));
    assert.ok(dashboard, 'a dashboard with a chart to draw');
    await workbench.views.show();
    lucaro.resetCounters();
    const { tab, clickedAt } = await DashboardTab.openFromTree(workbench, first!.name, dashboard);
    const widgets = await tab.settled(dashboard.widgets.length);
    const drawnMs = Date.now() - clickedAt;
    assert.equal(requestsTo(lucaro, 'POST /v2/metrics/query'), dashboard.widgets.length, 'one query per widget');
    await assertShowsServerValues(lucaro, dashboard, widgets);
    await tab.drawn(dashboard.widgets.filter((widget) => widget.kind !== 'stat').length);
    await workbench.palette.run('View: Close All Editors');
    process.stderr.write(`[sign-in-browser.e2e] ${editor().extensionHost} host: a dashboard row clicked to its ${widgets.length} widgets drawn: ${drawnMs} ms\n`);
  });

  void test('the session survives a window reload', async () => {
    const { workbench, lucaro } = editor();
    await signInWithoutDashboards();
    const tokenRequests = { ...lucaro.counters.tokenRequests };
    const logsBefore = workbench.log.lucaroFiles().length;
    await workbench.reload();
    await workbench.views.show();
    await waitUntil(() => workbench.log.lucaroFiles().length > logsBefore, 'a new extension host', 30_000);
    await workbench.statusBar.entry(demoAccount).waitFor({ timeout: 30_000 });
    await workbench.accountsMenu.waitForAccount(demoAccount);
    assert.deepEqual(await workbench.statusBar.permissions(demoAccount), withoutDashboards);
    assert.deepEqual(lucaro.counters.tokenRequests, tokenRequests, 'no new sign-in and no refresh were needed');
  });

  void test('a second window on the same profile is signed in to the same account', async () => {
    // Two tabs on one code-server are two windows of one profile. code-server's secret storage
    // (localStorage 'secrets.provider', read once per window) shares the sessions with a
    // window when it loads, but does not tell a window that is already open about another
    // window's change (no secrets.onDidChange across tabs); see
    // test/unit/session/session-manager.test.ts for the two-window logic.
    const { workbench } = editor();
    await signInWithoutDashboards();
    const second = await workbench.openWindow();
    try {
      await second.views.show();
      await second.statusBar.entry(demoAccount).waitFor({ timeout: 30_000 });
      await second.accountsMenu.waitForAccount(demoAccount);
      assert.deepEqual(await second.statusBar.permissions(demoAccount), withoutDashboards);
    } finally {
      // Closed before anything else changes the sessions: its stale copy must not write back.
      await second.close();
      await workbench.page.bringToFront();
    }
  });

  void test(`Sign Out in the Accounts menu revokes both tokens at Lucaro and forgets the account${alsoInWebWorker}`, async () => {
    const { workbench, lucaro } = editor();
    await signInWithoutDashboards();
    const seen = lucaro.secretsSeen();
    const access = seen.accessTokens.filter((token) => lucaro.isTokenActive(token));
    const refresh = seen.refreshTokens.filter((token) => lucaro.isTokenActive(token));
    assert.equal(access.length, 1);
    assert.equal(refresh.length, 1);
    const revocations = lucaro.counters.revocations;

    await workbench.accountsMenu.signOut(demoAccount);
    await workbench.accountsMenu.waitForAccount(demoAccount, false);
    await waitUntil(() => lucaro.counters.revocations >= revocations + 2, 'two revocation requests');
    assert.equal(lucaro.isTokenActive(access[0]!), false, 'access token revoked');
    assert.equal(lucaro.isTokenActive(refresh[0]!), false, 'refresh token revoked');
    await workbench.statusBar.entry(demoAccount).waitFor({ state: 'hidden' });
    await workbench.views.waitSignedOut();
  });

  void test('callbacks with a missing, wrong or replayed state are ignored and store nothing', async () => {
    const { workbench, lucaro } = editor();
    const { context } = workbench;
    // A real sign-in first, for a code and state that were used.
    const used = await signInWithoutDashboards();
    await workbench.signIn.signOutFromPalette(demoAccount);
    const codeExchanges = lucaro.counters.tokenRequests.authorization_code;

    // The same callback URL again: the editor has spent that request id, nothing reaches the extension.
    const again = await context.newPage();
    await again.goto(used.toString());
    await holdsFor(() => lucaro.counters.tokenRequests.authorization_code === codeExchanges, 'no code exchange for the spent callback', 1500);
    await again.close();

    await strayCallbacks(used);

    assert.equal(lucaro.counters.tokenRequests.authorization_code, codeExchanges, 'no code was exchanged');
    assert.ok(!(await workbench.accountsMenu.entries()).includes(accountEntry), 'still signed out');
    assert.equal(await workbench.statusBar.entry(demoAccount).count(), 0);
    assert.equal(await workbench.notifications.toasts(/Sign-in|Lucaro/).count(), 0, 'cancelling and ignored callbacks show no error');
  });

  void test(`with a 2-second access token, the next API use refreshes once and rotates the refresh token${alsoInWebWorker}`, async () => {
    const { workbench, lucaro } = editor();
    const { views, notifications } = workbench;
    lucaro.configure({ accessTokenLifetimeSeconds: 2 });
    await workbench.signIn.withBrowser();
    await workbench.accountsMenu.waitForAccount(demoAccount);
    const sidebar = await views.show();
    const firstRow = sidebar.locator('.monaco-list-row[role="treeitem"][aria-level="1"]').first();
    await firstRow.waitFor();

    const seen = lucaro.secretsSeen();
    const live = seen.refreshTokens.filter((token) => lucaro.isTokenActive(token));
    assert.equal(live.length, 1);
    const oldRefresh = live[0]!;
    const access = seen.accessTokens.filter((token) => lucaro.isTokenActive(token));
    const before = { refresh: lucaro.counters.tokenRequests.refresh_token, expired: lucaro.counters.expiredTokenRequests };
    await waitUntil(() => access.every((token) => !lucaro.isTokenActive(token)), 'the access token to expire', 10_000);
    await holdsFor(() => lucaro.counters.tokenRequests.refresh_token === before.refresh, 'no timer refreshed in the background', 1000);

    const apiRequests = lucaro.counters.apiRequests;
    await workbench.palette.run('Lucaro: Refresh');
    await waitUntil(() => lucaro.counters.tokenRequests.refresh_token > before.refresh, 'a refresh');
    await waitUntil(() => lucaro.counters.apiRequests > apiRequests, 'the projects to be fetched again');
    await holdsFor(() => lucaro.counters.tokenRequests.refresh_token - before.refresh === 1, 'one refresh, no second', 1000);
    assert.equal(lucaro.counters.tokenRequests.refresh_token - before.refresh, 1, 'exactly one refresh');
    assert.equal(lucaro.counters.expiredTokenRequests - before.expired, 0, 'no request carried the expired token');
    assert.equal(lucaro.isTokenActive(oldRefresh), false, 'the old refresh token was rotated out');
    const newRefresh = lucaro.secretsSeen().refreshTokens.at(-1)!;
    assert.notEqual(newRefresh, oldRefresh);
    assert.equal(lucaro.isTokenActive(newRefresh), true);
    await firstRow.waitFor();
    assert.equal(await notifications.toasts(/Lucaro/).count(), 0, 'the user saw nothing of it');
  });

  void test('a refresh token revoked at Lucaro (invalid_grant) ends the session with one notification, no loop', async () => {
    const { workbench, lucaro } = editor();
    const { notifications, views, page } = workbench;
    const lifetimeMs = 2000;
    lucaro.configure({ accessTokenLifetimeSeconds: lifetimeMs / 1000 });
    await workbench.signIn.withBrowser();
    await workbench.accountsMenu.waitForAccount(demoAccount);
    // Every token of that sign-in was issued by now.
    const issuedBy = Date.now();
    await (await views.show()).locator('.monaco-list-row[role="treeitem"][aria-level="1"]').first().waitFor();

    await notifications.clearAll();
    assert.ok(lucaro.revokeAllTokens() >= 2);
    // Revoked tokens no longer say when they expire: the access token's lifetime is the condition.
    await waitUntil(() => Date.now() > issuedBy + lifetimeMs, 'the access token to have expired as well');
    const before = { ...lucaro.counters.tokenRequests, expired: lucaro.counters.expiredTokenRequests };

    await workbench.palette.run('Lucaro: Refresh');
    const message = `Your Lucaro session for ${demoAccount} has ended. Sign in again.`;
    const toast = await notifications.waitFor(message);
    await notifications.button(toast, 'Sign In').waitFor();
    await workbench.accountsMenu.waitForAccount(demoAccount, false);
    await views.waitSignedOut();
    await holdsFor(
      async () => (await notifications.toasts(message).count()) === 1 && lucaro.counters.tokenRequests.refresh_token - before.refresh_token === 1,
      'one notification and one refresh attempt',
      4000,
    );

    assert.equal(await notifications.toasts(message).count(), 1, 'one notification');
    assert.equal(lucaro.counters.tokenRequests.refresh_token - before.refresh_token, 1, 'one refresh attempt, no loop');
    assert.equal(lucaro.counters.tokenRequests.failed - before.failed, 1);
    assert.equal(lucaro.counters.expiredTokenRequests - before.expired, 0);
    assert.equal(await page.locator('.quick-input-widget .quick-input-list').isVisible(), false, 'no sign-in prompt opened by itself');

    // The notification's Sign In starts a sign-in; backing out of it is quiet.
    await notifications.clickButton(toast, 'Sign In');
    const quickPick = await workbench.signIn.waitForQuickPick();
    await page.keyboard.press('Escape');
    await quickPick.waitFor({ state: 'hidden' });
    await holdsFor(async () => (await notifications.toasts(/Lucaro|Sign-in/).count()) === 0, 'no notification after backing out', 1000);
    assert.equal(await notifications.toasts(/Lucaro|Sign-in/).count(), 0);
    assert.equal(lucaro.counters.tokenRequests.refresh_token - before.refresh_token, 1);
  });

  void test('no token, code, verifier, state or client secret reaches any log file', async () => {
    const { workbench, lucaro } = editor();
    // Everything that writes secrets to the wire, in this editor: a browser sign-in, a reload,
    // a refresh with rotation, a sign-out with revocation, stray callbacks, a second sign-in.
    await workbench.log.setLucaroLevel('Trace');
    lucaro.configure({ accessTokenLifetimeSeconds: 2 });
    const used = await signInWithoutDashboards();
    const logsBefore = workbench.log.lucaroFiles().length;
    await workbench.reload();
    await workbench.views.show();
    await waitUntil(() => workbench.log.lucaroFiles().length > logsBefore, 'a new extension host', 30_000);
    await workbench.statusBar.entry(demoAccount).waitFor({ timeout: 30_000 });
    const access = lucaro.secretsSeen().accessTokens.filter((token) => lucaro.isTokenActive(token));
    await waitUntil(() => access.every((token) => !lucaro.isTokenActive(token)), 'the access token to expire', 10_000);
    // A careless token endpoint repeats the restored session's refresh token in plain prose (no
    // `refresh_token=` a pattern could catch): only a redactor told of the session at load hides it.
    const restoredRefreshTokens = lucaro.secretsSeen().refreshTokens.filter((token) => lucaro.isTokenActive(token));
    assert.equal(restoredRefreshTokens.length, 1, 'one live refresh token, the restored session\'s');
    const echo = 'cannot be used from this network';
    lucaro.answerNextTokenWith({ error: 'invalid_request', error_description: `the grant ${restoredRefreshTokens[0]} ${echo}` }, 1, 400);
    const failedBefore = lucaro.counters.tokenRequests.failed;
    await workbench.palette.run('Lucaro: Refresh');
    await waitUntil(() => lucaro.counters.tokenRequests.failed > failedBefore, 'the echoing token answer');
    await workbench.log.waitForLine(echo);
    await workbench.notifications.clearAll();
    // The session was kept; the next use (the other view's load, or this Refresh) refreshes it for real.
    await workbench.palette.run('Lucaro: Refresh');
    await workbench.log.waitForLine(`Refreshed the Lucaro session of ${demoAccount}`);
    await workbench.accountsMenu.signOut(demoAccount);
    await workbench.log.waitForLine(`Revoked the Lucaro session of ${demoAccount}`);
    await workbench.views.waitSignedOut();
    await strayCallbacks(used);
    await workbench.signIn.withBrowser();
    await workbench.accountsMenu.waitForAccount(demoAccount);

    const lucaroLogs = workbench.log.lucaroFiles();
    assert.ok(lucaroLogs.length >= 2, `one Lucaro.log per extension host, found ${lucaroLogs.length}`);
    const lucaroLog = workbench.log.readLucaro();
    for (const line of [
      `Signed in to Lucaro as ${demoAccount}`,
      `Refreshed the Lucaro session of ${demoAccount}`,
      `Revoked the Lucaro session of ${demoAccount}`,
      'Ignored a sign-in callback',
      '[debug] POST /oauth/token -> 200',
    ]) {
      assert.ok(lucaroLog.includes(line), `the Lucaro log covers: ${line}`);
    }

    const seen = lucaro.secretsSeen();
    assert.ok(seen.accessTokens.length >= 3 && seen.refreshTokens.length >= 3, 'two sign-ins and a refresh');
    assert.ok(seen.authorizationCodes.length >= 2 && seen.codeVerifiers.length >= 2 && seen.states.length >= 5);
    assert.deepEqual(seen.clientSecrets, [clientSecret], 'the client secret went to the token endpoint');
    const secrets = Object.entries(seen).flatMap(([kind, values]) => (values as string[]).map((value) => ({ kind, value })));

    const files = [...workbench.log.files(), workbench.server.logFile];
    assert.ok(files.length > lucaroLogs.length);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const { kind, value } of secrets) {
        assert.ok(!text.includes(value), `a value of ${kind} is in ${path.relative(workbench.server.userDataDir, file)}`);
      }
    }
  });
});
