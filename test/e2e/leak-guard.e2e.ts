import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { indexedDbContents } from './pages/browser-storage';
import { alsoInWebWorker, useLucaroEditor } from './pages/fixture';
import { demoAccount } from './pages/lucaro-data';
import { holdsFor, uiTimeoutMs, waitUntil } from './pages/wait';

/**
 * Issue 13's token-leak guard in a real editor. The workspace is a git repository with one
 * committed script holding the signed-in API token (Error), an untracked `.env` holding it
 * (Warning), a file no editor opens (found by the workspace scan) and a .gitignored one (skipped).
 */

const untrackedEnv = '.env';
const trackedScript = 'scripts/deploy.sh';
const unopened = 'docs/notes.txt';
const gitIgnored = 'build/cache.txt';
const oauthJson = 'oauth.json';
const envPrefix = 'LUCARO_TOKEN=';
const inThisFile = 'is in this file';
const inGit = 'is in a file git tracks';

function git(folder: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: folder, stdio: 'ignore' });
}

describe('the Lucaro token-leak guard in a real editor', { timeout: 300_000 }, () => {
  let folder = '';
  const editor = useLucaroEditor({
    prepareFolder: (workspace, lucaro) => {
      folder = workspace;
      const token = lucaro.apiTokens.all;
      const write = (relative: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true });
        fs.writeFileSync(path.join(workspace, relative), text);
      };
      write('.gitignore', 'build/\n');
      write(trackedScript, `#!/bin/sh\ncurl -H "Authorization: Bearer ${token}" "$LUCARO_API/v2/me"\n`);
      git(workspace, 'init', '-q');
      git(workspace, 'add', '.gitignore', trackedScript);
      git(workspace, 'commit', '-q', '-m', 'deploy script');
      write(untrackedEnv, `${envPrefix}${token}\n`);
      write(unopened, `Notes\n\nthe token: ${token} (do not share)\n`);
      write(gitIgnored, `cached ${token}\n`);
      // Filled by the OAuth test once it knows its token; here already, so Quick Open lists it.
      write(oauthJson, '{}\n');
    },
  });

  const ending = () => editor().lucaro.apiTokens.all.slice(-4);
  const apiTokenMessage = (where: string) => `Your Lucaro API token of ${demoAccount} (ending in ${ending()}) ${where}`;

  /**
   * The web workbench keeps a window's workspace state in an IndexedDB database of its own
   * (`vscode-web-state-db-<workspace id>`, beside `-global`, `-global-shared` and the log store).
   */
  async function workspaceState(): Promise<string> {
    const entries = await indexedDbContents(editor().workbench.page);
    return entries
      .filter((entry) => !/global|secret/i.test(entry.database))
      .map((entry) => `${entry.key}=${entry.value}`)
      .join('\n');
  }

  async function signInWithApiToken(): Promise<void> {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await workbench.statusBar.waitForText(demoAccount);
  }

  void test(`a .env with the signed-in API token: a Warning on the token, and the environment reference replaces exactly it${alsoInWebWorker}`, async () => {
    const { workbench, lucaro } = editor();
    const { problems, editors } = workbench;
    fs.writeFileSync(path.join(folder, untrackedEnv), `${envPrefix}${lucaro.apiTokens.all}\n`);
    await signInWithApiToken();
    await editors.open(untrackedEnv);
    await problems.show();
    const row = problems.rows(apiTokenMessage(inThisFile));
    await row.waitFor({ timeout: uiTimeoutMs });
    assert.equal(await problems.severity(row), 'Warning');
    // Opening the problem selects its range: the token, every character of it and no other.
    const token = lucaro.apiTokens.all;
    const selection = `Ln 1, Col ${envPrefix.length + 1 + token.length} (${token.length} selected)`;
    await problems.open(row);
    await waitUntil(async () => (await editors.cursor()) === selection, `the selection "${selection}"`);
    assert.deepEqual(
      (await editors.quickFixTitles()).filter((title) => title !== 'Quick Fix'),
      ["Open Lucaro's API token settings", 'Forget this API token here', 'Replace with an environment variable reference', 'Ignore in this file'],
    );
    await editors.quickFix('Replace with an environment variable reference');
    await editors.save();
    // The edit covered the diagnostic's range: the token and nothing else.
    await waitUntil(
      () => fs.readFileSync(path.join(folder, untrackedEnv), 'utf8') === `${envPrefix}\${LUCARO_API_TOKEN}\n`,
      'the .env to read the variable instead of the token',
    );
    await row.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
  });

  void test('a file git tracks gives an Error, an untracked one a Warning', async () => {
    const { workbench, lucaro } = editor();
    const { problems, editors } = workbench;
    fs.writeFileSync(path.join(folder, untrackedEnv), `${envPrefix}${lucaro.apiTokens.all}\n`);
    await signInWithApiToken();
    await editors.open(trackedScript);
    await editors.open(untrackedEnv);
    await problems.show();
    const tracked = problems.rows(apiTokenMessage(inGit));
    const untracked = problems.rows(apiTokenMessage(inThisFile));
    await tracked.waitFor({ timeout: 30_000 });
    await untracked.waitFor({ timeout: uiTimeoutMs });
    assert.equal(await problems.severity(tracked), 'Error');
    assert.equal(await problems.severity(untracked), 'Warning');
    assert.equal(await tracked.count(), 1);
    assert.equal(await untracked.count(), 1);
    await workbench.screenshot('leak-guard-problems');
  });

  void test('Lucaro: Scan Workspace for Tokens finds the token in a file no editor opened, and skips the .gitignored one', async () => {
    const { workbench } = editor();
    const { problems, palette, notifications } = workbench;
    await signInWithApiToken();
    await palette.run('Lucaro: Scan Workspace for Tokens');
    await notifications.waitFor(/Found \d+ Lucaro token\(s\) in the workspace/, 60_000);
    await problems.show();
    await problems.fileRow('notes.txt').waitFor({ timeout: uiTimeoutMs });
    assert.equal(await problems.fileRow('cache.txt').count(), 0, 'the .gitignored file is not scanned');
    await notifications.clearAll();
  });

  void test('"Ignore in this file" silences the token there, across a reload, keeping only a fingerprint', async () => {
    const { workbench, lucaro } = editor();
    const { problems, editors } = workbench;
    const token = lucaro.apiTokens.all;
    fs.writeFileSync(path.join(folder, untrackedEnv), `${envPrefix}${token}\n`);
    await signInWithApiToken();
    await editors.open(untrackedEnv);
    await problems.show();
    const row = problems.rows(apiTokenMessage(inThisFile));
    await row.waitFor({ timeout: uiTimeoutMs });
    await problems.open(row);
    await editors.quickFix('Ignore in this file');
    await row.waitFor({ state: 'hidden', timeout: uiTimeoutMs });

    await workbench.reloadFromPalette();
    await workbench.statusBar.waitForText(demoAccount);
    // The tracked script still warns after the reload: the guard is running.
    await editors.open(trackedScript);
    await problems.show();
    await problems.rows(apiTokenMessage(inGit)).waitFor({ timeout: 30_000 });
    await editors.open(untrackedEnv);
    await holdsFor(async () => (await row.count()) === 0, 'no problem for the ignored token in the .env', 2000);

    const state = await workspaceState();
    assert.ok(state.includes('lucaro.leakGuard.ignored'), 'the ignore list is in the workspace state');
    assert.ok(!state.includes(token), 'the token is not in the workspace state');
  });

  void test('"Sign out and revoke this token" on an OAuth access token revokes it at Lucaro and ends the session', async () => {
    const { workbench, lucaro } = editor();
    const { problems, editors, notifications } = workbench;
    await workbench.signIn.withBrowser();
    await workbench.accountsMenu.waitForAccount(demoAccount);
    const seen = lucaro.secretsSeen();
    const access = seen.accessTokens.filter((token) => lucaro.isTokenActive(token));
    const refresh = seen.refreshTokens.filter((token) => lucaro.isTokenActive(token));
    assert.equal(access.length, 1);
    assert.equal(refresh.length, 1);
    fs.writeFileSync(path.join(folder, oauthJson), `{\n  "token": "${access[0]!}"\n}\n`);
    await editors.open(oauthJson);
    await problems.show();
    const row = problems.rows(`Your Lucaro OAuth access token of ${demoAccount} (ending in ${access[0]!.slice(-4)}) ${inThisFile}`);
    await row.waitFor({ timeout: uiTimeoutMs });
    const revocations = lucaro.counters.revocations;
    await problems.open(row);
    await editors.quickFix('Sign out and revoke this token');
    await waitUntil(() => lucaro.counters.revocations >= revocations + 2, 'two revocation requests');
    assert.equal(lucaro.isTokenActive(access[0]!), false, 'access token revoked');
    assert.equal(lucaro.isTokenActive(refresh[0]!), false, 'refresh token revoked');
    const offer = await notifications.waitFor(`Signed out of Lucaro (${demoAccount}) and revoked its tokens.`);
    assert.equal(await notifications.button(offer, 'Sign In').count(), 1, 'a new sign-in is offered');
    await workbench.views.waitSignedOut();
    await row.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
    await notifications.clearAll();
    fs.writeFileSync(path.join(folder, oauthJson), '{}\n');
  });

  void test('no token in the Problems panel, the logs or the stored state', async () => {
    const { workbench, lucaro } = editor();
    await signInWithApiToken();
    await workbench.palette.run('Lucaro: Scan Workspace for Tokens');
    await workbench.notifications.waitFor(/Found \d+ Lucaro token\(s\)/, 60_000);
    await workbench.problems.show();
    await workbench.problems.rows(apiTokenMessage(inGit)).waitFor({ timeout: uiTimeoutMs });
    const secrets = [lucaro.apiTokens.all, ...lucaro.secretsSeen().accessTokens, ...lucaro.secretsSeen().refreshTokens];
    const shown = await workbench.problems.everything();
    const logs = workbench.log.files().map((file) => fs.readFileSync(file, 'utf8'));
    const state = await workspaceState();
    const userData = filesUnder(workbench.server.userDataDir).filter((file) => !file.includes(`${path.sep}logs${path.sep}`));
    for (const secret of secrets) {
      assert.ok(!shown.includes(secret), 'a token in the Problems panel');
      assert.ok(!logs.some((log) => log.includes(secret)), 'a token in a log file');
      assert.ok(!state.includes(secret), 'a token in the workspace state');
      for (const file of userData) assert.ok(!fs.readFileSync(file).includes(secret), `a token in ${file}`);
    }
    await workbench.notifications.clearAll();
  });
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}
