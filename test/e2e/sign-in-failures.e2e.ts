import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ConsentPage } from './pages/consent-page';
import { useLucaroEditor } from './pages/fixture';
import { demoAccount } from './pages/lucaro-data';
import { waitUntil } from './pages/wait';

/**
 * Every way a browser sign-in can fail (each stores nothing), and API tokens. The loopback
 * redirect cannot apply behind a browser-based workbench (the browser may be on another
 * machine), so these sign-ins come back through the URI handler; the loopback server itself
 * is tested over real HTTP in test/unit/auth/loopback-callback-server.test.ts. One editor for
 * the file; each test starts signed out.
 */
void describe('browser sign-in failures and API tokens', { timeout: 600_000 }, () => {
  const editor = useLucaroEditor();

  const signedIn = async () => editor().workbench.accountsMenu.lists(demoAccount);

  /** Starts a browser sign-in from the palette; answers the consent page. */
  async function browserRound(): Promise<{ consent: ConsentPage }> {
    const { signIn } = editor().workbench;
    await signIn.start('palette');
    return { consent: await signIn.pickBrowser() };
  }

  void test('Deny on the consent page: a clear message, nothing stored', async () => {
    const { notifications } = editor().workbench;
    const { consent } = await browserRound();
    await consent.answer({ action: 'deny' });
    await consent.close();
    const toast = await notifications.waitFor('Sign-in was denied in the browser. Sign in again to grant access.');
    await notifications.button(toast, 'Show Log').waitFor();
    assert.equal(await signedIn(), false);
    await notifications.clearAll();
  });

  /** A browser sign-in whose token response is `fault`: the message, the log line, nothing stored. */
  async function malformedTokenSignIn(fault: 'not-json' | 'no-access-token'): Promise<void> {
    const { workbench, lucaro } = editor();
    const failed = lucaro.counters.tokenRequests.failed;
    const logged = workbench.log.count('Sign-in failed: MalformedTokenResponseError');
    const { consent } = await browserRound();
    lucaro.malformNextToken(1, fault);
    await consent.answer();
    await consent.close();
    await workbench.notifications.waitFor('The Lucaro sign-in server sent an unusable answer. Try again later; the log has details.');
    assert.equal(lucaro.counters.tokenRequests.failed, failed + 1, 'the fault was served');
    await workbench.log.waitForLine('Sign-in failed: MalformedTokenResponseError', logged + 1);
    assert.equal(await signedIn(), false);
    await workbench.notifications.clearAll();
  }

  for (const fault of ['not-json', 'no-access-token'] as const) {
    void test(`a token response that is ${fault === 'not-json' ? 'not JSON' : 'JSON without access_token'}: a clear message, nothing stored`, async () => {
      await malformedTokenSignIn(fault);
    });
  }

  void test('GET /v2/me failing during sign-in: a clear message, nothing stored', async () => {
    const { workbench, lucaro } = editor();
    const { consent } = await browserRound();
    const meCalls = lucaro.counters.requestsByPath['GET /v2/me'] ?? 0;
    lucaro.failNext(4, 500);
    await consent.answer();
    await consent.close();
    await workbench.notifications.waitFor('The Lucaro API had a problem (HTTP 500). Try again in a moment.');
    assert.equal((lucaro.counters.requestsByPath['GET /v2/me'] ?? 0) - meCalls, 4, 'one try and three retries, all failed');
    assert.equal(await signedIn(), false);
    await workbench.notifications.clearAll();
  });

  void test('after a failed sign-in a reloaded window is still signed out: nothing was persisted', async () => {
    const { workbench } = editor();
    await malformedTokenSignIn('no-access-token');
    await workbench.reload();
    // The activated extension asks the Accounts menu for a sign-in only when it found no session.
    await waitUntil(() => workbench.accountsMenu.offersSignIn(), 'the reloaded extension to ask for a sign-in');
    await workbench.views.waitSignedOut();
    await workbench.accountsMenu.waitForAccount(demoAccount, false);
    assert.equal(await workbench.statusBar.entry(demoAccount).count(), 0);
  });

  void test('API token: a bad token is refused; one lacking a requested scope is refused naming it; good ones sign in', async () => {
    const { workbench, lucaro } = editor();
    const { signIn, notifications, statusBar, views } = workbench;
    const badToken = `lct_${randomBytes(24).toString('base64url')}`;
    await signIn.start('palette');
    await signIn.pickApiToken(badToken);
    await notifications.waitFor('Lucaro did not accept the token: it is invalid, expired or revoked. Sign in again.');
    assert.equal(await signedIn(), false);
    await notifications.clearAll();

    // "Sign In" asks for no particular scope: a narrow token signs in, and the UI follows its scopes.
    const metricsOnly = lucaro.addApiToken(['read:metrics']);
    await signIn.start('palette');
    await signIn.pickApiToken(metricsOnly);
    await statusBar.entry(demoAccount).waitFor();
    assert.deepEqual(await statusBar.permissions(demoAccount), ['read:metrics']);

    // Granting read:projects requests it: the same token lacks it and is refused, naming it.
    await views.show();
    const grantProjects = views.anyRow('Grant access to projects').first();
    await grantProjects.click();
    await signIn.waitForQuickPick();
    await signIn.pickApiToken(metricsOnly);
    await notifications.waitFor('The API token lacks these scopes: read:projects. Create a token with them in Lucaro (Settings > API Tokens).');
    assert.deepEqual(await statusBar.permissions(demoAccount), ['read:metrics'], 'the session is unchanged');
    await notifications.clearAll();

    // A token with everything replaces the narrow session of the same account.
    await grantProjects.click();
    await signIn.waitForQuickPick();
    await signIn.pickApiToken(lucaro.apiTokens.all);
    await workbench.accountsMenu.waitForAccount(demoAccount);
    await waitUntil(async () => (await statusBar.permissions(demoAccount)).length === 6, 'the status bar to show the new scopes');
    assert.deepEqual(
      await statusBar.permissions(demoAccount),
      ['read:dashboards', 'read:metrics', 'read:projects', 'write:dashboards', 'write:metrics', 'write:projects'],
      'the scopes X-OAuth-Scopes reported for the token',
    );
    assert.equal(await views.anyRow('Grant access to projects').count(), 0);

    const log = workbench.log.readLucaro();
    assert.ok(log.includes(`Signed in to Lucaro with an API token as ${demoAccount}`));
    const secrets = [badToken, metricsOnly, lucaro.apiTokens.all, ...Object.values(lucaro.secretsSeen()).flat()];
    for (const file of workbench.log.files()) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [index, secret] of secrets.entries()) {
        assert.ok(!text.includes(secret), `secret #${index} is in ${path.relative(workbench.server.userDataDir, file)}`);
      }
    }
  });
});
