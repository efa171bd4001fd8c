import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { ConsumerExtension } from './pages/consumer-extension';
import { useLucaroEditor } from './pages/fixture';
import { accountsMenuLabel, allServerProjects, demoAccount, secondAccount, signInScopes } from './pages/lucaro-data';
import { holdsFor, uiTimeoutMs, waitUntil } from './pages/wait';
import type { WorkbenchWindow } from './pages/workbench';

/**
 * Issue 11 in a real editor: "Lucaro Consumer" (test/e2e/consumer-extension), a second
 * extension installed beside the packaged Lucaro, calls the provider only through
 * `vscode.authentication`, as a third-party extension would, and writes what it got to a
 * file. The Accounts menu is read as the user sees it.
 */

const digest = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);
const withoutDashboards = signInScopes.filter((scope) => scope !== 'read:dashboards').sort();

describe('the Lucaro provider as other extensions call it', { timeout: 600_000 }, () => {
  const consumer = ConsumerExtension.package();
  after(() => consumer.dispose());
  const editor = useLucaroEditor({
    server: { projects: 2, dashboardsPerProject: 2 },
    env: consumer.env,
    otherExtensions: [consumer.vsix],
  });

  /** Accepts the editor's "wants to sign in" dialogs until the Lucaro sign-in quick pick shows. */
  async function allowUntilSignInPick(window: WorkbenchWindow): Promise<void> {
    const { dialogs, signIn } = window;
    for (;;) {
      await dialogs.any.or(signIn.quickPick).filter({ visible: true }).first().waitFor({ timeout: uiTimeoutMs });
      if (await signIn.quickPick.isVisible()) return;
      await dialogs.any.locator('.monaco-button').filter({ hasNotText: /^Cancel$/ }).first().click();
      await dialogs.any.waitFor({ state: 'hidden' });
    }
  }

  /** Accepts the editor's "wants to sign in" dialog if it shows one before the consumer's next result. */
  async function allowIfAsked(window: WorkbenchWindow, resultsBefore: number): Promise<void> {
    const { dialogs } = window;
    await waitUntil(async () => (await dialogs.any.isVisible()) || consumer.results().length > resultsBefore, 'a dialog or the result');
    if (await dialogs.any.isVisible()) await dialogs.button('Allow').click();
  }

  test('before sign-in a silent lookup answers nothing and puts nothing into the Accounts menu, which offers "Sign in with Lucaro"', async () => {
    const { workbench } = editor();
    const result = await consumer.run(workbench, 'Silent Lookup');
    assert.equal(result.error, undefined, JSON.stringify(result));
    assert.equal(result.session, null);
    const entries = await workbench.accountsMenu.entries();
    assert.ok(entries.some((entry) => entry.startsWith('Sign in with Lucaro to use Lucaro')), JSON.stringify(entries));
    assert.ok(!entries.some((entry) => entry.includes('Lucaro Consumer')), `nothing for the consumer: ${JSON.stringify(entries)}`);
    assert.equal(await workbench.dialogs.any.count(), 0, 'no dialog');
  });

  test('after a sign-in with fewer scopes than asked, or with an API token, no request or badge is left; after sign-out sign-in is offered again', async () => {
    const { workbench, lucaro } = editor();
    const { accountsMenu } = workbench;
    await waitUntil(() => accountsMenu.offersSignIn(), '"Sign in with Lucaro" while signed out');
    await waitUntil(async () => (await accountsMenu.badgeCount()) === 1, 'the badge of the pending request');

    const { request } = await workbench.signIn.withBrowser({ untick: ['read:dashboards'] });
    assert.deepEqual([...request.scopes].sort(), [...signInScopes].sort());
    const signedIn = await accountsMenu.waitForAccount(demoAccount);
    assert.ok(!signedIn.some((entry) => entry.startsWith('Sign in with Lucaro')), `no stale request: ${JSON.stringify(signedIn)}`);
    assert.equal(await accountsMenu.badgeCount(), 0, 'no badge');
    assert.ok(signedIn.includes(`${accountsMenuLabel(demoAccount)} (Lucaro)`), 'the account is listed by its email');

    await workbench.signIn.signOutFromPalette(demoAccount);
    await waitUntil(() => accountsMenu.offersSignIn(), '"Sign in with Lucaro" again after the sign-out');
    await waitUntil(async () => (await accountsMenu.badgeCount()) === 1, 'the badge again');

    await workbench.signIn.withApiToken(lucaro.apiTokens.noDashboards);
    const again = await accountsMenu.waitForAccount(demoAccount);
    assert.ok(!again.some((entry) => entry.startsWith('Sign in with Lucaro')), `no stale request: ${JSON.stringify(again)}`);
    assert.equal(await accountsMenu.badgeCount(), 0, 'no badge');
  });

  test('with two accounts signed in getAccounts lists each once, and getSession with {account} answers that account\'s session', async () => {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await workbench.statusBar.waitForText(demoAccount);
    // A second, narrower session of the same account: still one account.
    await workbench.signIn.anotherAccountWithApiToken(lucaro.apiTokens.readProjects);
    await workbench.signIn.anotherAccountWithApiToken(lucaro.apiTokens.secondUser);
    await workbench.accountsMenu.waitForAccount(secondAccount);

    const listed = await consumer.run(workbench, 'List Accounts');
    assert.deepEqual(
      listed.accounts?.map((account) => account.label).sort(),
      [accountsMenuLabel(demoAccount), accountsMenuLabel(secondAccount)].sort(),
      JSON.stringify(listed),
    );

    for (const [account, token, userId] of [
      [secondAccount, lucaro.apiTokens.secondUser, 'usr_grace'],
      [demoAccount, lucaro.apiTokens.all, 'usr_demo'],
    ] as const) {
      const before = consumer.results().length;
      const result = await consumer.run(workbench, 'Session For Account', [accountsMenuLabel(account)], () => allowIfAsked(workbench, before));
      assert.equal(result.error, undefined, JSON.stringify(result));
      assert.equal(result.session?.account.label, accountsMenuLabel(account));
      assert.equal(result.session?.account.id, userId);
      // Of Ada's two sessions, the one that can do the most.
      assert.equal(result.session?.tokenDigest, digest(token), `${account}'s session`);
    }

    // The fixture signs out one session per account: the narrower Ada session goes here.
    const { palette, quickInput, notifications } = workbench;
    await palette.run('Lucaro: Sign Out');
    await quickInput.titled('Sign out of which Lucaro account?').waitFor({ timeout: uiTimeoutMs });
    await quickInput.rows.filter({ hasText: demoAccount }).filter({ hasNotText: 'write:projects' }).first().click();
    await notifications.waitFor(`Signed out of Lucaro (${demoAccount}).`);
    await notifications.clearAll();
  });

  test('a 403 insufficient_scope challenge passed to getSession leads to a consent for the union; the new token reads the resource (200)', async () => {
    const { workbench, lucaro } = editor();
    const [project] = await allServerProjects(lucaro);
    await workbench.signIn.withBrowser({ untick: ['read:dashboards'] });
    await workbench.statusBar.waitForText(demoAccount);

    const before = consumer.results().length;
    await workbench.palette.run('Lucaro Consumer: Read Resource');
    await workbench.quickInput.titled('Lucaro Consumer:').waitFor({ timeout: uiTimeoutMs });
    await workbench.quickInput.input.fill(`${lucaro.apiUrl}/v2/projects/${project!.id}/dashboards`);
    await workbench.quickInput.input.press('Enter');
    await allowUntilSignInPick(workbench);
    const consent = await workbench.signIn.pickBrowser();
    assert.deepEqual(
      [...consent.request.scopes].sort(),
      [...withoutDashboards, 'read:dashboards'].sort(),
      'the consent asks for every scope the account had plus the challenged one',
    );
    await consent.answer({});
    await consent.close();

    const result = await consumer.nextResult(before, 60_000);
    assert.equal(result.error, undefined, JSON.stringify(result));
    assert.equal(result.before?.status, 403);
    assert.equal(result.before?.wwwAuthenticate, 'Bearer error="insufficient_scope", scope="read:dashboards"');
    assert.deepEqual(result.first?.scopes, withoutDashboards);
    assert.deepEqual(result.session?.scopes, [...withoutDashboards, 'read:dashboards'].sort(), 'the session holds exactly what its token holds');
    assert.equal(result.after?.status, 200, 'the new token reads the challenged resource');

    // A second identical challenge is answered by the session that now covers it, silently.
    const covered = await consumer.run(workbench, 'Answer Challenge', ['Bearer error="insufficient_scope", scope="read:dashboards"']);
    assert.equal(covered.session?.tokenDigest, result.session?.tokenDigest, 'the covering session, no sign-in');
  });

  test('a challenge naming an unknown scope, or another scheme, is refused with a clear error and no browser round trip', async () => {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.readProjects);
    await workbench.statusBar.waitForText(demoAccount);
    const connections = lucaro.counters.authConnections;
    let popups = 0;
    const countPopups = () => (popups += 1);
    workbench.context.on('page', countPopups);
    try {
      const unknown = await consumer.run(workbench, 'Answer Challenge', ['Bearer error="insufficient_scope", scope="read:projects read:everything"']);
      assert.match(unknown.error?.message ?? '', /no scope named read:everything/, JSON.stringify(unknown));
      const basic = await consumer.run(workbench, 'Answer Challenge', ['Basic realm="lucaro"']);
      assert.match(basic.error?.message ?? '', /Bearer challenges only, not Basic/, JSON.stringify(basic));
      const invalid = await consumer.run(workbench, 'Answer Challenge', ['Bearer error="invalid_token"']);
      assert.match(invalid.error?.message ?? '', /not error="invalid_token"/, JSON.stringify(invalid));
      await holdsFor(
        async () => !(await workbench.dialogs.any.isVisible()) && !(await workbench.signIn.quickPick.isVisible()),
        'no dialog and no sign-in',
        1500,
      );
    } finally {
      workbench.context.off('page', countPopups);
    }
    assert.equal(popups, 0, 'no browser page opened');
    assert.equal(lucaro.counters.authConnections, connections, 'nothing reached the authorization server');
  });

  test('a refreshed token reaches consumers as a changed session carrying the new token', async () => {
    const { workbench, lucaro } = editor();
    lucaro.configure({ accessTokenLifetimeSeconds: 2 });
    await workbench.signIn.withBrowser({});
    await workbench.statusBar.waitForText(demoAccount);
    const before = consumer.results().length;
    const first = await consumer.run(workbench, 'Get Session', [], () => allowIfAsked(workbench, before));
    assert.ok(first.session, JSON.stringify(first));
    await consumer.run(workbench, 'Watch Sessions');

    const refreshed = await waitUntil(
      async () => {
        const latest = await consumer.run(workbench, 'Silent Lookup');
        return latest.session && latest.session.tokenDigest !== first.session!.tokenDigest ? latest.session : undefined;
      },
      'a silent lookup to answer a refreshed token',
      30_000,
    );
    assert.equal(refreshed.id, first.session!.id, 'the same session, refreshed');
    assert.deepEqual(refreshed.scopes, first.session!.scopes);
    assert.ok(lucaro.counters.tokenRequests.refresh_token >= 1);
    const changes = consumer.results().filter((result) => result.command === 'lucaroConsumer.changed');
    assert.ok(
      changes.some((change) => change.session && change.session.tokenDigest !== first.session!.tokenDigest),
      `a change event after which the consumer read a new token: ${JSON.stringify(changes)}`,
    );
  });

  test('a sign-in for a named account that brings back another says so and stores nothing', async () => {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.secondUser);
    await workbench.accountsMenu.waitForAccount(secondAccount);
    const before = consumer.results().length;
    const revocations = lucaro.counters.revocations;
    await workbench.palette.run('Lucaro Consumer: Sign In As');
    await workbench.quickInput.titled('Lucaro Consumer:').waitFor({ timeout: uiTimeoutMs });
    await workbench.quickInput.input.fill(accountsMenuLabel(secondAccount));
    await workbench.quickInput.input.press('Enter');
    await allowUntilSignInPick(workbench);
    // The consent page signs in as the demo user, Ada.
    const consent = await workbench.signIn.pickBrowser();
    await consent.answer({});
    await consent.close();

    const result = await consumer.nextResult(before, 60_000);
    const expected = `The sign-in was for the Lucaro account ${accountsMenuLabel(secondAccount)}, but ${accountsMenuLabel(demoAccount)} signed in.`;
    assert.ok(result.error?.message.includes(expected), JSON.stringify(result));
    await workbench.notifications.waitFor(expected);
    const entries = await workbench.accountsMenu.entries();
    assert.ok(!entries.some((entry) => entry.includes(accountsMenuLabel(demoAccount))), `Ada was not stored: ${JSON.stringify(entries)}`);
    assert.equal(lucaro.counters.revocations - revocations, 2, 'the tokens of the other account were revoked at Lucaro');
  });
});
