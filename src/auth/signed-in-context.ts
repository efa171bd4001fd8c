import * as vscode from 'vscode';
import type { SessionManager } from '../core/session/session-manager';

export const signedInContextKey = 'lucaro.signedIn';

/**
 * Keeps the `lucaro.signedIn` context key in step with the stored sessions; `when`
 * clauses and `viewsWelcome` read it instead of prompting from the views.
 */
export class SignedInContext implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sessions: SessionManager) {
    this.subscription = sessions.onDidChangeSessions(() => void this.update());
  }

  async update(): Promise<void> {
    let signedIn = false;
    try {
      signedIn = (await this.sessions.list()).length > 0;
    } finally {
      await vscode.commands.executeCommand('setContext', signedInContextKey, signedIn);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
