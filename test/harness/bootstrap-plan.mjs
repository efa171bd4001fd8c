// What `npm test` and `npm run demo` must install before they can run: pure decisions, no I/O,
// so they can be tested alone (bootstrap-plan.test.mjs). Plain JavaScript without
// dependencies: it runs before node_modules exists.

/** The tasks the bootstrap starts, and the command each hands over to once installed. */
export const tasks = {
  test: { description: 'lint, typecheck, unit, in-editor and browser tests', script: 'test/harness/run-all.ts' },
  demo: { description: 'the local Lucaro and a real editor with the extension', script: 'test/harness/demo.ts' },
};

/**
 * Debian packages each task needs: libkrb5-dev, build-essential and python3 build
 * code-server's native modules (kerberos, argon2) when the editor is installed; the tests
 * also drive Chromium, the demo leaves the browser to the user.
 */
const editorBuildPackages = ['libkrb5-dev', 'build-essential', 'python3'];
export const systemPackagesByTask = {
  test: ['chromium', ...editorBuildPackages],
  demo: editorBuildPackages,
};

/** @returns {'test' | 'demo' | undefined} */
export function parseTask(argument) {
  return Object.hasOwn(tasks, argument ?? '') ? argument : undefined;
}

/** The variable that lets the bootstrap run apt-get as root without asking, outside CI too. */
export const installSystemPackagesVariable = 'LUCARO_INSTALL_SYSTEM_PACKAGES';

/**
 * May the bootstrap run apt-get as root, and how does it know? In CI (`CI` set, as CI services
 * do, and not "false" or "0") or with LUCARO_INSTALL_SYSTEM_PACKAGES=1 it may without asking;
 * at a terminal it asks; otherwise (no one to ask) it may not.
 *
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {boolean} interactive stdin and stdout are a terminal
 * @returns {{ kind: 'approved', because: string } | { kind: 'ask' } | { kind: 'refused' }}
 */
export function systemInstallApproval(env, interactive) {
  if (env[installSystemPackagesVariable] === '1') return { kind: 'approved', because: `${installSystemPackagesVariable}=1` };
  const ci = env.CI;
  if (ci !== undefined && !['', '0', 'false'].includes(ci.trim().toLowerCase())) return { kind: 'approved', because: 'CI is set' };
  return interactive ? { kind: 'ask' } : { kind: 'refused' };
}

/** The answer to the y/N question: only a yes is a yes. */
export function isYes(answer) {
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}

/**
 * Says what it will install before anything runs: `install` runs `commands` after printing
 * them, `ask` asks `question` first, `fail` stops with one sentence naming the command.
 *
 * @param {{ required: readonly string[], installed: ReadonlySet<string>, isRoot: boolean, hasAptGet: boolean, approval: ReturnType<typeof systemInstallApproval> }} facts
 * @returns {{ kind: 'ready' }
 *   | { kind: 'install', packages: string[], commands: string[][], announcement: string }
 *   | { kind: 'ask', packages: string[], commands: string[][], question: string, declined: string }
 *   | { kind: 'fail', message: string }}
 */
export function planSystemPackages({ required, installed, isRoot, hasAptGet, approval }) {
  const missing = required.filter((name) => !installed.has(name));
  if (missing.length === 0) return { kind: 'ready' };
  const commands = [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', ...missing],
  ];
  const commandLine = (prefix) => commands.map((command) => `${prefix}${command.join(' ')}`).join(' && ');
  if (!hasAptGet) {
    return { kind: 'fail', message: `Missing system packages (${missing.join(', ')}) and no apt-get to install them: install them with your system's package manager, then run this again.` };
  }
  if (!isRoot) {
    return { kind: 'fail', message: `Missing system packages (${missing.join(', ')}): run \`${commandLine('sudo ')}\`, then run this again.` };
  }
  const runItYourself = `run \`${commandLine('')}\` as root, then run this again (or run this with ${installSystemPackagesVariable}=1 to let it install them).`;
  if (approval.kind === 'approved') {
    return { kind: 'install', packages: missing, commands, announcement: `installing ${missing.join(', ')} as root (${approval.because}): ${commandLine('')}` };
  }
  if (approval.kind === 'ask') {
    return {
      kind: 'ask',
      packages: missing,
      commands,
      question: `Missing system packages (${missing.join(', ')}). Run \`${commandLine('')}\` now as root? [y/N] `,
      declined: `Not installing system packages (${missing.join(', ')}): ${runItYourself}`,
    };
  }
  return { kind: 'fail', message: `Missing system packages (${missing.join(', ')}): ${runItYourself}` };
}

/**
 * Whether node_modules matches package-lock.json, from npm's own record of what it installed
 * (node_modules/.package-lock.json, written by every npm install). A package the lockfile
 * marks optional may be absent (another platform's build); anything else missing, at another
 * version or integrity, or installed without being in the lockfile means `npm ci`.
 *
 * @param {{ packages?: Record<string, { version?: string, integrity?: string, optional?: boolean, link?: boolean }> }} lockfile
 * @param {{ packages?: Record<string, { version?: string, integrity?: string, link?: boolean }> } | undefined} installedRecord
 * @returns {{ upToDate: true } | { upToDate: false, reason: string }}
 */
export function planNpmInstall(lockfile, installedRecord) {
  if (!installedRecord) return { upToDate: false, reason: 'node_modules is missing or was not installed by npm' };
  const wanted = dependencyEntries(lockfile);
  const installed = dependencyEntries(installedRecord);
  for (const [location, entry] of wanted) {
    const have = installed.get(location);
    const name = packageName(location);
    if (!have) {
      if (entry.optional) continue;
      return { upToDate: false, reason: `${name} is not installed` };
    }
    if (have.version !== entry.version) {
      return { upToDate: false, reason: `${name} is ${have.version ?? 'of no version'}, package-lock.json wants ${entry.version ?? 'none'}` };
    }
    if (entry.integrity && have.integrity && entry.integrity !== have.integrity) {
      return { upToDate: false, reason: `${name} ${entry.version} differs from the one package-lock.json names` };
    }
    if (Boolean(entry.link) !== Boolean(have.link)) return { upToDate: false, reason: `${name} is linked differently` };
  }
  for (const location of installed.keys()) {
    if (!wanted.has(location)) return { upToDate: false, reason: `${packageName(location)} is installed but not in package-lock.json` };
  }
  return { upToDate: true };
}

/** The lockfile's packages without the root project (the "" entry). */
function dependencyEntries(lock) {
  return new Map(Object.entries(lock?.packages ?? {}).filter(([location]) => location !== ''));
}

/** 'node_modules/a/node_modules/@b/c' -> '@b/c' */
function packageName(location) {
  return location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length) || location;
}
