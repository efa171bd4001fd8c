import * as vscode from 'vscode';
import { AccountMismatchError } from '../core/auth/account-mismatch';
import { answerScopeRequest, scopesFromChallenges, widestFirst } from '../core/auth/scope-challenge';
import { scopesCover } from '../core/auth/scopes';
import { DisposableOwner } from '../core/disposable';
import type { SessionManager, SessionsChange } from '../core/session/session-manager';
import type { SessionRecord } from '../core/session/session-record';
import type { AccountsMenuRequest } from './accounts-menu-request';
import type { AuthenticationConstraint, ChallengeAuthenticationProvider } from './provider-api-types';
import type { SignInFlow } from './sign-in-flow';

export const lucaroProviderId = 'lucaro';

/**
 * Adapts the editor-free `SessionManager` to the editor's authentication API, for the
 * Accounts menu and for other extensions: one session per account, accounts keyed on a
 * unique label, scope challenges (RFC 6750) answered by an existing session or a sign-in
 * that keeps every scope the account holds.
 */
export class LucaroAuthenticationProvider
  extends DisposableOwner
  implements vscode.AuthenticationProvider, ChallengeAuthenticationProvider
{
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());

  readonly onDidChangeSessions = this.changeEmitter.event;

  constructor(
    private readonly sessions: SessionManager,
    private readonly signInFlow: SignInFlow,
    private readonly menuRequest: AccountsMenuRequest,
  ) {
    super();
    this._register(sessions.onDidChangeSessions((change) => this.changeEmitter.fire(this.toProviderChange(change))));
  }

  /** Of each account (or the one asked for), the widest session covering `scopes`. */
  async getSessions(
    scopes: readonly string[] | undefined,
    options: vscode.AuthenticationProviderSessionOptions = {},
  ): Promise<vscode.AuthenticationSession[]> {
    return (await this.covering(scopes ?? [], options.account)).map(toAuthenticationSession);
  }

  async createSession(
    scopes: readonly string[],
    options: vscode.AuthenticationProviderSessionOptions = {},
  ): Promise<vscode.AuthenticationSession> {
    const record = await this.signInFlow.signIn(scopes);
    const expected = options.account;
    if (expected && expected.id !== record.account.id) {
      const mismatch = new AccountMismatchError(expected.label, providerAccountLabel(record));
      void vscode.window.showErrorMessage(mismatch.message);
      await this.signInFlow.discard(record);
      throw mismatch;
    }
    return toAuthenticationSession(await this.sessions.add(record));
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.sessions.remove(sessionId);
  }

  /** Refuses (typed errors) challenges it cannot answer before looking at any session. */
  async getSessionsFromChallenges(
    constraint: AuthenticationConstraint,
    options: vscode.AuthenticationProviderSessionOptions = {},
  ): Promise<vscode.AuthenticationSession[]> {
    return this.getSessions(scopesFromChallenges(constraint), options);
  }

  async createSessionFromChallenges(
    constraint: AuthenticationConstraint,
    options: vscode.AuthenticationProviderSessionOptions = {},
  ): Promise<vscode.AuthenticationSession> {
    const wanted = scopesFromChallenges(constraint);
    const records = await this.sessions.listFresh();
    const accountId = options.account?.id ?? soleAccountId(records);
    const held = widestFirst(records.filter((record) => record.account.id === accountId))[0];
    const answer = answerScopeRequest(held ? [held] : [], held, wanted);
    if (answer.kind === 'existing') return toAuthenticationSession(answer.session);
    const account = options.account ?? (held ? toAuthenticationSession(held).account : undefined);
    return this.createSession(answer.scopes, account ? { account } : {});
  }

  private async covering(scopes: readonly string[], account: vscode.AuthenticationSessionAccountInformation | undefined): Promise<SessionRecord[]> {
    const records = (await this.sessions.listFresh()).filter(
      (record) => (!account || record.account.id === account.id) && scopesCover(record.scopes, scopes),
    );
    const widest = new Map<string, SessionRecord>();
    for (const record of widestFirst(records)) if (!widest.has(record.account.id)) widest.set(record.account.id, record);
    return [...widest.values()];
  }

  private toProviderChange(change: SessionsChange): vscode.AuthenticationProviderAuthenticationSessionsChangeEvent {
    const added = change.added.map(toAuthenticationSession);
    return {
      added: [...added, ...this.menuRequest.answers(added)],
      removed: change.removed.map(toAuthenticationSession),
      changed: change.changed.map(toAuthenticationSession),
    };
  }
}

/** Unique and stable per account: the email, else (records kept before it was stored) the display name. */
export function providerAccountLabel(record: SessionRecord): string {
  return record.account.email || record.account.label;
}

export function toAuthenticationSession(record: SessionRecord): vscode.AuthenticationSession {
  return {
    id: record.id,
    accessToken: record.accessToken,
    account: { id: record.account.id, label: providerAccountLabel(record) },
    scopes: [...record.scopes],
  };
}

function soleAccountId(records: readonly SessionRecord[]): string | undefined {
  const ids = new Set(records.map((record) => record.account.id));
  return ids.size === 1 ? [...ids][0] : undefined;
}
