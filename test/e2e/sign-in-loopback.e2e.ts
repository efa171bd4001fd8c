import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ConsentPage } from './pages/consent-page';
import { useLucaroEditor } from './pages/fixture';
import { demoAccount, signInScopes } from './pages/lucaro-data';
import { waitUntil } from './pages/wait';

/**
 * Issue 3 in a real editor, second part: the loopback redirect (`lucaro.oauth.redirect:
 * loopback`, RFC 8252), callbacks that must be ignored, every way a sign-in can fail
 * (each stores nothing), and API tokens. One editor for the file; each test starts signed out.
 */
void describe('browser sign-in through a loopback redirect, failures, API tokens', { timeout: 600_000 }, () => {
  const editor = useLucaroEditor({ settings: { 'lucaro.oauth.redirect': 'loopback' } });

  const signedIn = async () => editor().workbench.accountsMenu.lists(demoAccount);

  /** Starts a browser sign-in from the palette; answers the consent page and what the extension asked for. */
  async function browserRound(): Promise<{ consent: ConsentPage; redirectUri: string; state: string }> {
    const { signIn } = editor().workbench;
    await signIn.start('palette');
    const consent = await signIn.pickBrowser();
    const { redirectUri, state } = consent.request;
    return { consent, redirectUri, state };
  }

  /** A whole loopback sign-in (approved), then signed out again; answers where the browser landed. */
  async function signInAndOut(): Promise<URL> {
    const { workbench } = editor();
    const { consent } = await browserRound();
    const landed = new URL((await consent.answer()).url());
    await consent.close();
    await workbench.accountsMenu.waitForAccount(demoAccount);
    await workbench.signIn.signOutFromPalette(demoAccount);
    return landed;
  }

  void test('loopback route: consent with read:dashboards unticked, the tab says it can be closed, signed in', async () => {
    const { workbench, lucaro } = editor();
    const { context } = workbench;
    await editor().restoreAccountsMenuRequest();
    await workbench.signIn.start('accountsMenu');
    const consent = await workbench.signIn.pickBrowser();
    const request = consent.request;
    assert.match(request.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/, 'a loopback redirect on a random port');
    assert.deepEqual([...request.scopes].sort(), [...signInScopes].sort());

    const landed = await consent.answer({ untick: ['read:dashboards'] });
    const callback = new URL(landed.url());
    assert.equal(`${callback.origin}${callback.pathname}`, request.redirectUri);
    assert.equal(await landed.locator('#title').innerText(), 'Signed in to Lucaro');
    assert.equal(await landed.locator('#message').innerText(), 'You can close this tab and return to the editor.');
    await consent.close();

    await workbench.accountsMenu.waitForAccount(demoAccount);
    await workbench.statusBar.entry(demoAccount).waitFor();
    assert.deepEqual(await workbench.statusBar.permissions(demoAccount), signInScopes.filter((s) => s !== 'read:dashboards').sort());
    assert.equal(lucaro.counters.tokenRequests.authorization_code, 1);

    // The loopback server lived for that one sign-in: the same callback again finds nobody.
    const again = await context.newPage();
    await assert.rejects(again.goto(callback.toString()), /ERR_CONNECTION_REFUSED/);
    await again.close();
    assert.equal(lucaro.counters.tokenRequests.authorization_code, 1);

    await workbench.signIn.signOutFromPalette(demoAccount);
  });

  void test('callbacks with a missing, wrong or replayed state are refused; the real one still signs in', async () => {
    const { workbench, lucaro } = editor();
    const { context } = workbench;
    // A sign-in first, for a code and state that were used.
    const used = await signInAndOut();
    const codeExchanges = lucaro.counters.tokenRequests.authorization_code;
    const { consent, redirectUri } = await browserRound();

    const notPending = 'Ignored a sign-in callback whose state is not pending';
    // Codes use all of VSCHAR (& # % space...): they go back into a query encoded.
    const usedCode = encodeURIComponent(used.searchParams.get('code')!);
    const cases = [
      { query: `code=${usedCode}`, log: 'Ignored a sign-in callback: missingState.' },
      { query: `code=${usedCode}&state=${randomBytes(32).toString('base64url')}`, log: notPending },
      { query: used.search.slice(1), log: notPending },
    ];
    for (const item of cases) {
      const seenBefore = workbench.log.count(item.log);
      const tab = await context.newPage();
      const response = await tab.goto(`${redirectUri}?${item.query}`);
      assert.equal(response?.status(), 400);
      assert.equal(await tab.locator('#title').innerText(), 'Sign-in link expired');
      await workbench.log.waitForLine(item.log, seenBefore + 1);
      await tab.close();
    }
    assert.equal(lucaro.counters.tokenRequests.authorization_code, codeExchanges, 'nothing was exchanged');
    assert.equal(await signedIn(), false, 'nothing was stored');

    const landed = await consent.answer();
    assert.equal(await landed.locator('#title').innerText(), 'Signed in to Lucaro');
    await consent.close();
    await workbench.accountsMenu.waitForAccount(demoAccount);
    assert.equal(lucaro.counters.tokenRequests.authorization_code, codeExchanges + 1);
    await workbench.signIn.signOutFromPalette(demoAccount);
  });

  void test('hostile requests to the loopback port during a sign-in are answered and do not break it', async () => {
    const { workbench, lucaro } = editor();
    const codeExchanges = lucaro.counters.tokenRequests.authorization_code;
    const { consent, redirectUri, state } = await browserRound();
    const { port } = new URL(redirectUri);
    const host = `127.0.0.1:${port}`;
    const callbackQuery = `code=${encodeURIComponent('stolen+code/=')}&state=${encodeURIComponent(state)}`;
    const hostile = [
      { what: 'GET //', request: `GET // HTTP/1.1\r\nHost: ${host}\r\n\r\n`, status: /^HTTP\/1\.1 4\d\d/ },
      { what: 'an absolute-form target', request: `GET http://evil.test/callback HTTP/1.1\r\nHost: ${host}\r\n\r\n`, status: /^HTTP\/1\.1 4\d\d/ },
      // DNS rebinding: a page on another name that resolves to 127.0.0.1, with the right state.
      { what: 'a foreign Host with the right state', request: `GET /callback?${callbackQuery} HTTP/1.1\r\nHost: evil.test:${port}\r\n\r\n`, status: /^HTTP\/1\.1 421/ },
      { what: 'a POST', request: `POST /callback?${callbackQuery} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 3\r\n\r\nabc`, status: /^HTTP\/1\.1 4\d\d/ },
      { what: 'garbage bytes', request: '\u0000\u0001 nonsense \u00ff\r\n\r\n', status: /^HTTP\/1\.1 400/ },
      { what: 'a wrong state', request: `GET /callback?code=x&state=wrong HTTP/1.1\r\nHost: ${host}\r\n\r\n`, status: /^HTTP\/1\.1 400/ },
    ];
    for (const { what, request, status } of hostile) {
      assert.match(await rawExchange(Number(port), request), status, `${what} gets an answer`);
    }
    assert.equal(lucaro.counters.tokenRequests.authorization_code, codeExchanges, 'no hostile request reached the token endpoint');
    assert.equal(await signedIn(), false);

    const landed = await consent.answer();
    assert.equal(await landed.locator('#title').innerText(), 'Signed in to Lucaro');
    await consent.close();
    await workbench.accountsMenu.waitForAccount(demoAccount);
    assert.equal(lucaro.counters.tokenRequests.authorization_code, codeExchanges + 1, 'the real callback was exchanged, once');
    await assert.rejects(rawExchange(Number(port), `GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`), /ECONNREFUSED/, 'the port closed after the callback');
    await workbench.signIn.signOutFromPalette(demoAccount);
  });

  void test('Deny on the consent page: a clear message, nothing stored', async () => {
    const { notifications } = editor().workbench;
    const { consent } = await browserRound();
    const landed = await consent.answer({ action: 'deny' });
    assert.equal(await landed.locator('#title').innerText(), 'Sign-in not completed');
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

/** Writes `request` as raw bytes to the loopback port and answers the response's first line (5 s at most). */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = '';
    const done = (result: () => void) => {
      clearTimeout(timer);
      socket.destroy();
      result();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`no answer within 5 s to ${JSON.stringify(request.slice(0, 40))}`))), 5000);
    socket.on('connect', () => socket.write(Buffer.from(request, 'latin1')));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) done(() => resolve(received.slice(0, received.indexOf('\r\n'))));
    });
    socket.on('error', (error) => done(() => reject(error)));
    socket.on('end', () => done(() => (received ? resolve(received.split('\r\n')[0]!) : reject(new Error('closed without an answer')))));
  });
}
