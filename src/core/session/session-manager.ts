import { OAuthError } from '../auth/oauth-errors';
import type { TokenClient } from '../auth/token-client';
import { isExpired, tokenSetFromResponse } from '../auth/token-set';
import { Emitter, type Disposable } from '../events';
import type { Logger } from '../log/logger';
import { SessionEndedError, UnknownSessionError } from './session-errors';
import { sameServer, type LucaroServerUrls, type SessionRecord } from './session-record';
import { SecretStorageError } from './secret-store';
import type { SessionStore } from './session-store';

export interface SessionsChange {
  readonly added: readonly SessionRecord[];
  readonly removed: readonly SessionRecord[];
  readonly changed: readonly SessionRecord[];
}

export interface SessionManagerOptions {
  readonly store: SessionStore;
  /** A getter: the settings behind the token client may change while the manager lives. */
  readonly tokenClient: () => TokenClient;
  readonly logger: Logger;
  /**
   * The Lucaro the settings point at now. Only sessions issued there are listed, used or
   * refreshed; the others wait in storage until the settings point back at their server.
   */
  readonly server: () => LucaroServerUrls;
  readonly now?: () => number;
}

/** Why a session was removed without the user asking: the shell tells the user once. */
export interface SessionEnded {
  readonly record: SessionRecord;
  readonly reason: 'refreshRejected' | 'tokenRejected';
}

type Mutation = (records: SessionRecord[]) => SessionRecord[];

/**
 * The window's view of the signed-in accounts: loads them from secret storage, keeps
 * access tokens fresh (one refresh in flight per session), and writes every change back.
 * Editor-free: the authentication provider adapts it to `vscode.AuthenticationProvider`.
 */
export class SessionManager implements Disposable {
  private sessions: SessionRecord[] = [];
  private loading: Promise<void> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly refreshes = new Map<string, Promise<SessionRecord>>();
  private readonly changeEmitter = new Emitter<SessionsChange>();
  private readonly endedEmitter = new Emitter<SessionEnded>();
  private readonly droppedEmitter = new Emitter<number>();
  private readonly storageFailureEmitter = new Emitter<SecretStorageError>();
  private readonly now: () => number;

  readonly onDidChangeSessions = this.changeEmitter.event;
  readonly onDidEndSession = this.endedEmitter.event;
  /** Stored entries that could not be read and were dropped (count). */
  readonly onDidDropUnreadableSessions = this.droppedEmitter.event;
  /** Secret storage failed; sessions keep working in memory for this window. */
  readonly onDidFailToPersist = this.storageFailureEmitter.event;

