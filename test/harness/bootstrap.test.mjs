// The bootstrap's apt-get step end to end, as root: fake `dpkg-query` (every package missing)
// and `apt-get` (records its arguments, then fails so the bootstrap stops there) first on PATH.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const bootstrap = fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));
const isRoot = process.getuid?.() === 0;
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

describe('bootstrap as root with system packages missing', { skip: !isRoot && 'only as root (the apt-get step is for root)' }, () => {
  let stubs = '';
  let aptLog = '';
  before(() => {
    stubs = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-bootstrap-stubs-'));
    aptLog = path.join(stubs, 'apt-get.log');
    fs.writeFileSync(path.join(stubs, 'dpkg-query'), '#!/bin/sh\n[ "$1" = --version ] && exit 0\nexit 1\n', { mode: 0o755 });
    fs.writeFileSync(path.join(stubs, 'apt-get'), `#!/bin/sh\n[ "$1" = --version ] && exit 0\necho "$*" >> '${aptLog}'\nexit 3\n`, { mode: 0o755 });
  });
  after(() => fs.rmSync(stubs, { recursive: true, force: true }));

  /** The bootstrap for `demo` with the stubs; its output and what apt-get was asked to do. */
  function run({ env = {}, command = process.execPath, args = [bootstrap, 'demo'], input } = {}) {
    fs.rmSync(aptLog, { force: true });
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'CI' && name !== 'LUCARO_INSTALL_SYSTEM_PACKAGES'));
    return new Promise((resolve) => {
      const child = spawn(command, args, { env: { ...base, ...env, PATH: `${stubs}${path.delimiter}${process.env.PATH}` }, stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.stdin.end(input ?? '');
      child.on('close', (code) => resolve({ code, output, apt: fs.existsSync(aptLog) ? fs.readFileSync(aptLog, 'utf8') : '' }));
    });
  }

  test('without CI, the flag or a terminal it runs no apt-get and names the command', async () => {
    const { code, output, apt } = await run();
    assert.equal(code, 1, output);
    assert.equal(apt, '', 'apt-get was not run');
    assert.ok(output.includes('run `apt-get update && apt-get install -y libkrb5-dev build-essential python3` as root'), output);
    assert.ok(output.includes('LUCARO_INSTALL_SYSTEM_PACKAGES=1'), output);
  });

  for (const [why, env] of [
    ['CI=true (as CI sets it, no terminal)', { CI: 'true' }],
    ['LUCARO_INSTALL_SYSTEM_PACKAGES=1', { LUCARO_INSTALL_SYSTEM_PACKAGES: '1' }],
  ]) {
    test(`with ${why} it says what it installs, then runs apt-get`, async () => {
      const { code, output, apt } = await run({ env });
      assert.equal(code, 1, output);
      assert.equal(apt, 'update\n', 'apt-get update ran (and the stub failed it)');
      const said = output.indexOf('installing libkrb5-dev, build-essential, python3 as root');
      assert.ok(said >= 0 && said < output.indexOf('`apt-get update` failed'), output);
      assert.ok(output.includes('apt-get update && apt-get install -y libkrb5-dev build-essential python3'), output);
    });
  }

  test('at a terminal it asks first: "n" installs nothing, "y" runs apt-get', { skip: !hasScript && 'needs script(1) for a terminal' }, async () => {
    // script(1) gives the bootstrap a terminal; what the test writes reaches it as typed.
    const atTerminal = (answer) => run({ command: 'script', args: ['-qec', `'${process.execPath}' '${bootstrap}' demo`, '/dev/null'], input: `${answer}\n` });
    const declined = await atTerminal('n');
    assert.ok(declined.output.includes('now as root? [y/N]'), declined.output);
    assert.equal(declined.apt, '', declined.output);
    assert.ok(declined.output.includes('Not installing system packages'), declined.output);
    const accepted = await atTerminal('y');
    assert.equal(accepted.apt, 'update\n', accepted.output);
  });
});
