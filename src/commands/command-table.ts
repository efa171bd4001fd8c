import * as vscode from 'vscode';
import { lucaroProviderId } from '../auth/lucaro-authentication-provider';
import type { ClientSecretStore } from '../auth/client-secret-store';
import { defaultSignInScopes } from '../core/auth/scopes';
import type { SessionManager } from '../core/session/session-manager';
import type { CommandId } from './command-ids';

export interface CommandDependencies {
  readonly log: vscode.LogOutputChannel;
  readonly sessions: SessionManager;
  readonly clientSecret: ClientSecretStore;
  /** Everything "Refresh" reloads (views, status). */
  readonly refresh: () => Promise<void>;
}

export type CommandTable = Record<CommandId, (...args: unknown[]) => unknown>;

/** Every command's handler, in one place. `registerCommands` registers them in one loop. */
export function createCommandTable(deps: CommandDependencies): CommandTable {
  return {
    'lucaro.signIn': () => signIn(),
    'lucaro.signOut': () => signOut(deps.sessions),
    'lucaro.refresh': () => deps.refresh(),
    'lucaro.showLog': () => deps.log.show(),
    'lucaro.setClientSecret': () => setClientSecret(deps.clientSecret),
  };
}

export function registerCommands(table: CommandTable): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

export function signIn(): Thenable<vscode.AuthenticationSession | undefined> {
  return vscode.authentication.getSession(lucaroProviderId, defaultSignInScopes, { createIfNone: true }).then(
    (session) => session,
    // The sign-in flow has already told the user what went wrong.
    () => undefined,
  );
}

async function signOut(sessions: SessionManager): Promise<void> {
  const records = await sessions.list();
  if (records.length === 0) return;
  const picked =
    records.length === 1
      ? records[0]
      : (
          await vscode.window.showQuickPick(
            records.map((record) => ({ label: record.account.label, description: record.scopes.join(' '), record })),
            { title: vscode.l10n.t('Sign out of which Lucaro account?') },
          )
        )?.record;
  if (!picked) return;
  await sessions.remove(picked.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Lucaro ({0}).', picked.account.label));
}

async function setClientSecret(store: ClientSecretStore): Promise<void> {
  const secret = await vscode.window.showInputBox({
    title: vscode.l10n.t('Lucaro OAuth client secret'),
    prompt: vscode.l10n.t(
      'Only for a confidential Lucaro deployment. Kept in secret storage. Leave empty to remove the stored secret.',
    ),
    password: true,
    ignoreFocusOut: true,
  });
  if (secret === undefined) return;
  await store.set(secret.trim() || undefined);
  void vscode.window.showInformationMessage(
    secret.trim() ? vscode.l10n.t('The Lucaro client secret is stored.') : vscode.l10n.t('The Lucaro client secret was removed.'),
  );
}
