import type { TokenClient } from '../auth/token-client';
import { isExpired } from '../auth/token-set';
import { Emitter, type Disposable, type Event } from '../events';
import type { Logger } from '../log/logger';
import { refreshLeaseKeyPrefix, SecretLeases, writeLeaseKeyPrefix } from './secret-lease';
import { LucaroUnreachableError, SessionEndedError, UnconfirmedRejectionError, UnknownSessionError } from './session-errors';
import {
  addRecord,
  isNewer,
  isSupersededBy,
  newerOf,
  preferNewer,
  removeRecord,
  replaceUnlessNewer,
  sameTokens,
  type Mutation,
} from './session-mutations';
import { SessionPersistence, type PersistOutcome } from './session-persistence';
import { isEmptyChange, sessionsChange, type SessionsChange } from './sessions-change';
import { SessionRefresher } from './session-refresher';
import { sameServer, type LucaroServerUrls, type SessionRecord } from './session-record';
import { SecretStorageError } from './secret-store';
import type { SessionStore, StoredSessions } from './session-store';
import { defaultSessionTiming, type SessionTiming } from './session-timing';
import { SingleFlight } from './single-flight';
import { confirmAfterRefusal, type ConfirmToken } from './token-confirmation';

export type { SessionsChange } from './sessions-change';

export interface SessionManagerOptions {
  readonly store: SessionStore;
  /**
   * The token and revocation endpoints of `server`: always the server the session is bound
   * to, never the current settings (which may have changed while a refresh was on its way).
   */
  readonly tokenClient: (server: LucaroServerUrls) => TokenClient;
  /** `GET /v2/me` with an API token the API just refused: is it really dead? */
  readonly confirmToken: ConfirmToken;
  readonly logger: Logger;
  /**
   * The Lucaro the settings point at now. Only sessions issued there are listed, used or
   * refreshed; the others wait in storage until the settings point back at their server.
   */
  readonly server: () => LucaroServerUrls;
  readonly now?: () => number;
  readonly timing?: Partial<SessionTiming>;
  /** Names this window in refresh leases; random by default. */
  readonly windowId?: string;
}

/** Why a session was removed without the user asking: the shell tells the user once. */
export interface SessionEnded {
  readonly record: SessionRecord;
  readonly reason: 'refreshRejected' | 'tokenRejected';
}

/** Stored sessions this version cannot read: kept as they are, never rewritten. */
export interface UnreadableSessions {
  /** Entries of a readable document that could not be read. */
  readonly entries: number;
  /** The whole document could not be read: this window keeps its sessions in memory only. */
  readonly wholeDocument: boolean;
}

/**
 * The window's view of the signed-in accounts: loads them from secret storage, keeps
 * access tokens fresh (one refresh per session across windows, under a lease), and writes
 * every change back, retrying. Editor-free: the authentication provider adapts it to
 * `vscode.AuthenticationProvider`.
 */
export class SessionManager implements Disposable {
  private sessions: SessionRecord[] = [];
  private loading: Promise<void> | undefined;
  /** Bumped by each write of this window that lands: a read that started before is stale. */
  private writesLanded = 0;
  private unreadableSeen = '0/false';
  private readonly timing: SessionTiming;
  private readonly disposal = new AbortController();
  private readonly persistence: SessionPersistence;
  private readonly refresher: SessionRefresher;
  private readonly refreshes = new SingleFlight<SessionRecord>();
  private readonly confirmations = new SingleFlight<string | undefined>();
  private readonly changeEmitter = new Emitter<SessionsChange>();
  private readonly endedEmitter = new Emitter<SessionEnded>();
  private readonly unreadableEmitter = new Emitter<UnreadableSessions>();
  private readonly storageFailureEmitter = new Emitter<SecretStorageError>();
  private readonly secretsEmitter = new Emitter<readonly string[]>();
  private readonly now: () => number;

  readonly onDidChangeSessions = this.changeEmitter.event;
  readonly onDidEndSession = this.endedEmitter.event;
  readonly onDidFindUnreadableSessions = this.unreadableEmitter.event;
  /** Secret storage failed; sessions keep working in memory for this window. */
  readonly onDidFailToPersist = this.storageFailureEmitter.event;
  /** Every access and refresh token that enters this window's memory, for the log redactor. */
  readonly onDidLearnSecrets: Event<readonly string[]> = this.secretsEmitter.event;

