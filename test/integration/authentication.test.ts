import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLucaro } from './lucaro-extension';

describe('the Lucaro authentication provider', () => {
  before(async () => {
    await activateLucaro();
  });

  it('answers a silent getSession without prompting when signed out', async () => {
    const session = await vscode.authentication.getSession('lucaro', [], { silent: true });
    assert.equal(session, undefined);
  });
});
