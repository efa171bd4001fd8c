import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import { DisposableOwner } from '../core/disposable';
import { routeFailure, type FailureOrigin } from '../core/failures/route-failure';
import { normalizeScopes } from '../core/auth/scopes';
import type { Logger } from '../core/log/logger';
import type { SessionManager } from '../core/session/session-manager';
import { SessionEndedError } from '../core/session/session-errors';
import { describeForLog, describeForUser } from '../ui/error-messages';
import type { ScopeStepUp } from './scope-step-up';

export interface FailureChannelDependencies {
  readonly account: AccountSession;
  readonly sessions: SessionManager;
  readonly stepUp: ScopeStepUp;
  /** Shows a rate-limit wait in the status bar. */
  readonly showRateLimited: (retryAfterMs: number | undefined) => void;
  readonly signIn: () => Thenable<unknown>;
  readonly logger: Logger;
}

/**
 * Where every API failure goes, from a tree, a command, a picker or a panel; `routeFailure`
 * decides what the user sees. Also the one notice for a session that ended. A notice that
 * is open is not shown again: failures that arrive meanwhile add nothing.
 */
export class FailureChannel extends DisposableOwner {
  private readonly openNotices = new Set<string>();

  constructor(private readonly deps: FailureChannelDependencies) {
    super();
    this._register(deps.account.onDidFailToLoad(({ error }) => this.report(error, 'list', 'Loading a Lucaro list')));
    this._register(
      deps.sessions.onDidEndSession(({ record }) => this.sessionEnded(new SessionEndedError(record.id, record.account.label))),
    );
  }

  /** `what` names the work for the log, in a few words ("Renaming a project"). */
  report(error: unknown, origin: FailureOrigin, what: string): void {
    if (error instanceof vscode.CancellationError) return;
    const decision = routeFailure(error, origin);
    if (decision.route === 'ignore') return;
    // The error itself goes too: the logger redacts it as a value (message and causes), before it is text.
    this.deps.logger.warn(`${what} failed (${describeForLog(error)}):`, error);
    switch (decision.route) {
      case 'stepUp':
        this.once(`stepUp ${normalizeScopes(decision.scopes).join(' ')}`, () => this.deps.stepUp.offer(decision.scopes));
        return;
      case 'sessionEnded':
        this.sessionEnded(error);
        return;
      case 'rateLimit':
        this.deps.showRateLimited(decision.retryAfterMs);
        return;
      case 'row':
        return;
      case 'message':
        void vscode.window.showErrorMessage(describeForUser(error));
        return;
    }
  }

  private sessionEnded(error: unknown): void {
    this.once('sessionEnded', async () => {
      const signIn = vscode.l10n.t('Sign In');
      const choice = await vscode.window.showWarningMessage(describeForUser(error), signIn);
      if (choice === signIn) await this.deps.signIn();
    });
  }

  private once(key: string, notice: () => Promise<unknown>): void {
    if (this.openNotices.has(key)) return;
    this.openNotices.add(key);
    void notice()
      .catch((error: unknown) => this.deps.logger.warn(`A Lucaro notice failed: ${describeForLog(error)}`))
      .finally(() => this.openNotices.delete(key));
  }
}