  constructor(private readonly options: SessionManagerOptions) {
    this.now = options.now ?? Date.now;
    this.timing = { ...defaultSessionTiming, ...options.timing };
    const owner = options.windowId ?? globalThis.crypto.randomUUID();
    const leases = (keyPrefix: string, leaseTtlMs: number) =>
      new SecretLeases({
        secrets: options.store.secrets,
        keyPrefix,
        owner,
        timing: { ...this.timing, leaseTtlMs },
        logger: options.logger,
        signal: this.disposal.signal,
      });
    this.persistence = new SessionPersistence({
      store: options.store,
      writeLease: leases(writeLeaseKeyPrefix, this.timing.writeLeaseTtlMs),
      timing: this.timing,
      signal: this.disposal.signal,
      onFailure: (error) => this.storageFailed(error),
    });
    this.refresher = new SessionRefresher({
      host: {
        held: (sessionId) => this.get(sessionId),
        stored: (sessionId) => this.readStoredRecord(sessionId),
        latest: (held) => this.latest(held),
        adopt: (record) => this.adopt(record),
        storeRotated: (record) => this.storeRotated(record),
        end: (record, removal, reason) => this.end(record, removal, reason),
      },
      leases: leases(refreshLeaseKeyPrefix, this.timing.leaseTtlMs),
      tokenClient: options.tokenClient,
      timing: this.timing,
      logger: options.logger,
      now: this.now,
      signal: this.disposal.signal,
    });
  }

  async list(): Promise<readonly SessionRecord[]> {
    await this.load();
    return this.usable();
  }

  /** The settings now point at another Lucaro: report whose sessions came into or out of use. */
  async serverChanged(previous: LucaroServerUrls): Promise<void> {
    if (!(await this.loaded())) return;
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
    this.learn([record]);
    await this.persist(addRecord(record));
    this.changeEmitter.fire({ added: [record], removed: replaced, changed: [] });
    return record;
  }

  /**
   * Revokes the session's tokens at the Lucaro that issued them (best effort, short
   * timeout) and deletes the local record whatever the network says.
   */
  async remove(sessionId: string): Promise<SessionRecord | undefined> {
    await this.load();
    const record = this.usable().find((session) => session.id === sessionId);
    if (!record) return undefined;
    await this.persist(removeRecord(record.id));
    this.changeEmitter.fire({ added: [], removed: [record], changed: [] });
    await this.revoke(record);
    return record;
  }

  /**
   * An access token not known to be expired, refreshing first when it is. Rejects with
   * `LucaroUnreachableError` when the refresh could not get an answer (the session is kept).
   */
  async getAccessToken(sessionId: string): Promise<string> {
    const record = await this.get(sessionId);
    if (!isExpired(record, this.now())) return record.accessToken;
    // A refresh this call joined late may hand back tokens that expired while it ran.
    for (let attempt = 0; attempt < 3; attempt++) {
      const refreshed = await this.refresh(sessionId);
      if (!isExpired(refreshed, this.now())) return refreshed.accessToken;
    }
    throw new LucaroUnreachableError('timeout', record.account.label);
  }

  /** Records whose tokens are fresh, refreshing the expired ones (a dead refresh token drops the record). */
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
   * The API rejected `rejectedToken`. Resolves to a token to retry with once, or undefined
   * when the session is over (a dead refresh token, an API token `/v2/me` refuses too).
   * Rejects, keeping the session, when that cannot be told: `LucaroUnreachableError`, or
   * `UnconfirmedRejectionError` for an API token `/v2/me` still accepts.
   */
  async handleUnauthorized(sessionId: string, rejectedToken: string): Promise<string | undefined> {
    const record = this.usable().find((session) => session.id === sessionId);
    if (!record) return undefined;
    if (record.accessToken !== rejectedToken && !isExpired(record, this.now())) return record.accessToken;
    if (record.kind === 'apiToken') return this.confirmations.run(sessionId, () => this.confirmApiToken(record));
    if (!record.refreshToken) {
      await this.end(record, removeRecord(record.id), 'tokenRejected');
      return undefined;
    }
    try {
      return (await this.refresh(sessionId, { rejectedAccessToken: rejectedToken })).accessToken;
    } catch (error) {
      if (error instanceof SessionEndedError) return undefined;
      this.options.logger.warn(`Refresh after a 401 failed: ${describe(error)}`);
      throw error;
    }
  }

