import * as vscode from 'vscode';
import { DisposableOwner, SerialDisposable } from '../core/disposable';
import type { RateLimitInfo } from '../core/http/rate-limit';
import type { SessionManager } from '../core/session/session-manager';
import type { SessionRecord } from '../core/session/session-record';
import type { CatalogFailure, ListKey } from '../core/tree/catalog-model';
import type { RateLimitWait, SignedInServices } from './signed-in-services';

const preferredAccountKey = 'lucaro.activeAccountId';

/**
 * Who is signed in, in one place. Derives the account the sidebar uses from the session
 * manager (with several, "Switch Account" picks one; the choice, an account id and not a
 * secret, is remembered in `globalState`), creates the services that live only while it is
 * in use, and retires them (after their requests settle) when it goes. Views subscribe
 * once to the events here; they never follow the services themselves.
 *
 * `onDidChange` fires only when the account or its scopes change, not when its token is
 * refreshed.
 */
export class AccountSession extends DisposableOwner {
  private services: SignedInServices | undefined;
  private updates: Promise<void> = Promise.resolve();
  private readonly serviceEvents = this._register(new SerialDisposable());
  private readonly changeEmitter = this._register(new vscode.EventEmitter<SignedInServices | undefined>());
  private readonly catalogEmitter = this._register(new vscode.EventEmitter<ListKey>());
  private readonly failureEmitter = this._register(new vscode.EventEmitter<CatalogFailure>());
  private readonly rateLimitEmitter = this._register(new vscode.EventEmitter<RateLimitInfo>());
  private readonly waitEmitter = this._register(new vscode.EventEmitter<RateLimitWait>());

  readonly onDidChange = this.changeEmitter.event;
  /** A list of the signed-in account's catalog changed. */
  readonly onDidChangeCatalog = this.catalogEmitter.event;
  /** A page of the catalog failed to load. */
  readonly onDidFailToLoad = this.failureEmitter.event;
  readonly onDidSeeRateLimit = this.rateLimitEmitter.event;
  readonly onDidWaitForRateLimit = this.waitEmitter.event;

  constructor(
    private readonly sessions: SessionManager,
    private readonly globalState: vscode.Memento,
    private readonly createServices: (record: SessionRecord) => SignedInServices,
  ) {
    super();
    this._register(sessions.onDidChangeSessions(() => void this.update()));
    this._register({ dispose: () => this.services?.dispose() });
  }

  /** The services of the account in use; undefined while nobody is signed in. */
  get current(): SignedInServices | undefined {
    return this.services;
  }

  get record(): SessionRecord | undefined {
    return this.services?.record;
  }

  /** Reads the sessions again and follows the account they now give; one update at a time. */
  update(): Promise<void> {
    // A storage read that fails keeps the account as it is; the session manager reports the failure.
    this.updates = this.updates.then(() => this.updateOnce()).catch(() => undefined);
    return this.updates;
  }

  async switchTo(accountId: string): Promise<void> {
    await this.globalState.update(preferredAccountKey, accountId);
    await this.update();
  }

  private async updateOnce(): Promise<void> {
    const records = await this.sessions.list();
    if (this.isDisposed) return;
    const preferred = this.globalState.get<string>(preferredAccountKey);
    const candidates = records.filter((record) => record.account.id === preferred);
    const next = widest(candidates.length ? candidates : records);
    const previous = this.services;
    if (previous?.record.id === next?.id && previous?.record.scopes.join(' ') === next?.scopes.join(' ')) return;
    this.services = next ? this.createServices(next) : undefined;
    this.serviceEvents.value = this.services ? this.relay(this.services) : undefined;
    this.changeEmitter.fire(this.services);
    // The views have moved on; the old account's requests finish (cancelled) before it goes.
    void previous?.retire();
  }

  private relay(services: SignedInServices): vscode.Disposable {
    return vscode.Disposable.from(
      services.catalog.onDidChange((key) => this.catalogEmitter.fire(key)),
      services.catalog.onDidFail((failure) => this.failureEmitter.fire(failure)),
      services.onDidSeeRateLimit((info) => this.rateLimitEmitter.fire(info)),
      services.onDidWaitForRateLimit((wait) => this.waitEmitter.fire(wait)),
    );
  }
}

/** Of one account's sessions, the one that can do the most. */
function widest(records: readonly SessionRecord[]): SessionRecord | undefined {
  return [...records].sort((a, b) => b.scopes.length - a.scopes.length)[0];
}
