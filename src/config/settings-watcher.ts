import * as vscode from 'vscode';
import type { SessionManager } from '../core/session/session-manager';
import type { LucaroServerUrls } from '../core/session/session-record';
import { describeForUser } from '../ui/error-messages';
import { affectsLucaroSettings, currentServer, readLucaroSettings } from './lucaro-settings';

/**
 * Follows the user's Lucaro settings: an invalid URL is reported once per change (and no
 * token goes anywhere meanwhile); pointing at another Lucaro swaps the sessions in use.
 */
export class SettingsWatcher implements vscode.Disposable {
  private server: LucaroServerUrls = currentServer();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sessions: SessionManager) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsLucaroSettings(event)) void this.settingsChanged();
    });
  }

  /** Reports settings that were already invalid when the extension started. */
  validate(): void {
    try {
      readLucaroSettings();
    } catch (error) {
      void this.report(error);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async settingsChanged(): Promise<void> {
    this.validate();
    const previous = this.server;
    this.server = currentServer();
    await this.sessions.serverChanged(previous);
  }

  private async report(error: unknown): Promise<void> {
    const openSettings = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showErrorMessage(describeForUser(error), openSettings);
    if (choice === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'lucaro.');
  }
}
