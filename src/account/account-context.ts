import * as vscode from 'vscode';
import { lucaroScopes, scopesCover } from '../core/auth/scopes';
import { DisposableOwner } from '../core/disposable';
import type { AccountSession } from './account-session';

export const signedInContextKey = 'lucaro.signedIn';

/**
 * The context keys `when` clauses and `viewsWelcome` read instead of prompting from the views:
 * `lucaro.signedIn`, and `lucaro.scope.<scope>` so menus hide what the session cannot do.
 */
export class AccountContext extends DisposableOwner {
  constructor(private readonly account: AccountSession) {
    super();
    this._register(account.onDidChange(() => void this.publish()));
  }

  async publish(): Promise<void> {
    const current = this.account.record;
    await Promise.all([
      vscode.commands.executeCommand('setContext', signedInContextKey, current !== undefined),
      ...lucaroScopes.map((scope) =>
        vscode.commands.executeCommand('setContext', `lucaro.scope.${scope}`, current !== undefined && scopesCover(current.scopes, [scope])),
      ),
    ]);
  }
}
