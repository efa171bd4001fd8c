import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { environmentForNestedNpm, isNpmRunOwnVariable } from './npm-run-environment.cjs';

const numRuns = 1000;
const helper = fileURLToPath(new URL('./npm-run-environment.cjs', import.meta.url));

/** Settings a user sets for npm (in the environment or an .npmrc, which npm run exports). */
const userSettingName = fc.oneof(
  fc.constantFrom('registry', 'ignore_scripts', 'proxy', 'https_proxy', 'cafile', 'strict_ssl', 'cache', 'userconfig', 'loglevel', 'noproxy', 'prefix', '_auth'),
  fc.stringMatching(/^[a-z][a-z_]{0,12}$/),
).filter((name) => !isNpmRunOwnVariable(`npm_config_${name}`));
const userNpmVariable = fc.oneof(
  userSettingName.map((name) => `npm_config_${name}`),
  userSettingName.map((name) => `NPM_CONFIG_${name.toUpperCase()}`),
);
const otherVariable = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((name) => !name.toLowerCase().startsWith('npm_'));
/** What npm run sets for its script, as npm 11 names it. */
const npmRunVariable = fc.oneof(
  fc.constantFrom('npm_command', 'npm_execpath', 'npm_node_execpath', 'npm_config_node_gyp', 'npm_config_npm_version', 'npm_config_user_agent', 'npm_config_local_prefix', 'npm_config_global_prefix'),
  fc.stringMatching(/^[a-z_]{1,10}$/).map((rest) => `npm_lifecycle_${rest}`),
  fc.stringMatching(/^[a-z_]{1,10}$/).map((rest) => `npm_package_${rest}`),
);
const value = fc.string({ maxLength: 20 });

describe('environmentForNestedNpm: the user part of the environment, without what npm run adds', () => {
  test('the user\'s variables (npm settings included) come through unchanged; npm run\'s own are gone', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(userNpmVariable, otherVariable), value, { maxKeys: 15 }),
        fc.dictionary(npmRunVariable, value, { maxKeys: 15 }),
        (user, added) => {
          assert.deepEqual(environmentForNestedNpm({ ...user, ...added }), { ...user });
        },
      ),
      { numRuns },
    );
  });

  test('it only removes, never adds or changes, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(userNpmVariable, otherVariable, npmRunVariable, fc.string({ maxLength: 12 })), value, { maxKeys: 25 }), (env) => {
        const nested = environmentForNestedNpm(env);
        for (const [name, kept] of Object.entries(nested)) assert.equal(kept, env[name]);
        for (const name of Object.keys(env)) assert.equal(name in nested, !isNpmRunOwnVariable(name), name);
        assert.deepEqual(environmentForNestedNpm(nested), nested);
      }),
      { numRuns },
    );
  });
});

test('under a real `npm run`, a nested npm keeps the user\'s registry, proxy, cafile and ignore-scripts and installs in its own folder', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-npm-run-env-'));
  try {
    const outer = path.join(home, 'outer');
    const inner = path.join(home, 'inner');
    fs.mkdirSync(outer);
    fs.mkdirSync(inner);
    fs.writeFileSync(path.join(inner, 'package.json'), JSON.stringify({ name: 'inner', version: '1.0.0' }));
    // The script asks a nested npm (in another folder, as the bootstrap and the editor install
    // do) what it sees, with the environment the harness would give it.
    const probe = [
      `const { environmentForNestedNpm } = require(${JSON.stringify(helper)});`,
      `const { execFileSync } = require('node:child_process');`,
      `const env = environmentForNestedNpm(process.env);`,
      `const get = (...args) => execFileSync('npm', args, { cwd: ${JSON.stringify(inner)}, env, encoding: 'utf8' }).trim();`,
      `console.log(JSON.stringify({ env, registry: get('config', 'get', 'registry'), proxy: get('config', 'get', 'proxy'),`,
      `  cafile: get('config', 'get', 'cafile'), ignoreScripts: get('config', 'get', 'ignore-scripts'), fromNpmrc: get('config', 'get', 'fetch-retries'), prefix: get('prefix') }));`,
    ].join('\n');
    fs.writeFileSync(path.join(outer, 'probe.js'), probe);
    fs.writeFileSync(path.join(outer, 'package.json'), JSON.stringify({ name: 'outer', version: '2.0.0', scripts: { probe: 'node probe.js' } }));
    fs.writeFileSync(path.join(home, '.npmrc'), 'fetch-retries=7\n');
    const ran = spawnSync('npm', ['run', 'probe', '--silent'], {
      cwd: outer,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: home,
        npm_config_registry: 'http://127.0.0.1:9/mirror/',
        NPM_CONFIG_PROXY: 'http://127.0.0.1:9/',
        npm_config_cafile: path.join(home, 'company-ca.pem'),
        npm_config_ignore_scripts: 'true',
      },
    });
    assert.equal(ran.status, 0, ran.stderr);
    const seen = JSON.parse(ran.stdout);
    assert.equal(seen.registry, 'http://127.0.0.1:9/mirror/');
    assert.equal(seen.proxy, 'http://127.0.0.1:9/');
    assert.equal(seen.cafile, path.join(home, 'company-ca.pem'));
    assert.equal(seen.ignoreScripts, 'true');
    assert.equal(seen.fromNpmrc, '7');
    assert.equal(seen.prefix, inner, 'the nested npm works in its own folder');
    const leftovers = Object.keys(seen.env).filter((name) => /^npm_(lifecycle|package)_|^npm_(command|execpath|node_execpath)$/.test(name));
    assert.deepEqual(leftovers, [], 'npm run\'s own variables are not passed on');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
