import * as vscode from 'vscode';
import type { ActiveAccount } from '../account/active-account';
import { lucaroScopes, scopesCover } from '../core/auth/scopes';

export const signedInContextKey = 'lucaro.signedIn';

/**
 * The context keys `when` clauses and `viewsWelcome` read instead of prompting from the views:
 * `lucaro.signedIn`, and `lucaro.scope.<scope>` so menus hide what the session cannot do.
 */
export class AccountContext implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly account: ActiveAccount) {
    this.subscription = account.onDidChange(() => void this.publish());
  }

  async publish(): Promise<void> {
    const current = this.account.current;
    await Promise.all([
      vscode.commands.executeCommand('setContext', signedInContextKey, current !== undefined),
      ...lucaroScopes.map((scope) =>
        vscode.commands.executeCommand('setContext', `lucaro.scope.${scope}`, current !== undefined && scopesCover(current.scopes, [scope])),
      ),
    ]);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
