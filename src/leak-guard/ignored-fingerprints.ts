import type * as vscode from 'vscode';
import { ignoredSecretsKey, parseIgnoredSecrets, withIgnored, type IgnoredSecrets } from '../core/leak-guard/ignored-secrets';

/**
 * "Ignore in this file": in `workspaceState` when the fingerprint key is in SecretStorage,
 * in memory (this window's session only) when it could not be kept there, so that nothing
 * fingerprinted under a key that is gone tomorrow, or under no key, is ever written.
 */
export class IgnoredFingerprints {
  private inMemory: IgnoredSecrets = {};

  constructor(private readonly workspaceState: vscode.Memento | undefined) {}

  get current(): IgnoredSecrets {
    return this.workspaceState ? parseIgnoredSecrets(this.workspaceState.get(ignoredSecretsKey)) : this.inMemory;
  }

  async add(fileUri: string, fingerprint: string): Promise<void> {
    const next = withIgnored(this.current, fileUri, fingerprint);
    if (this.workspaceState) await this.workspaceState.update(ignoredSecretsKey, next);
    else this.inMemory = next;
  }
}