  /**
   * At most one refresh per session in flight in this window, and one across windows (a
   * lease); every caller gets its result. With `rejectedAccessToken` (after a 401) a new
   * pair is fetched even if that token looks fresh.
   */
  refresh(sessionId: string, options: { rejectedAccessToken?: string } = {}): Promise<SessionRecord> {
    const rejected = options.rejectedAccessToken;
    return this.refreshes.run(sessionId, () =>
      this.refresher.refresh({
        sessionId,
        acceptable: (record) => record.accessToken !== rejected && !isExpired(record, this.now()),
      }),
    );
  }

  /**
   * Another window changed the stored sessions: adopt its view and report the difference.
   * Writes only what this window holds newer than the store (a write of ours that another
   * window overwrote from an older read, or one that failed before), so two windows never
   * echo each other. Never rejects: a failed read is reported.
   */
  async reloadFromStore(): Promise<void> {
    if (!this.loading || !(await this.loaded())) return;
    const stored = await this.readSettled();
    if (!stored) return;
    const previous = this.sessions;
    const previousUsable = this.usable();
    this.sessions = this.persistence.overlay(preferNewer(stored.records, previous));
    this.learnNew(previous, this.sessions);
    this.reportUnreadable(stored);
    const change = sessionsChange(previousUsable, this.usable());
    if (!isEmptyChange(change)) this.changeEmitter.fire(change);
    // A window that read before our write landed may have written its stale copy over it: put ours back.
    for (const record of stored.records) {
      const held = this.sessions.find((candidate) => candidate.id === record.id);
      if (held && isNewer(held, record)) await this.persist(replaceUnlessNewer(held)).catch(() => undefined);
    }
    // Another window could write, so storage may work again for our unwritten changes.
    const retried = await this.persistence.retryPending(() => this.sessions).catch(() => undefined);
    if (retried?.persisted) this.landed(retried);
  }

  /**
   * Settles once every change this window made so far is written, or has failed (then it
   * is reported and kept in memory). Rotated tokens are stored in the background.
   */
  whenWritten(): Promise<void> {
    return this.persistence.idle();
  }

  dispose(): void {
    this.disposal.abort();
    this.changeEmitter.dispose();
    this.endedEmitter.dispose();
    this.unreadableEmitter.dispose();
    this.storageFailureEmitter.dispose();
    this.secretsEmitter.dispose();
  }

  /**
   * A 401 with an API token: one refusal is not proof (a proxy, a glitch), so `/v2/me` is
   * asked after a short wait, and once more if it gave no answer.
   */
  private async confirmApiToken(record: SessionRecord): Promise<string | undefined> {
    const verdict = await confirmAfterRefusal(record, this.options.confirmToken, this.timing.confirmDelaysMs, this.disposal.signal);
    if (verdict === 'rejected') {
      await this.end(record, removeRecord(record.id), 'tokenRejected');
      return undefined;
    }
    this.options.logger.warn(`Lucaro refused the API token of ${record.account.label} once; /v2/me: ${verdict}. Kept the session.`);
    if (verdict === 'valid') throw new UnconfirmedRejectionError(record.id, record.account.label);
    throw new LucaroUnreachableError('no-answer', record.account.label);
  }

  /** The newer of this window's record and the stored one; this window's when storage cannot be read. */
  private async latest(held: SessionRecord): Promise<SessionRecord> {
    const stored = await this.readStoredRecord(held.id);
    return stored ? newerOf(stored, held) : held;
  }

  /** Never rejects: a failure is reported and the pair stays pending in memory. */
  private async storeRotated(record: SessionRecord): Promise<boolean> {
    try {
      return (await this.persist(replaceUnlessNewer(record))).persisted;
    } catch {
      return false;
    }
  }

  private adopt(record: SessionRecord): SessionRecord {
    const previous = this.sessions.find((session) => session.id === record.id);
    if (previous && (sameTokens(previous, record) || isNewer(previous, record))) return previous;
    this.sessions = this.sessions.map((existing) => (existing.id === record.id ? record : existing));
    this.learn([record]);
    this.changeEmitter.fire({ added: [], removed: [], changed: [record] });
    return record;
  }

