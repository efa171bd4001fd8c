import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFreePort } from './free-port';
import { ensureEditorInstalled, type EditorInstall } from './install-editor';
import { logsDir } from './paths';
import { killProcessGroup, killProcessGroupNow } from './process-group';

/** A display language other than English and the language pack (one of `installExtensions`) that provides it. */
export interface DisplayLanguage {
  /** `--locale`, e.g. `qps-ploc`. */
  locale: string;
  languagePack: { id: string; version: string; /** The pack's file for the editor's own strings, relative to its folder. */ coreTranslations: string };
}

export interface CodeServerOptions {
  /** Written to <user-data-dir>/User/settings.json before start. */
  settings?: Record<string, unknown>;
  /** Added to the environment; it reaches the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Needed for the smoke-test payload (extensionDevelopmentPath/extensionTestsPath in the URL). */
  smokeTestDriver?: boolean;
  /** VSIX files or extension ids, installed into the extensions dir before the server starts. */
  installExtensions?: string[];
  /** Defaults to fresh folders in a temp dir that stop() removes. */
  userDataDir?: string;
  extensionsDir?: string;
  /** Defaults to a free port. */
  port?: number;
  displayLanguage?: DisplayLanguage;
  /**
   * Workspace trust stays off unless this is true: the web worker extension host runs nothing
   * in Restricted Mode (testing-in-the-editor.md), and the tests open folders they made.
   */
  workspaceTrust?: boolean;
}

/** The cookie code-server sets on a login; a browser context that has it is let in. */
export interface SessionCookie {
  name: string;
  value: string;
}

export interface CodeServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /**
   * The login password, random for each start (code-server's `--auth=password`): every page
   * but /healthz answers with the login page without the session it gives.
   */
  password: string;
  /** The session cookie of a login with `password`, made once the editor answered. */
  sessionCookie: SessionCookie;
  /** Workbench URL, optionally opening a folder and handing over a smoke-test payload. */
  workbenchUrl(options?: { folder?: string; payload?: Array<[string, string]> }): string;
  /** Merges `changes` into the user settings file (`undefined` removes a key); the editor picks it up. */
  updateSettings(changes: Record<string, unknown>): void;
  stop(): Promise<void>;
}

const healthTimeoutMs = 60_000;

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const install = ensureEditorInstalled();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-editor-'));
  const userDataDir = options.userDataDir ?? path.join(tempDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(tempDir, 'extensions');
  const configFile = path.join(tempDir, 'config.yaml');
  fs.writeFileSync(configFile, '');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, options.settings);
  if (options.displayLanguage) writeLanguagePacks(userDataDir, extensionsDir, options.displayLanguage);

  const env = { ...process.env, ...options.env };
  // HASHED_PASSWORD from the user's shell would win over the password given below.
  delete env.HASHED_PASSWORD;
  const profileArgs = [`--config=${configFile}`, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`];
  for (const extension of options.installExtensions ?? []) installExtension(install, profileArgs, extension, env);

  const port = options.port ?? (await findFreePort());
  fs.mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, `code-server-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  // code-server takes the password only from $PASSWORD or its config file, and removes it
  // from its environment before it starts the extension host; it never logs it.
  const password = randomBytes(18).toString('base64url');
  const args = [
    install.codeServerEntry,
    ...profileArgs,
    '--auth=password',
    `--bind-addr=127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.displayLanguage ? [`--locale=${options.displayLanguage.locale}`] : []),
  ];
  // Detached: its own process group, so stop() can end the extension host and helpers too.
  const child = spawn(install.nodeBinary, args, { detached: true, env: { ...env, PASSWORD: password }, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const killOnExit = () => killProcessGroupNow(child);
  process.on('exit', killOnExit);

  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await killProcessGroup(child);
    process.off('exit', killOnExit);
    fs.rmSync(tempDir, { recursive: true, force: true });
  };
  let sessionCookie: SessionCookie;
  try {
    await waitForHealthy(origin, child);
    sessionCookie = await logIn(origin, password);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    logFile,
    password,
    sessionCookie,
    workbenchUrl: ({ folder, payload } = {}) => {
      const query = new URLSearchParams();
      if (folder) query.set('folder', folder);
      if (payload) query.set('payload', JSON.stringify(payload));
      const search = query.toString();
      return `${origin}/${search ? `?${search}` : ''}`;
    },
    updateSettings: (changes) => updateUserSettings(userDataDir, changes),
    stop,
  };
}

function updateUserSettings(userDataDir: string, changes: Record<string, unknown>): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const merged = Object.fromEntries(Object.entries({ ...current, ...changes }).filter(([, value]) => value !== undefined));
  writeUserSettings(userDataDir, merged);
}

function writeUserSettings(userDataDir: string, settings: Record<string, unknown> | undefined): void {
  if (!settings) return;
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * The editor takes `--locale` only for a language whose pack is listed in
 * `<user-data-dir>/languagepacks.json`, a cache the desktop app writes when a pack is
 * installed; code-server does not write it for a pack installed from the command line.
 */
function writeLanguagePacks(userDataDir: string, extensionsDir: string, { locale, languagePack }: DisplayLanguage): void {
  const { id, version, coreTranslations } = languagePack;
  const packs = {
    [locale]: {
      hash: `${id}-${version}`,
      label: locale,
      extensions: [{ extensionIdentifier: { id }, version }],
      translations: { vscode: path.join(extensionsDir, `${id}-${version}`, coreTranslations) },
    },
  };
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/** code-server's --install-extension is a CLI command that installs and exits; run it before the server. */
function installExtension(install: EditorInstall, profileArgs: string[], extension: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(install.nodeBinary, [install.codeServerEntry, ...profileArgs, '--install-extension', extension], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`installing ${extension} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
}

/**
 * Logs in the way the login page's form does (POST /login, field `password`) and takes the
 * session cookie from the answer: `code-server-session` unless CODE_SERVER_COOKIE_SUFFIX
 * renames it, so the name is read, not assumed.
 */
async function logIn(origin: string, password: string): Promise<SessionCookie> {
  const response = await fetch(`${origin}/login`, { method: 'POST', body: new URLSearchParams({ password }), redirect: 'manual' });
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('code-server-session'));
  const pair = cookie?.split(';', 1)[0] ?? '';
  const split = pair.indexOf('=');
  if (response.status !== 302 || split <= 0) throw new Error(`logging in to code-server answered ${response.status} without a session cookie`);
  return { name: pair.slice(0, split), value: pair.slice(split + 1) };
}

async function waitForHealthy(origin: string, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + healthTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${healthTimeoutMs} ms`);
}
