import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { findFreePort } from '../harness/free-port';
import { repoRoot } from '../harness/paths';
import { waitUntil } from './pages/wait';

/** `npm run demo` starts the server and a real editor, prints one URL, and stops both on Ctrl+C. */
void test('npm run demo serves the editor and a seeded Lucaro, and Ctrl+C stops both', { timeout: 180_000 }, async () => {
  const [editorPort, apiPort, authPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const demo = spawn(process.execPath, ['--import', 'tsx', 'test/harness/demo.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      LUCARO_DEMO_EDITOR_PORT: String(editorPort),
      LUCARO_API_PORT: String(apiPort),
      LUCARO_AUTH_PORT: String(authPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
  try {
    // On a timeout the assertion below fails with the demo's output.
    await waitUntil(() => /Ctrl\+C stops/.test(output) || demo.exitCode !== null, 'the demo to start', 150_000).catch(() => false);
    assert.match(output, /Ctrl\+C stops/, output);
    const url = /Open:\s+(\S+)/.exec(output)?.[1];
    const token = /(lct_\S+)/.exec(output)?.[1];
    assert.ok(url && url.startsWith(`http://127.0.0.1:${editorPort}/`), output);
    assert.match(output, /demo \/ demo/);
    assert.equal((await fetch(url)).status, 200, 'the workbench answers');
    const me = await fetch(`http://[::1]:${apiPort}/v2/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200, 'the printed API token works against the printed server');
    const projects = (await (await fetch(`http://[::1]:${apiPort}/v2/projects`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: unknown[] };
    assert.ok(projects.data.length > 3, 'seeded projects');
  } finally {
    demo.kill('SIGINT');
  }
  assert.equal(await exited, 0, output);
  await assert.rejects(fetch(`http://127.0.0.1:${editorPort}/healthz`), 'the editor stopped');
  await assert.rejects(fetch(`http://[::1]:${apiPort}/v2/me`), 'the server stopped');
});
