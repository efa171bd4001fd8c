import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { commandIds } from '../../../src/commands/command-ids';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

describe('package.json', () => {
  test('contributes exactly the commands of the command table', () => {
    const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
    assert.deepEqual(contributed, [...commandIds].sort());
  });

  test('every command is in the Lucaro category with a codicon', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Lucaro', command.command);
      assert.match(command.icon, /^\$\([a-z-]+\)$/, command.command);
    }
  });

  test('activates lazily: no activation events beyond the implicit ones and the dashboard tabs\' serializer', () => {
    // A webview serializer is not implied by any contribution: a restored tab needs the extension running.
    assert.deepEqual(manifest.activationEvents, ['onWebviewPanel:lucaro.dashboard']);
  });

  test('the URL and client settings are application-scoped and restricted in untrusted workspaces', () => {
    const properties = manifest.contributes.configuration.properties;
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['lucaro.apiUrl', 'lucaro.authUrl', 'lucaro.oauth.clientId', 'lucaro.oauth.redirect']) {
      assert.equal(properties[key].scope, 'application', key);
      assert.ok(restricted.includes(key), key);
      assert.ok(properties[key].markdownDescription, key);
    }
    assert.equal(properties['lucaro.apiUrl'].default, 'https://api.lucaro.dev');
    assert.equal(properties['lucaro.authUrl'].default, 'https://auth.lucaro.dev');
    assert.equal(properties['lucaro.oauth.clientId'].default, 'lucaro-vscode');
  });

  test('every %placeholder% has a string in package.nls.json, and none is unused', () => {
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!));
    for (const key of used) assert.ok(nls[key], `missing nls key ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `unused nls key ${key}`);
  });

  test('palette entries are gated by when clauses', () => {
    const palette: { command: string; when?: string }[] = manifest.contributes.menus.commandPalette;
    for (const entry of palette) assert.ok(entry.when, entry.command);
  });
});
