import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import { lucaroProviderId } from '../auth/lucaro-authentication-provider';
import { normalizeScopes, scopesCover } from '../core/auth/scopes';

/**
 * Asking for more scopes while keeping the ones the session has. The failure channel
 * offers it for a 403 `insufficient_scope` anywhere, in one notification per set of
 * missing scopes, never two at once.
 */
export class ScopeStepUp {
  constructor(private readonly account: AccountSession) {}

  /** Shows the offer; resolves when the user has answered it (and, on Grant Access, signed in). */
  async offer(required: readonly string[]): Promise<void> {
    const grant = vscode.l10n.t('Grant Access');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Your Lucaro sign-in lacks {0}. Grant it to continue; your other permissions stay.', required.join(', ')),
      grant,
    );
    if (choice === grant) await this.grant(required);
  }

  async grant(extraScopes: readonly string[]): Promise<vscode.AuthenticationSession | undefined> {
    const current = this.account.record?.scopes ?? [];
    const scopes = normalizeScopes([...current, ...extraScopes]);
    // Lucaro refused a scope the session was granted (revoked or changed since): a session
    // that merely matches would change nothing, so ask for a new one.
    const stale = this.account.record !== undefined && scopesCover(current, extraScopes);
    try {
      return await vscode.authentication.getSession(
        lucaroProviderId,
        scopes,
        stale
          ? { forceNewSession: { detail: vscode.l10n.t('Lucaro no longer accepts your sign-in for {0}. Sign in again to renew it.', extraScopes.join(', ')) } }
          : { createIfNone: true },
      );
    } catch {
      // The sign-in flow has told the user why; cancelling is an answer too.
      return undefined;
    }
  }
}