  constructor(private readonly options: SessionManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  async list(): Promise<readonly SessionRecord[]> {
    await this.load();
    return this.usable();
  }

  /** The settings now point at another Lucaro: report whose sessions came into or out of use. */
  async serverChanged(previous: LucaroServerUrls): Promise<void> {
    await this.load();
    const current = this.options.server();
    if (sameServer(previous, current)) return;
    const removed = this.sessions.filter((record) => sameServer(record.server, previous));
    const added = this.sessions.filter((record) => sameServer(record.server, current));
    if (added.length || removed.length) this.changeEmitter.fire({ added, removed, changed: [] });
  }

  /** Stores a new session, replacing one of the same account whose scopes it covers. */
  async add(record: SessionRecord): Promise<SessionRecord> {
    await this.load();
    const known = this.sessions.find((existing) => existing.id === record.id);
    if (known) return known;
    const replaced = this.usable().filter((existing) => isSupersededBy(existing, record));
    await this.mutate((records) => [...records.filter((existing) => !isSupersededBy(existing, record)), record]);
    this.changeEmitter.fire({ added: [record], removed: replaced, changed: [] });
    return record;
  }

  /**
   * Revokes the session's tokens at Lucaro (best effort, short timeout) and deletes the
   * local record whatever the network says.
   */
  async remove(sessionId: string): Promise<SessionRecord | undefined> {
    await this.load();
    const record = this.usable().find((session) => session.id === sessionId);
    if (!record) return undefined;
    await this.forget(record);
    await this.revoke(record);
    return record;
  }

  /** An access token not known to be expired, refreshing first when it is. */
  async getAccessToken(sessionId: string): Promise<string> {
    const record = await this.get(sessionId);
    if (!isExpired(record, this.now())) return record.accessToken;
    return (await this.refresh(sessionId)).accessToken;
  }

  /** Records whose tokens are fresh, refreshing the expired ones (a failed refresh drops the record). */
  async listFresh(): Promise<readonly SessionRecord[]> {
    const records = await this.list();
    const fresh = await Promise.all(
      records.map(async (record) => {
        if (!isExpired(record, this.now())) return record;
        try {
          return await this.refresh(record.id);
        } catch (error) {
          if (error instanceof SessionEndedError) return undefined;
          // Offline or a 5xx: hand out the stale record, the API's 401 path will retry.
          this.options.logger.warn(`Could not refresh a Lucaro session: ${describe(error)}`);
          return record;
        }
      }),
    );
    return fresh.filter((record): record is SessionRecord => record !== undefined);
  }

  /**
   * The API rejected `rejectedToken`. Returns a token to retry with once, or undefined.
   * A rejected API token, or a dead refresh token, ends the session.
   */
  async handleUnauthorized(sessionId: string, rejectedToken: string): Promise<string | undefined> {
    const record = this.usable().find((session) => session.id === sessionId);
    if (!record) return undefined;
    if (record.accessToken !== rejectedToken && !isExpired(record, this.now())) return record.accessToken;
    if (record.kind === 'apiToken' || !record.refreshToken) {
      await this.end(record, 'tokenRejected');
      return undefined;
    }
    try {
      return (await this.refresh(sessionId, { force: true })).accessToken;
    } catch (error) {
      this.options.logger.warn(`Refresh after a 401 failed: ${describe(error)}`);
      return undefined;
    }
  }

  /**
   * At most one refresh per session in flight; every caller gets its result. Another window
   * may have rotated the tokens already, so the stored record is read first.
   */
  refresh(sessionId: string, options: { force?: boolean } = {}): Promise<SessionRecord> {
    const inFlight = this.refreshes.get(sessionId);
    if (inFlight) return inFlight;
    const refresh = this.refreshOnce(sessionId, options.force ?? false).finally(() => this.refreshes.delete(sessionId));
    this.refreshes.set(sessionId, refresh);
    return refresh;
  }

  /**
   * Another window changed the stored sessions: adopt its view and report the difference.
   * Writes nothing, so two windows never echo each other.
   */
  async reloadFromStore(): Promise<void> {
    if (!this.loading) return;
    await this.loading;
    const { records } = await this.readStore();
    const previousUsable = this.usable();
    this.sessions = records;
    const nowUsable = this.usable();
    const before = new Map(previousUsable.map((record) => [record.id, record]));
    const after = new Map(nowUsable.map((record) => [record.id, record]));
    const added = nowUsable.filter((record) => !before.has(record.id));
    const removed = previousUsable.filter((record) => !after.has(record.id));
    const changed = nowUsable.filter((record) => {
      const previous = before.get(record.id);
      return previous !== undefined && !sameTokens(previous, record);
    });
    if (added.length || removed.length || changed.length) this.changeEmitter.fire({ added, removed, changed });
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.endedEmitter.dispose();
    this.droppedEmitter.dispose();
    this.storageFailureEmitter.dispose();
  }

  private async refreshOnce(sessionId: string, force: boolean): Promise<SessionRecord> {
    const current = await this.get(sessionId);
    const stored = await this.readStoredRecord(sessionId);
    const latest = stored ?? current;
    if (!sameTokens(latest, current) && !isExpired(latest, this.now())) {
      return this.adopt(latest);
    }
    if (!force && !isExpired(latest, this.now())) return latest;
    if (!latest.refreshToken) {
      await this.end(latest, 'tokenRejected');
      throw new SessionEndedError(latest.id, latest.account.label);
    }
    try {
      return await this.redeem(latest, latest.refreshToken);
    } catch (error) {
      if (!(error instanceof OAuthError && error.isInvalidGrant)) throw error;
      // Another window may have rotated the refresh token between our read and our request.
      const again = await this.readStoredRecord(sessionId);
      if (again?.refreshToken && again.refreshToken !== latest.refreshToken) {
        if (!isExpired(again, this.now())) return this.adopt(again);
        return this.redeem(again, again.refreshToken).catch(async (retryError: unknown) => {
          if (retryError instanceof OAuthError && retryError.isInvalidGrant) await this.end(again, 'refreshRejected');
          throw retryError instanceof OAuthError ? new SessionEndedError(again.id, again.account.label) : retryError;
        });
      }
      await this.end(latest, 'refreshRejected');
      throw new SessionEndedError(latest.id, latest.account.label);
    }
  }

  /** Spends `refreshToken`; the rotated pair is stored before anything uses it. */
  private async redeem(record: SessionRecord, refreshToken: string): Promise<SessionRecord> {
    const receivedAt = this.now();
    const response = await this.options.tokenClient().refresh(refreshToken);
    const tokens = tokenSetFromResponse(response, receivedAt, record.scopes, refreshToken);
    const refreshed: SessionRecord = {
      ...record,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
      receivedAt: tokens.receivedAt,
      scopes: [...tokens.scopes],
    };
    await this.mutate((records) => replaceRecord(records, refreshed));
    this.options.logger.info(`Refreshed the Lucaro session of ${record.account.label}.`);
    this.changeEmitter.fire({ added: [], removed: [], changed: [refreshed] });
    return refreshed;
  }

  private adopt(record: SessionRecord): SessionRecord {
    this.sessions = replaceRecord(this.sessions, record);
    this.changeEmitter.fire({ added: [], removed: [], changed: [record] });
    return record;
  }

  private async end(record: SessionRecord, reason: SessionEnded['reason']): Promise<void> {
    if (!this.sessions.some((session) => session.id === record.id)) return;
    await this.forget(record);
    this.endedEmitter.fire({ record, reason });
  }

  private async forget(record: SessionRecord): Promise<void> {
    await this.mutate((records) => records.filter((existing) => existing.id !== record.id));
    this.changeEmitter.fire({ added: [], removed: [record], changed: [] });
  }

  private async revoke(record: SessionRecord): Promise<void> {
    if (record.kind !== 'oauth') return;
    const client = this.options.tokenClient();
    const revocations = [client.revoke(record.accessToken, 'access_token')];
    if (record.refreshToken) revocations.push(client.revoke(record.refreshToken, 'refresh_token'));
    const results = await Promise.allSettled(revocations);
    const failed = results.filter((result) => result.status === 'rejected').length;
    if (failed) this.options.logger.warn(`Revocation at Lucaro failed for ${failed} token(s); removed locally.`);
    else this.options.logger.info(`Revoked the Lucaro session of ${record.account.label}.`);
  }

  private async get(sessionId: string): Promise<SessionRecord> {
    await this.load();
    const record = this.usable().find((session) => session.id === sessionId);
    if (!record) throw new UnknownSessionError(sessionId);
    return record;
  }

  private usable(): SessionRecord[] {
    const server = this.options.server();
    return this.sessions.filter((record) => sameServer(record.server, server));
  }

  private load(): Promise<void> {
    this.loading ??= this.readStore().then(
      ({ records, dropped }) => {
        this.sessions = records;
        if (dropped > 0) {
          this.options.logger.warn(`Dropped ${dropped} unreadable stored Lucaro session(s).`);
          this.droppedEmitter.fire(dropped);
          this.enqueueWrite(records);
        }
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private async readStore(): Promise<{ records: SessionRecord[]; dropped: number }> {
    try {
      return await this.options.store.read();
    } catch (error) {
      if (error instanceof SecretStorageError) this.storageFailureEmitter.fire(error);
      throw error;
    }
  }

  private async readStoredRecord(sessionId: string): Promise<SessionRecord | undefined> {
    try {
      const { records } = await this.options.store.read();
      return records.find((record) => record.id === sessionId);
    } catch {
      return undefined;
    }
  }

  /**
   * Applies `mutation` to what is stored now (another window may have written since we
   * read), makes the result this window's view, and writes it back. When storage fails the
   * change still holds in memory for this window.
   */
  private async mutate(mutation: Mutation): Promise<void> {
    const write = this.writes.then(async () => {
      let base = this.sessions;
      try {
        base = (await this.options.store.read()).records;
      } catch {
        // Fall back to this window's view; the write below reports the failure.
      }
      const next = mutation(base);
      try {
        await this.options.store.write(next);
        this.sessions = next;
      } catch (error) {
        this.sessions = mutation(this.sessions);
        this.storageFailureEmitter.fire(asStorageError(error));
      }
    });
    this.writes = write.catch(() => undefined);
    await write;
  }

  private enqueueWrite(records: readonly SessionRecord[]): void {
    this.writes = this.writes
      .then(() => this.options.store.write(records))
      .catch((error: unknown) => this.storageFailureEmitter.fire(asStorageError(error)));
  }
}

function isSupersededBy(existing: SessionRecord, incoming: SessionRecord): boolean {
  return (
    existing.account.id === incoming.account.id &&
    existing.kind === incoming.kind &&
    (incoming.scopes.includes('admin') || existing.scopes.every((scope) => incoming.scopes.includes(scope)))
  );
}

function replaceRecord(records: readonly SessionRecord[], record: SessionRecord): SessionRecord[] {
  return records.map((existing) => (existing.id === record.id ? record : existing));
}

function asStorageError(error: unknown): SecretStorageError {
  return error instanceof SecretStorageError ? error : new SecretStorageError('write', { cause: error });
}

function sameTokens(a: SessionRecord, b: SessionRecord): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken && a.scopes.join(' ') === b.scopes.join(' ');
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
