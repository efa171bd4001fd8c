import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLucaro, extensionId } from './lucaro-extension';

describe('the Lucaro extension', () => {
  it('is installed under its id', () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not installed`);
  });

  it('activates', async () => {
    const extension = await activateLucaro();
    assert.equal(extension.isActive, true);
  });

  it('registers every command it contributes', async () => {
    const extension = await activateLucaro();
    const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });
});
