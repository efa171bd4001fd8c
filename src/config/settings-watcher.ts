import * as vscode from 'vscode';
import { DisposableOwner } from '../core/disposable';
import type { SessionManager } from '../core/session/session-manager';
import { describeForUser } from '../ui/error-messages';
import type { LucaroSettingsSource, SettingsChange } from './lucaro-settings';

/**
 * Reacts to the user's Lucaro settings: an invalid URL is reported once per change (and no
 * token goes anywhere meanwhile); pointing at another Lucaro swaps the sessions in use.
 */
export class SettingsWatcher extends DisposableOwner {
  constructor(
    private readonly settings: LucaroSettingsSource,
    private readonly sessions: SessionManager,
  ) {
    super();
    this._register(settings.onDidChange((change) => void this.settingsChanged(change)));
  }

  /** Reports settings that were already invalid when the extension started. */
  validate(): void {
    const snapshot = this.settings.current;
    if (!snapshot.valid) void this.report(snapshot.error);
  }

  private async settingsChanged({ previous }: SettingsChange): Promise<void> {
    this.validate();
    await this.sessions.serverChanged(previous.server);
  }

  private async report(error: unknown): Promise<void> {
    const openSettings = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showErrorMessage(describeForUser(error), openSettings);
    if (choice === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'lucaro.');
  }
}
