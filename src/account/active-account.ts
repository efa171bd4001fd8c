import * as vscode from 'vscode';
import type { SessionManager } from '../core/session/session-manager';
import type { SessionRecord } from '../core/session/session-record';

const preferredAccountKey = 'lucaro.activeAccountId';

/**
 * Which signed-in account the sidebar uses. With several, "Switch Account" picks one; the
 * choice (an account id, not a secret) is remembered in `globalState`. Fires only when the
 * account or its scopes change, not when its token is refreshed.
 */
export class ActiveAccount implements vscode.Disposable {
  private record: SessionRecord | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<SessionRecord | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly sessions: SessionManager,
    private readonly globalState: vscode.Memento,
  ) {
    this.subscription = sessions.onDidChangeSessions(() => void this.update());
  }

  get current(): SessionRecord | undefined {
    return this.record;
  }

  async update(): Promise<void> {
    const records = await this.sessions.list();
    const preferred = this.globalState.get<string>(preferredAccountKey);
    const candidates = records.filter((record) => record.account.id === preferred);
    const next = widest(candidates.length ? candidates : records);
    const previous = this.record;
    this.record = next;
    if (previous?.id !== next?.id || previous?.scopes.join(' ') !== next?.scopes.join(' ')) {
      this.changeEmitter.fire(next);
    }
  }

  async switchTo(accountId: string): Promise<void> {
    await this.globalState.update(preferredAccountKey, accountId);
    await this.update();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** Of one account's sessions, the one that can do the most. */
function widest(records: readonly SessionRecord[]): SessionRecord | undefined {
  return [...records].sort((a, b) => b.scopes.length - a.scopes.length)[0];
}
