import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLucaroServer } from '../server/index';
import { stopOnSignals } from '../server/stop-on-signals';
import { startCodeServer } from './code-server';
import { ensureEditorInstalled } from './install-editor';
import { repoRoot, vsixPath } from './paths';

/**
 * `npm run demo`: the local Lucaro server with seeded data and a real editor (code-server)
 * with the packaged extension installed and pointed at it. Ctrl+C stops both. The editor is a
 * terminal for whoever reaches it: it asks for a password made for this start (printed with
 * its URL) and listens on a free port unless LUCARO_DEMO_EDITOR_PORT names one.
 */
async function main(): Promise<void> {
  ensureEditorInstalled();
  const packaged = spawnSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (packaged.status !== 0) throw new Error('npm run package failed');

  const lucaro = await startLucaroServer({
    // [::1], not 127.0.0.1: a browser-based editor rewrites `localhost` and `127.0.0.1` links it
    // opens to its own port proxy and mangles the nested redirect_uri on the way; IPv6
    // loopback is left alone, so the consent page opens exactly as Lucaro's would.
    host: '::1',
    apiPort: port('LUCARO_API_PORT', 7070),
    authPort: port('LUCARO_AUTH_PORT', 7071),
    projects: port('LUCARO_DEMO_PROJECTS', 42),
    dashboardsPerProject: 3,
    metricsPerProject: 4,
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-demo-workspace-'));
  fs.writeFileSync(path.join(folder, 'README.md'), '# Lucaro demo workspace\n\nOpen the Lucaro view in the activity bar and sign in.\n');
  // Unset or 0: a free port (a fixed one is easy to guess and may be taken).
  const editorPort = port('LUCARO_DEMO_EDITOR_PORT', 0);
  const editor = await startCodeServer({
    ...(editorPort > 0 ? { port: editorPort } : {}),
    // The editor's default: the demo's folder opens after the usual trust question.
    workspaceTrust: true,
    installExtensions: [vsixPath],
    settings: {
      'lucaro.apiUrl': lucaro.apiUrl,
      'lucaro.authUrl': lucaro.authUrl,
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
    },
  });
  const demo = lucaro.users[0]!;
  console.log(`
Lucaro demo is running.

  Open:        ${editor.workbenchUrl({ folder })}
  Password:    ${editor.password}   (the editor's login page asks for it; new on every start)
  Sign in as:  ${demo.username} / ${demo.password} (${demo.name}), or paste the API token
               ${lucaro.apiTokens.all}
  Lucaro API:  ${lucaro.apiUrl}   auth: ${lucaro.authUrl}

Ctrl+C stops the editor and the server.`);

  stopOnSignals(async () => {
    await Promise.all([editor.stop(), lucaro.close()]);
    fs.rmSync(folder, { recursive: true, force: true });
  });
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
