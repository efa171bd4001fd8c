import * as vscode from 'vscode';
import type { SessionManager } from '../core/session/session-manager';
import { describeForUser } from '../ui/error-messages';
import { SessionEndedError } from '../core/session/session-errors';

/**
 * Tells the user, once each, what happened to their sessions behind their back: a session
 * that ended, stored records that could not be read, secret storage that failed.
 */
export class SessionNotifications implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private storageFailureShown = false;

  constructor(sessions: SessionManager, private readonly signIn: () => Thenable<unknown>) {
    this.subscriptions = [
      sessions.onDidEndSession(({ record }) => void this.sessionEnded(new SessionEndedError(record.id, record.account.label))),
      sessions.onDidFindUnreadableSessions(() => {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Some stored Lucaro sign-ins were saved by another version and cannot be read by this one. They are kept as they are.'),
        );
      }),
      sessions.onDidFailToPersist((error) => {
        if (this.storageFailureShown) return;
        this.storageFailureShown = true;
        void vscode.window.showWarningMessage(describeForUser(error));
      }),
    ];
  }

  private async sessionEnded(error: SessionEndedError): Promise<void> {
    const signIn = vscode.l10n.t('Sign In');
    const choice = await vscode.window.showWarningMessage(describeForUser(error), signIn);
    if (choice === signIn) await this.signIn();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
