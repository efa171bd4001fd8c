import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { URL } from 'node:url';
import fc from 'fast-check';
import { isYes, parseTask, planNpmInstall, planSystemPackages, systemInstallApproval, systemPackagesByTask } from './bootstrap-plan.mjs';

const numRuns = 1000;

const packageLocation = fc
  .array(fc.stringMatching(/^(@[a-z][a-z0-9-]{0,6}\/)?[a-z][a-z0-9.-]{0,8}$/), { minLength: 1, maxLength: 2 })
  .map((names) => names.map((name) => `node_modules/${name}`).join('/'));
const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((parts) => parts.join('.'));
const entry = fc.record(
  { version, integrity: fc.stringMatching(/^sha512-[A-Za-z0-9+/]{8}$/), optional: fc.boolean(), link: fc.boolean() },
  { requiredKeys: ['version'] },
);
/** A lockfile with a root entry and some dependencies. */
const lockfile = fc.dictionary(packageLocation, entry, { maxKeys: 25 }).map((packages) => ({
  lockfileVersion: 3,
  packages: { '': { name: 'lucaro', version: '0.1.0' }, ...packages },
}));

/** What npm writes to node_modules/.package-lock.json after installing `lock` (no root entry). */
function installedAs(lock, { dropOptional = false } = {}) {
  const packages = Object.fromEntries(
    Object.entries(lock.packages).filter(([location, value]) => location !== '' && !(dropOptional && value.optional)),
  );
  return { lockfileVersion: 3, packages };
}

describe('planNpmInstall: is node_modules what package-lock.json asks for?', () => {
  test('without a record of an install (no node_modules), npm ci is due', () => {
    fc.assert(
      fc.property(lockfile, (lock) => {
        const plan = planNpmInstall(lock, undefined);
        assert.equal(plan.upToDate, false);
        assert.match(plan.reason, /node_modules is missing/);
      }),
      { numRuns },
    );
  });

  test('what npm installed from the lockfile is up to date, with or without the optional packages', () => {
    fc.assert(
      fc.property(lockfile, fc.boolean(), (lock, dropOptional) => {
        assert.deepEqual(planNpmInstall(lock, installedAs(lock, { dropOptional })), { upToDate: true });
      }),
      { numRuns },
    );
  });

  test('one package at another version is stale and named', () => {
    fc.assert(
      fc.property(
        lockfile.filter((lock) => Object.keys(lock.packages).length > 1),
        fc.nat(),
        version,
        (lock, pick, otherVersion) => {
          const locations = Object.keys(lock.packages).filter((location) => location !== '');
          const location = locations[pick % locations.length];
          fc.pre(lock.packages[location].version !== otherVersion);
          const installed = installedAs(lock);
          installed.packages[location] = { ...installed.packages[location], version: otherVersion };
          const plan = planNpmInstall(lock, installed);
          assert.equal(plan.upToDate, false);
          assert.ok(plan.reason.includes(location.slice(location.lastIndexOf('node_modules/') + 13)), plan.reason);
          assert.ok(plan.reason.includes(otherVersion), plan.reason);
        },
      ),
      { numRuns },
    );
  });

  test('a required package missing, or one installed that the lockfile lacks, is stale', () => {
    fc.assert(
      fc.property(
        lockfile.filter((lock) => Object.entries(lock.packages).some(([location, value]) => location !== '' && !value.optional)),
        packageLocation,
        entry,
        fc.boolean(),
        (lock, extraLocation, extraEntry, removeOne) => {
          const installed = installedAs(lock);
          if (removeOne) {
            const required = Object.keys(installed.packages).find((location) => !lock.packages[location].optional);
            assert.ok(required);
            delete installed.packages[required];
          } else {
            fc.pre(!(extraLocation in lock.packages));
            installed.packages[extraLocation] = extraEntry;
          }
          const plan = planNpmInstall(lock, installed);
          assert.equal(plan.upToDate, false);
          assert.match(plan.reason, removeOne ? /is not installed$/ : /is installed but not in package-lock\.json$/);
        },
      ),
      { numRuns },
    );
  });

  test('the real lockfile against itself is up to date; with no node_modules it is not', async () => {
    const { readFile } = await import('node:fs/promises');
    const lock = JSON.parse(await readFile(new URL('../../package-lock.json', import.meta.url), 'utf8'));
    assert.deepEqual(planNpmInstall(lock, installedAs(lock, { dropOptional: true })), { upToDate: true });
    assert.equal(planNpmInstall(lock, undefined).upToDate, false);
  });
});

