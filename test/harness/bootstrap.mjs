// `npm test` and `npm run demo` start here: installs what is missing, says what it does, then
// hands over to the task. The Debian packages as root, after naming them: without asking in CI
// or with LUCARO_INSTALL_SYSTEM_PACKAGES=1, after a y/N question at a terminal, else it stops
// with the command to run. The npm dependencies when node_modules is absent or stale, with the
// user's npm settings. The editor (Node 24 + code-server) is installed into
// .vscode-test/ by the task itself (install-editor.ts). Plain Node without dependencies: it
// runs before node_modules exists. Usage: node test/harness/bootstrap.mjs test|demo [args...]
import { spawn, spawnSync } from 'node:child_process';
import console from 'node:console';
import * as fs from 'node:fs';
import * as path from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { environmentForNestedNpm } from './npm-run-environment.cjs';
import { isYes, parseTask, planNpmInstall, planSystemPackages, systemInstallApproval, systemPackagesByTask, tasks } from './bootstrap-plan.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const minimumNodeMajor = 20;

/** A step that cannot go on; its message is the one sentence the user sees. */
class BootstrapError extends Error {}

function say(line) {
  console.log(`[bootstrap] ${line}`);
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < minimumNodeMajor) {
    throw new BootstrapError(`Node ${minimumNodeMajor} or newer is needed, this is ${process.version}: install a newer Node, then run this again.`);
  }
}

async function ensureSystemPackages(task) {
  const required = systemPackagesByTask[task];
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
    say(`not a Debian system: make sure these (or their equivalents) are installed: ${required.join(', ')}`);
    return;
  }
  const installed = new Set(required.filter((name) => isDebianPackageInstalled(name)));
  const plan = planSystemPackages({
    required,
    installed,
    isRoot: process.getuid?.() === 0,
    hasAptGet: spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
    approval: systemInstallApproval(process.env, Boolean(process.stdin.isTTY && process.stdout.isTTY)),
  });
  if (plan.kind === 'ready') {
    say(`system packages: ${required.join(', ')} already installed`);
    return;
  }
  if (plan.kind === 'fail') throw new BootstrapError(plan.message);
  if (plan.kind === 'ask') {
    if (!isYes(await ask(`[bootstrap] ${plan.question}`))) throw new BootstrapError(plan.declined);
  } else {
    say(`system packages: ${plan.announcement}`);
  }
  const started = Date.now();
  for (const command of plan.commands) {
    const [program, ...args] = command;
    const result = spawnSync(program, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new BootstrapError(`\`${command.join(' ')}\` failed (see above): fix that, then run this again.`);
  }
  say(`system packages: installed in ${secondsSince(started)} s`);
}

async function ask(question) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function ensureNpmDependencies() {
  const lockfile = readJson(path.join(repoRoot, 'package-lock.json'));
  if (!lockfile) throw new BootstrapError('package-lock.json is missing or unreadable: restore it (git checkout package-lock.json), then run this again.');
  const plan = planNpmInstall(lockfile, readJson(path.join(repoRoot, 'node_modules', '.package-lock.json')));
  if (plan.upToDate) {
    say('npm dependencies: node_modules matches package-lock.json');
    return;
  }
  say(`npm dependencies: installing with npm ci (${plan.reason})`);
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit', env: environmentForNestedNpm(process.env) });
  if (result.status !== 0) throw new BootstrapError('`npm ci` failed (see above): fix that, then run this again.');
  say(`npm dependencies: installed in ${secondsSince(started)} s`);
}

function secondsSince(started) {
  return ((Date.now() - started) / 1000).toFixed(1);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs the task's script with tsx; Ctrl+C reaches it (and is passed on), its exit code becomes ours. */
function handOver(task, args) {
  const { script, description } = tasks[task];
  say(`starting ${task}: ${description}`);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const [argument, ...args] = process.argv.slice(2);
  const task = parseTask(argument);
  if (!task) throw new BootstrapError(`Usage: node test/harness/bootstrap.mjs ${Object.keys(tasks).join('|')} (got "${argument ?? ''}").`);
  checkNode();
  await ensureSystemPackages(task);
  ensureNpmDependencies();
  say('the editor (Node 24 + code-server) goes into .vscode-test/ on first use, about 2 minutes');
  handOver(task, args);
}

main().catch((error) => {
  if (!(error instanceof BootstrapError)) throw error;
  console.error(`[bootstrap] ${error.message}`);
  process.exit(1);
});
