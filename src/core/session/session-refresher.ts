import { OAuthError } from '../auth/oauth-errors';
import type { TokenClient } from '../auth/token-client';
import { tokenSetFromResponse } from '../auth/token-set';
import type { Logger } from '../log/logger';
import { refreshWithRetries } from './refresh-attempts';
import type { SecretLeases } from './secret-lease';
import { SessionEndedError } from './session-errors';
import { removeIfRefreshTokenIs, removeRecord, type Mutation } from './session-mutations';
import type { LucaroServerUrls, SessionRecord } from './session-record';
import { sleep, type SessionTiming } from './session-timing';

/** What the refresher needs from the window's session view. */
export interface RefreshHost {
  /** The window's record of a usable session; rejects when there is none. */
  held(sessionId: string): Promise<SessionRecord>;
  /** The stored record, or undefined when absent or unreadable. */
  stored(sessionId: string): Promise<SessionRecord | undefined>;
  /** The newer of `held` and the stored record. */
  latest(held: SessionRecord): Promise<SessionRecord>;
  /** Makes tokens (another window's, or a pair just issued) this window's. */
  adopt(record: SessionRecord): SessionRecord;
  /** Stores a rotated pair (unless a newer one is there); false when the write failed. */
  storeRotated(record: SessionRecord): Promise<boolean>;
  /** Removes with `removal`; answers the record still stored under that id if the removal did not apply. */
  end(record: SessionRecord, removal: Mutation, reason: 'refreshRejected' | 'tokenRejected'): Promise<SessionRecord | undefined>;
}

export interface SessionRefresherOptions {
  readonly host: RefreshHost;
  /** Keyed by session id. */
  readonly leases: SecretLeases;
  readonly tokenClient: (server: LucaroServerUrls) => TokenClient;
  readonly timing: SessionTiming;
  readonly logger: Logger;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

/** One refresh in progress: which session, and which tokens would do instead of a new pair. */
export interface RefreshRequest {
  readonly sessionId: string;
  readonly acceptable: (record: SessionRecord) => boolean;
}

interface Refreshed {
  readonly record: SessionRecord;
  /** Settles when the new pair is stored (true) or could not be (false). */
  readonly stored: Promise<boolean>;
}

/**
 * Rotation-safe refresh across windows: reads what other windows stored first, takes the
 * session's refresh lease so one window spends a refresh token, retries what says nothing
 * about the token, and after `invalid_grant` waits for a pair another window may still be
 * writing before it deletes anything (and then only the rejected pair).
 */
export class SessionRefresher {
  constructor(private readonly options: SessionRefresherOptions) {}

  async refresh(request: RefreshRequest): Promise<SessionRecord> {
    const { host, leases } = this.options;
    const latest = await host.latest(await host.held(request.sessionId));
    if (request.acceptable(latest)) return host.adopt(latest);
    if (!latest.refreshToken) {
      await host.end(latest, removeRecord(latest.id), 'tokenRejected');
      throw new SessionEndedError(latest.id, latest.account.label);
    }
    let rotatedElsewhere: SessionRecord | undefined;
    const lease = await leases.acquire(request.sessionId, async () => {
      const stored = await host.latest(latest);
      if (request.acceptable(stored)) rotatedElsewhere = stored;
      return rotatedElsewhere !== undefined;
    });
    if (lease === 'changed' && rotatedElsewhere) return host.adopt(rotatedElsewhere);
    let stored: Promise<boolean> = Promise.resolve(true);
    try {
      // The previous holder may have stored a new pair just before letting go.
      const owned = await host.latest(latest);
      if (request.acceptable(owned)) return host.adopt(owned);
      const refreshed = await this.redeem(request, owned, 1);
      stored = refreshed.stored;
      return refreshed.record;
    } finally {
      // Held until the new pair is stored, so other windows wait for it rather than spend the
      // old refresh token; if it cannot be stored, the lease runs out instead.
      void stored.then((persisted) => (persisted ? leases.release(request.sessionId) : leases.abandon(request.sessionId)));
    }
  }

  /**
   * Spends the record's refresh token. The new pair is this window's at once (a 1-second
   * token must not wait for a slow keychain) and is stored meanwhile, under the lease.
   */
  private async redeem(request: RefreshRequest, record: SessionRecord, retriesAfterRotation: number): Promise<Refreshed> {
    const refreshToken = record.refreshToken;
    if (!refreshToken) throw new SessionEndedError(record.id, record.account.label);
    let answer;
    try {
      answer = await refreshWithRetries(this.options.tokenClient(record.server), refreshToken, {
        timing: this.options.timing,
        signal: this.options.signal,
        accountLabel: record.account.label,
        beforeRetry: () => this.options.leases.renew(record.id),
        now: this.options.now,
      });
    } catch (error) {
      if (!(error instanceof OAuthError && error.isInvalidGrant)) throw error;
      return this.afterInvalidGrant(request, record, retriesAfterRotation);
    }
    const tokens = tokenSetFromResponse(answer.response, answer.sentAt, record.scopes, refreshToken);
    const refreshed: SessionRecord = {
      ...record,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
      receivedAt: tokens.receivedAt,
      scopes: [...tokens.scopes],
    };
    this.options.logger.info(`Refreshed the Lucaro session of ${record.account.label}.`);
    return { record: this.options.host.adopt(refreshed), stored: this.options.host.storeRotated(refreshed) };
  }

  /**
   * The server refused the refresh token. Another window may have spent it a moment ago and
   * still be writing the new pair: wait for that (bounded), and delete the session only
   * if the store still holds the rejected token (compare-and-delete).
   */
  private async afterInvalidGrant(request: RefreshRequest, rejected: SessionRecord, retriesAfterRotation: number): Promise<Refreshed> {
    const { host, timing, signal } = this.options;
    const deadline = Date.now() + timing.rotationWaitMs;
    for (;;) {
      const stored = await host.stored(rejected.id);
      if (stored?.refreshToken && stored.refreshToken !== rejected.refreshToken) {
        return this.useRotated(request, stored, retriesAfterRotation);
      }
      if (Date.now() >= deadline || signal.aborted) break;
      await sleep(timing.pollMs, signal);
    }
    const survivor = await host.end(rejected, removeIfRefreshTokenIs(rejected.id, rejected.refreshToken!), 'refreshRejected');
    if (survivor) return this.useRotated(request, survivor, retriesAfterRotation);
    throw new SessionEndedError(rejected.id, rejected.account.label);
  }

  private async useRotated(request: RefreshRequest, rotated: SessionRecord, retriesAfterRotation: number): Promise<Refreshed> {
    if (request.acceptable(rotated)) return { record: this.options.host.adopt(rotated), stored: Promise.resolve(true) };
    if (retriesAfterRotation > 0) return this.redeem(request, rotated, retriesAfterRotation - 1);
    await this.options.host.end(rotated, removeIfRefreshTokenIs(rotated.id, rotated.refreshToken!), 'refreshRejected');
    throw new SessionEndedError(rotated.id, rotated.account.label);
  }
}
