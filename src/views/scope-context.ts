import * as vscode from 'vscode';
import type { ActiveAccount } from '../account/active-account';
import { lucaroScopes, scopesCover } from '../core/auth/scopes';

/** `lucaro.scope.<scope>` context keys: menus and palette entries hide what the session cannot do. */
export class ScopeContext implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly account: ActiveAccount) {
    this.subscription = account.onDidChange(() => void this.publish());
  }

  async publish(): Promise<void> {
    const granted = this.account.current?.scopes ?? [];
    await Promise.all(
      lucaroScopes.map((scope) =>
        vscode.commands.executeCommand('setContext', `lucaro.scope.${scope}`, this.account.current !== undefined && scopesCover(granted, [scope])),
      ),
    );
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
