// The environment for an `npm ci` started from inside an `npm run` script (the bootstrap, the
// editor install). Plain CommonJS without dependencies: the bootstrap imports it before
// node_modules exists, and the TypeScript harness requires it (npm-run-environment.d.cts).
'use strict';
/* global module */

/**
 * What `npm run` (npm 11) adds to describe itself, the package and the script it runs. None of
 * it is the user's configuration, and a nested npm must compute its own: the package, the
 * script and the node/npm that run it differ there.
 */
const npmRunOwnNames = new Set([
  'npm_command',
  'npm_execpath',
  'npm_node_execpath',
  // @npmcli/config's set-envs.js: always set, from the running npm and its place.
  'npm_config_node_gyp',
  'npm_config_npm_version',
  'npm_config_user_agent',
  'npm_config_local_prefix',
  'npm_config_global_prefix',
]);
/** @npmcli/run-script: the script's event and command, and every package.json field. */
const npmRunOwnPrefixes = ['npm_lifecycle_', 'npm_package_'];

/**
 * Whether `name` is one of the variables `npm run` sets for its script (lower case, as npm
 * writes them) rather than configuration. The `npm_config_*` that npm exports for each
 * setting that is not the default (the registry, a proxy, `cafile`, `ignore-scripts`, from
 * the environment or an .npmrc) are the user's, as is any `NPM_CONFIG_*`.
 *
 * @param {string} name
 * @returns {boolean}
 */
function isNpmRunOwnVariable(name) {
  return npmRunOwnNames.has(name) || npmRunOwnPrefixes.some((prefix) => name.startsWith(prefix));
}

/**
 * `env` without what `npm run` added for its own script, so a nested `npm ci` installs into its
 * own folder with the user's npm settings.
 *
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Record<string, string | undefined>}
 */
function environmentForNestedNpm(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isNpmRunOwnVariable(name)));
}

module.exports = { environmentForNestedNpm, isNpmRunOwnVariable };
