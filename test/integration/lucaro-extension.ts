import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const extensionId = 'lucaro.lucaro';

export async function activateLucaro(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  await extension.activate();
  return extension;
}
