import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import { lucaroProviderId } from '../auth/lucaro-authentication-provider';
import { answerScopeRequest, requireKnownScopes, stepUpScopes, UnknownScopeError } from '../core/auth/scope-challenge';

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

  /** The same decision as a challenge from another extension: a covering session, else a sign-in for the union. */
  async grant(extraScopes: readonly string[]): Promise<vscode.AuthenticationSession | undefined> {
    const current = this.account.record;
    try {
      const wanted = requireKnownScopes(extraScopes);
      const answer = answerScopeRequest(current ? [current] : [], current, wanted);
      // Lucaro refused a scope the session was granted (revoked or changed since): a session
      // that merely matches would change nothing, so ask for a new one.
      return answer.kind === 'existing'
        ? await vscode.authentication.getSession(lucaroProviderId, stepUpScopes(answer.session.scopes, wanted), {
            forceNewSession: { detail: vscode.l10n.t('Lucaro no longer accepts your sign-in for {0}. Sign in again to renew it.', wanted.join(', ')) },
          })
        : await vscode.authentication.getSession(lucaroProviderId, answer.scopes, { createIfNone: true });
    } catch (error) {
      // The sign-in flow has told the user why; cancelling is an answer too.
      if (error instanceof UnknownScopeError) void vscode.window.showErrorMessage(error.message);
      return undefined;
    }
  }
}