  /**
   * Removes a session with `removal` and tells the user once. Answers the record that is
   * still stored under that id when the removal did not apply (new tokens arrived).
   */
  private async end(record: SessionRecord, removal: Mutation, reason: SessionEnded['reason']): Promise<SessionRecord | undefined> {
    const known = this.sessions.find((session) => session.id === record.id);
    const outcome = await this.persist(removal);
    const survivor = outcome.records.find((session) => session.id === record.id);
    if (survivor) return survivor;
    if (known) {
      this.changeEmitter.fire({ added: [], removed: [known], changed: [] });
      this.endedEmitter.fire({ record: known, reason });
    }
    return undefined;
  }

  private async revoke(record: SessionRecord): Promise<void> {
    if (record.kind !== 'oauth') return;
    const client = this.options.tokenClient(record.server);
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
      (stored) => {
        this.sessions = this.persistence.overlay(stored.records);
        this.learn(this.sessions, stored.unreadableSecrets);
        this.reportUnreadable(stored);
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** For callers nobody awaits (events, settings): false when the store could not be read (already reported). */
  private async loaded(): Promise<boolean> {
    try {
      await this.load();
      return true;
    } catch {
      return false;
    }
  }

  private async readStore(): Promise<StoredSessions> {
    try {
      return await this.options.store.read();
    } catch (error) {
      this.storageFailed(error instanceof SecretStorageError ? error : new SecretStorageError('read', { cause: error }));
      throw error;
    }
  }

  /** A read no write of this window overtook (it would show the store as it was before). */
  private async readSettled(): Promise<StoredSessions | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const landed = this.writesLanded;
      let stored: StoredSessions;
      try {
        stored = await this.readStore();
      } catch {
        return undefined;
      }
      if (landed === this.writesLanded) return stored;
    }
    return undefined;
  }

  private async readStoredRecord(sessionId: string): Promise<SessionRecord | undefined> {
    try {
      const { records } = await this.options.store.read();
      return records.find((record) => record.id === sessionId);
    } catch {
      return undefined;
    }
  }

  /** Applies `mutation` to what is stored and makes the result (newer tokens kept) this window's view. */
  private async persist(mutation: Mutation): Promise<PersistOutcome> {
    const outcome = await this.persistence.apply(mutation, () => this.sessions);
    if (outcome.persisted) this.landed(outcome);
    else this.sessions = outcome.records;
    return outcome;
  }

  private landed(outcome: PersistOutcome): void {
    this.writesLanded++;
    this.sessions = preferNewer(outcome.records, this.sessions);
  }

  private storageFailed(error: SecretStorageError): void {
    this.options.logger.warn(`Lucaro sessions: ${describe(error)}`);
    this.storageFailureEmitter.fire(error);
  }

  private reportUnreadable(stored: StoredSessions): void {
    const seen = `${stored.unreadableEntries.length}/${stored.unreadableDocument}`;
    if (seen === this.unreadableSeen) return;
    this.unreadableSeen = seen;
    if (stored.unreadableEntries.length === 0 && !stored.unreadableDocument) return;
    this.options.logger.warn(
      stored.unreadableDocument
        ? 'The stored Lucaro sessions are in a format this version cannot read; they are kept as they are.'
        : `Kept ${stored.unreadableEntries.length} stored Lucaro session(s) this version cannot read.`,
    );
    this.unreadableEmitter.fire({ entries: stored.unreadableEntries.length, wholeDocument: stored.unreadableDocument });
  }

  private learn(records: readonly SessionRecord[], extra: readonly string[] = []): void {
    const secrets = [...records.flatMap((record) => (record.refreshToken ? [record.accessToken, record.refreshToken] : [record.accessToken])), ...extra];
    if (secrets.length) this.secretsEmitter.fire(secrets);
  }

  private learnNew(before: readonly SessionRecord[], after: readonly SessionRecord[]): void {
    const known = new Map(before.map((record) => [record.id, record]));
    this.learn(after.filter((record) => {
      const earlier = known.get(record.id);
      return !earlier || !sameTokens(earlier, record);
    }));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
