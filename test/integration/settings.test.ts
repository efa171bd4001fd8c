import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLucaro } from './lucaro-extension';

describe('the Lucaro settings', () => {
  before(async () => {
    await activateLucaro();
  });

  it('have the production defaults', () => {
    const configuration = vscode.workspace.getConfiguration('lucaro');
    assert.equal(configuration.inspect('apiUrl')?.defaultValue, 'https://api.lucaro.dev');
    assert.equal(configuration.inspect('authUrl')?.defaultValue, 'https://auth.lucaro.dev');
    assert.equal(configuration.inspect('oauth.clientId')?.defaultValue, 'lucaro-vscode');
    assert.equal(configuration.inspect('oauth.redirect')?.defaultValue, 'auto');
  });

  for (const key of ['apiUrl', 'authUrl', 'oauth.clientId', 'oauth.redirect', 'leakGuard.enabled']) {
    it(`lucaro.${key} cannot be set by a workspace`, async () => {
      const configuration = vscode.workspace.getConfiguration('lucaro');
      await assert.rejects(
        Promise.resolve(configuration.update(key, key === 'leakGuard.enabled' ? false : 'https://attacker.example', vscode.ConfigurationTarget.Workspace)),
        /workspace|application/i,
      );
      assert.equal(vscode.workspace.getConfiguration('lucaro').inspect(key)?.workspaceValue, undefined);
    });
  }
});
