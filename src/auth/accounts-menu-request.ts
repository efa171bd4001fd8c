import * as vscode from 'vscode';
import { defaultSignInScopes } from '../core/auth/scopes';
import { DisposableOwner } from '../core/disposable';
import type { Logger } from '../core/log/logger';
import type { SessionManager } from '../core/session/session-manager';

/**
 * The Accounts menu's "Sign in with Lucaro to use Lucaro (1)": asked for while nobody is
 * signed in (on activation and after the last sign-out), retired once anyone signs in.
 *
 * The editor retires a sign-in request only when a session of exactly the requested scopes is
 * reported as added; a session granted fewer scopes (unticked on the consent page) or more (a
 * step-up), or one from an API token, would leave the request and its badge behind. So the
 * first session added after the request is also reported once with the request's scopes, as
 * the answer to it. That report only reaches the editor's request bookkeeping: every session
 * the provider returns carries the scopes its token holds.
 */
export class AccountsMenuRequest extends DisposableOwner {
  /** What a sign-in from the request asks for: a default browser sign-in. */
  static readonly scopes: readonly string[] = defaultSignInScopes;

  private pending = false;

  constructor(
    private readonly providerId: string,
    private readonly sessions: SessionManager,
    private readonly logger: Logger,
  ) {
    super();
    this._register(
      sessions.onDidChangeSessions((change) => {
        if (change.removed.length && !change.added.length) void this.offerWhileSignedOut();
      }),
    );
  }

  /** Puts the request into the Accounts menu unless someone is signed in. */
  async offerWhileSignedOut(): Promise<void> {
    try {
      if ((await this.sessions.list()).length || this.isDisposed) return;
      this.pending = true;
      await vscode.authentication.getSession(this.providerId, AccountsMenuRequest.scopes, { createIfNone: false });
    } catch (error) {
      this.logger.warn('Could not read the stored Lucaro sessions', error);
    }
  }

  /** The answers to report beside `added`: one, the first time a session arrives after the request. */
  answers(added: readonly vscode.AuthenticationSession[]): vscode.AuthenticationSession[] {
    const first = added[0];
    if (!this.pending || !first) return [];
    this.pending = false;
    return [{ ...first, scopes: AccountsMenuRequest.scopes }];
  }
}
