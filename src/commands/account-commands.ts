import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { ClientSecretStore } from '../auth/client-secret-store';
import { lucaroProviderId } from '../auth/lucaro-authentication-provider';
import type { SessionManager } from '../core/session/session-manager';
import type { SessionRecord } from '../core/session/session-record';
import { literalIcons, literalInMessage } from '../core/encoding/editor-text';

/** Any session will do: the browser asks for the default scopes, and an API token may have fewer. */
export function signIn(): Thenable<vscode.AuthenticationSession | undefined> {
  return vscode.authentication.getSession(lucaroProviderId, [], { createIfNone: true }).then(
    (session) => session,
    // The sign-in flow has already told the user what went wrong.
    () => undefined,
  );
}

/** Sign out, switch account, client secret. */
export class AccountCommands {
  constructor(
    private readonly sessions: SessionManager,
    private readonly account: AccountSession,
    private readonly clientSecret: ClientSecretStore,
  ) {}

  async signOut(): Promise<void> {
    const records = await this.sessions.list();
    const picked =
      records.length <= 1 ? records[0] : await pickSession(records, vscode.l10n.t('Sign out of which Lucaro account?'));
    if (!picked) return;
    await this.sessions.remove(picked.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Lucaro ({0}).', literalInMessage(picked.account.label)));
  }

  async switchAccount(): Promise<void> {
    const records = await this.sessions.list();
    const addAccount = { label: `$(add) ${vscode.l10n.t('Sign in with another account…')}`, record: undefined };
    const items = [
      ...records.map((record) => ({
        label: `${record.id === this.account.record?.id ? '$(check)' : '$(account)'} ${literalIcons(record.account.label)}`,
        description: record.kind === 'apiToken' ? vscode.l10n.t('API token') : undefined,
        detail: record.scopes.join(' '),
        record,
      })),
      addAccount,
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Lucaro account for the sidebar') });
    if (!picked) return;
    if (picked.record) await this.account.switchTo(picked.record.account.id);
    else {
      const session = await vscode.authentication
        .getSession(lucaroProviderId, [], { forceNewSession: true, clearSessionPreference: true })
        .then(
          (created) => created,
          () => undefined,
        );
      if (session) await this.account.switchTo(session.account.id);
    }
  }

  async setClientSecret(): Promise<void> {
    const secret = await vscode.window.showInputBox({
      title: vscode.l10n.t('Lucaro OAuth client secret'),
      prompt: vscode.l10n.t(
        'Only for a confidential Lucaro deployment. Kept in secret storage. Leave empty to remove the stored secret.',
      ),
      password: true,
      ignoreFocusOut: true,
    });
    if (secret === undefined) return;
    await this.clientSecret.set(secret.trim() || undefined);
    void vscode.window.showInformationMessage(
      secret.trim() ? vscode.l10n.t('The Lucaro client secret is stored.') : vscode.l10n.t('The Lucaro client secret was removed.'),
    );
  }
}

async function pickSession(records: readonly SessionRecord[], title: string): Promise<SessionRecord | undefined> {
  const picked = await vscode.window.showQuickPick(
    records.map((record) => ({ label: literalIcons(record.account.label), description: record.scopes.join(' '), record })),
    { title },
  );
  return picked?.record;
}
