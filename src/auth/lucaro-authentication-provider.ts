import * as vscode from 'vscode';
import { scopesCover } from '../core/auth/scopes';
import { DisposableOwner } from '../core/disposable';
import type { SessionManager, SessionsChange } from '../core/session/session-manager';
import type { SessionRecord } from '../core/session/session-record';
import type { SignInFlow } from './sign-in-flow';

export const lucaroProviderId = 'lucaro';

/** Adapts the editor-free `SessionManager` to the Accounts menu. */
export class LucaroAuthenticationProvider extends DisposableOwner implements vscode.AuthenticationProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());

  readonly onDidChangeSessions = this.changeEmitter.event;

  constructor(
    private readonly sessions: SessionManager,
    private readonly signInFlow: SignInFlow,
  ) {
    super();
    this._register(sessions.onDidChangeSessions((change) => this.changeEmitter.fire(toProviderChange(change))));
  }

  async getSessions(
    scopes: readonly string[] | undefined,
    options: vscode.AuthenticationProviderSessionOptions = {},
  ): Promise<vscode.AuthenticationSession[]> {
    const records = await this.sessions.listFresh();
    return records
      .filter((record) => !scopes?.length || scopesCover(record.scopes, scopes))
      .filter((record) => !options.account || record.account.id === options.account.id)
      .map(toAuthenticationSession);
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const record = await this.signInFlow.signIn(scopes);
    return toAuthenticationSession(await this.sessions.add(record));
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.sessions.remove(sessionId);
  }
}

export function toAuthenticationSession(record: SessionRecord): vscode.AuthenticationSession {
  return {
    id: record.id,
    accessToken: record.accessToken,
    account: { id: record.account.id, label: record.account.label },
    scopes: record.scopes,
  };
}

function toProviderChange(change: SessionsChange): vscode.AuthenticationProviderAuthenticationSessionsChangeEvent {
  return {
    added: change.added.map(toAuthenticationSession),
    removed: change.removed.map(toAuthenticationSession),
    changed: change.changed.map(toAuthenticationSession),
  };
}