describe('planSystemPackages: says what it installs, runs apt-get only when allowed, else one sentence with the command', () => {
  const approval = fc.oneof(
    fc.constantFrom('CI is set', 'LUCARO_INSTALL_SYSTEM_PACKAGES=1').map((because) => ({ kind: 'approved', because })),
    fc.constant({ kind: 'ask' }),
    fc.constant({ kind: 'refused' }),
  );
  const facts = fc.record({
    required: fc.uniqueArray(fc.constantFrom('chromium', 'libkrb5-dev', 'build-essential', 'python3', 'git'), { minLength: 1 }),
    installedMask: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    isRoot: fc.boolean(),
    hasAptGet: fc.boolean(),
    approval,
  });
  const oneSentence = (text, missing) => {
    assert.doesNotMatch(text, /\n/);
    assert.match(text, /\.$/);
    for (const name of missing) assert.ok(text.includes(name), text);
  };

  test('nothing to do when everything is installed; otherwise exactly the missing ones are installed, asked for or named', () => {
    fc.assert(
      fc.property(facts, ({ required, installedMask, isRoot, hasAptGet, approval }) => {
        const installed = new Set(required.filter((_, index) => installedMask[index]));
        const missing = required.filter((name) => !installed.has(name));
        const plan = planSystemPackages({ required, installed, isRoot, hasAptGet, approval });
        if (missing.length === 0) return assert.deepEqual(plan, { kind: 'ready' });
        const commands = [
          ['apt-get', 'update'],
          ['apt-get', 'install', '-y', ...missing],
        ];
        const commandLine = `apt-get update && apt-get install -y ${missing.join(' ')}`;
        if (!hasAptGet || !isRoot) {
          assert.equal(plan.kind, 'fail');
          oneSentence(plan.message, missing);
          if (hasAptGet) assert.ok(plan.message.includes(`sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`), plan.message);
          return undefined;
        }
        if (approval.kind === 'approved') {
          assert.deepEqual(plan, { kind: 'install', packages: missing, commands, announcement: `installing ${missing.join(', ')} as root (${approval.because}): ${commandLine}` });
        } else if (approval.kind === 'ask') {
          assert.deepEqual({ ...plan, question: undefined, declined: undefined }, { kind: 'ask', packages: missing, commands, question: undefined, declined: undefined });
          assert.ok(plan.question.includes(commandLine) && plan.question.endsWith('[y/N] '), plan.question);
          for (const name of missing) assert.ok(plan.question.includes(name), plan.question);
          oneSentence(plan.declined, missing);
          assert.ok(plan.declined.includes(commandLine) && plan.declined.includes('LUCARO_INSTALL_SYSTEM_PACKAGES=1'), plan.declined);
        } else {
          assert.equal(plan.kind, 'fail');
          oneSentence(plan.message, missing);
          assert.ok(plan.message.includes(commandLine) && plan.message.includes('LUCARO_INSTALL_SYSTEM_PACKAGES=1'), plan.message);
        }
        return undefined;
      }),
      { numRuns },
    );
  });

  test('apt-get runs without a question only when approved: as root, a refusal or a question never installs', () => {
    fc.assert(
      fc.property(facts, ({ required, installedMask, isRoot, hasAptGet, approval }) => {
        const installed = new Set(required.filter((_, index) => installedMask[index]));
        const plan = planSystemPackages({ required, installed, isRoot, hasAptGet, approval });
        if (plan.kind === 'install') assert.equal(approval.kind, 'approved');
        if (approval.kind !== 'approved') assert.notEqual(plan.kind, 'install');
      }),
      { numRuns },
    );
  });

  test('root without CI or the flag and no terminal: it stops with the command, installing nothing', () => {
    const plan = planSystemPackages({
      required: systemPackagesByTask.demo,
      installed: new Set(['python3']),
      isRoot: true,
      hasAptGet: true,
      approval: systemInstallApproval({}, false),
    });
    assert.deepEqual(plan, {
      kind: 'fail',
      message:
        'Missing system packages (libkrb5-dev, build-essential): run `apt-get update && apt-get install -y libkrb5-dev build-essential` as root, then run this again (or run this with LUCARO_INSTALL_SYSTEM_PACKAGES=1 to let it install them).',
    });
  });

  test('not root and chromium missing: the exact command to run', () => {
    const plan = planSystemPackages({
      required: systemPackagesByTask.test,
      installed: new Set(['libkrb5-dev', 'build-essential', 'python3']),
      isRoot: false,
      hasAptGet: true,
      approval: { kind: 'approved', because: 'CI is set' },
    });
    assert.deepEqual(plan, {
      kind: 'fail',
      message: 'Missing system packages (chromium): run `sudo apt-get update && sudo apt-get install -y chromium`, then run this again.',
    });
  });

  test('the demo needs no browser; the tests do', () => {
    assert.ok(systemPackagesByTask.test.includes('chromium'));
    assert.ok(!systemPackagesByTask.demo.includes('chromium'));
    for (const name of ['libkrb5-dev', 'build-essential', 'python3']) {
      assert.ok(systemPackagesByTask.test.includes(name) && systemPackagesByTask.demo.includes(name));
    }
  });
});

