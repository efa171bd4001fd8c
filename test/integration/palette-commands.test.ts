import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLucaro } from './lucaro-extension';

describe('the Lucaro palette commands with nothing selected and nobody signed in', () => {
  before(async () => {
    await activateLucaro();
  });

  // They answer with a message saying what to do; they must neither throw nor hang.
  for (const command of ['lucaro.openInBrowser', 'lucaro.copyId', 'lucaro.loadMore', 'lucaro.retry', 'lucaro.refresh']) {
    it(`${command} settles without an error`, async () => {
      await assert.doesNotReject(Promise.resolve(vscode.commands.executeCommand(command)));
    });
  }
});
