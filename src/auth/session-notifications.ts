import * as vscode from 'vscode';
import { DisposableOwner } from '../core/disposable';
import type { SessionManager } from '../core/session/session-manager';
import { describeForUser } from '../ui/error-messages';

/**
 * Tells the user, once each, what happened to their stored sessions behind their back:
 * stored records that could not be read, secret storage that failed. (A session that
 * ended is the failure channel's one notice.)
 */
export class SessionNotifications extends DisposableOwner {
  private storageFailureShown = false;

  constructor(sessions: SessionManager) {
    super();
    this._register(
      sessions.onDidFindUnreadableSessions(() => {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Some stored Lucaro sign-ins were saved by another version and cannot be read by this one. They are kept as they are.'),
        );
      }),
    );
    this._register(
      sessions.onDidFailToPersist((error) => {
        if (this.storageFailureShown) return;
        this.storageFailureShown = true;
        void vscode.window.showWarningMessage(describeForUser(error));
      }),
    );
  }
}