describe('systemInstallApproval: CI or LUCARO_INSTALL_SYSTEM_PACKAGES=1 approve, a terminal is asked, else refused', () => {
  const ciValue = fc.oneof(fc.constantFrom('true', '1', 'TRUE', 'false', 'False', '0', '', ' '), fc.string({ maxLength: 6 }));
  const env = fc.record(
    { CI: ciValue, LUCARO_INSTALL_SYSTEM_PACKAGES: fc.oneof(fc.constantFrom('1', '0', 'yes', ''), fc.string({ maxLength: 3 })), HOME: fc.constant('/root') },
    { requiredKeys: [] },
  );

  test('the decision follows the two variables and the terminal', () => {
    fc.assert(
      fc.property(env, fc.boolean(), (environment, interactive) => {
        const approval = systemInstallApproval(environment, interactive);
        const flag = environment.LUCARO_INSTALL_SYSTEM_PACKAGES === '1';
        const ci = environment.CI !== undefined && !['', '0', 'false'].includes(environment.CI.trim().toLowerCase());
        if (flag) assert.deepEqual(approval, { kind: 'approved', because: 'LUCARO_INSTALL_SYSTEM_PACKAGES=1' });
        else if (ci) assert.deepEqual(approval, { kind: 'approved', because: 'CI is set' });
        else assert.deepEqual(approval, { kind: interactive ? 'ask' : 'refused' });
      }),
      { numRuns },
    );
  });

  test('CI as CI sets it (CI=true, no terminal) installs; a plain root shell without a terminal does not', () => {
    assert.deepEqual(systemInstallApproval({ CI: 'true' }, false), { kind: 'approved', because: 'CI is set' });
    assert.deepEqual(systemInstallApproval({ CI: 'false' }, false), { kind: 'refused' });
    assert.deepEqual(systemInstallApproval({}, false), { kind: 'refused' });
    assert.deepEqual(systemInstallApproval({}, true), { kind: 'ask' });
  });
});

test('isYes: y or yes in any case, with spaces around; anything else is no', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.constantFrom('y', 'Y', 'yes', 'YES', ' yes ', 'n', 'no', 'yess', 'y y', '')), (answer) => {
      assert.equal(isYes(answer), ['y', 'yes'].includes(answer.trim().toLowerCase()));
    }),
    { numRuns },
  );
  assert.equal(isYes(undefined), false);
});

test('parseTask knows test and demo only', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.constantFrom('test', 'demo', 'toString', '__proto__', 'constructor')), (argument) => {
      const task = parseTask(argument);
      assert.equal(task, argument === 'test' || argument === 'demo' ? argument : undefined);
    }),
    { numRuns },
  );
  assert.equal(parseTask(undefined), undefined);
});
