import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { launchChromium } from '../harness/browser';
import { findFreePort } from '../harness/free-port';
import { repoRoot } from '../harness/paths';
import { answerWithoutSession, EditorLogin } from './pages/editor-login';
import { uiTimeoutMs, waitUntil } from './pages/wait';

/**
 * `npm run demo` starts the server and a real editor, prints one URL and the editor's
 * password, and stops both on Ctrl+C. The editor is on a free port (none was asked for) and
 * lets in only a browser that typed the password.
 */
void test('npm run demo serves the editor behind a password and a seeded Lucaro, and Ctrl+C stops both', { timeout: 180_000 }, async () => {
  const [apiPort, authPort] = [await findFreePort(), await findFreePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, LUCARO_API_PORT: String(apiPort), LUCARO_AUTH_PORT: String(authPort) };
  delete env.LUCARO_DEMO_EDITOR_PORT;
  const demo = spawn(process.execPath, ['--import', 'tsx', 'test/harness/demo.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
  let editorOrigin = '';
  try {
    // On a timeout the assertion below fails with the demo's output.
    await waitUntil(() => /Ctrl\+C stops/.test(output) || demo.exitCode !== null, 'the demo to start', 150_000).catch(() => false);
    assert.match(output, /Ctrl\+C stops/, output);
    const url = /Open:\s+(\S+)/.exec(output)?.[1];
    const password = /Password:\s+(\S+)/.exec(output)?.[1];
    const token = /(lct_\S+)/.exec(output)?.[1];
    assert.ok(url && password && token, output);
    editorOrigin = new URL(url).origin;
    assert.equal(new URL(url).hostname, '127.0.0.1', output);
    assert.notEqual(new URL(url).port, '8080', 'a free port, not a fixed one');
    assert.ok(password.length >= 20, 'a password no one guesses');
    assert.match(output, /demo \/ demo/);

    const answer = await answerWithoutSession(url);
    assert.equal(answer.status, 302, 'without the password the workbench is not served');
    assert.match(answer.location ?? '', /^\.?\/?login\b/);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await (await new EditorLogin(page).shown()).logIn(password);
      await page.locator('.monaco-workbench .part.activitybar a.action-label[aria-label="Lucaro"]').waitFor({ timeout: 3 * uiTimeoutMs });
    } finally {
      await browser.close();
    }

    const me = await fetch(`http://[::1]:${apiPort}/v2/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200, 'the printed API token works against the printed server');
    const projects = (await (await fetch(`http://[::1]:${apiPort}/v2/projects`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: unknown[] };
    assert.ok(projects.data.length > 3, 'seeded projects');
  } finally {
    demo.kill('SIGINT');
  }
  assert.equal(await exited, 0, output);
  await assert.rejects(fetch(`${editorOrigin}/healthz`), 'the editor stopped');
  await assert.rejects(fetch(`http://[::1]:${apiPort}/v2/me`), 'the server stopped');
});
