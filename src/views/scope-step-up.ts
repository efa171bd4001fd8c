import * as vscode from 'vscode';
import type { ActiveAccount } from '../account/active-account';
import type { SignedInLifetime } from '../account/signed-in-lifetime';
import { lucaroProviderId } from '../auth/lucaro-authentication-provider';
import { normalizeScopes, scopesCover } from '../core/auth/scopes';
import { InsufficientScopeError } from '../core/http/errors';

/**
 * Asking for more scopes while keeping the ones the session has. A 403 `insufficient_scope`
 * anywhere offers this in one notification per set of missing scopes, never two at once.
 */
export class ScopeStepUp implements vscode.Disposable {
  private readonly offered = new Set<string>();
  private catalogSubscription: vscode.Disposable | undefined;
  private readonly lifetimeSubscription: vscode.Disposable;

  constructor(
    private readonly account: ActiveAccount,
    lifetime: SignedInLifetime,
  ) {
    const follow = () => {
      this.catalogSubscription?.dispose();
      this.catalogSubscription = lifetime.current?.catalog.onDidChange((list) => {
        if (list.state.status === 'error') this.offerFor(list.state.error);
      });
    };
    this.lifetimeSubscription = lifetime.onDidChange(follow);
    follow();
  }

  /** Offers a step-up when `error` is a 403 naming the scopes it needed; true when it was one. */
  offerFor(error: unknown): boolean {
    if (!(error instanceof InsufficientScopeError) || error.requiredScopes.length === 0) return false;
    void this.offer(error.requiredScopes);
    return true;
  }

  async grant(extraScopes: readonly string[]): Promise<vscode.AuthenticationSession | undefined> {
    const current = this.account.current?.scopes ?? [];
    const scopes = normalizeScopes([...current, ...extraScopes]);
    // Lucaro refused a scope the session was granted (revoked or changed since): a session
    // that merely matches would change nothing, so ask for a new one.
    const stale = this.account.current !== undefined && scopesCover(current, extraScopes);
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

  dispose(): void {
    this.catalogSubscription?.dispose();
    this.lifetimeSubscription.dispose();
  }

  private async offer(required: readonly string[]): Promise<void> {
    const key = normalizeScopes(required).join(' ');
    if (this.offered.has(key)) return;
    this.offered.add(key);
    try {
      const grant = vscode.l10n.t('Grant Access');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Your Lucaro sign-in lacks {0}. Grant it to continue; your other permissions stay.', required.join(', ')),
        grant,
      );
      if (choice === grant) await this.grant(required);
    } finally {
      this.offered.delete(key);
    }
  }
}
