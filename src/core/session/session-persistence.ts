import type { SecretLeases } from './secret-lease';
import { SecretStorageError } from './secret-store';
import type { Mutation } from './session-mutations';
import type { SessionRecord } from './session-record';
import { UnreadableSessionsDocumentError, type SessionStore, type StoredSessions } from './session-store';
import { sleep, withJitter, type SessionTiming } from './session-timing';

export interface PersistOutcome {
  /** What this window should now hold. */
  readonly records: SessionRecord[];
  readonly persisted: boolean;
}

export interface SessionPersistenceOptions {
  readonly store: SessionStore;
  /**
   * Held around each read-change-write, so two windows writing at once (each a different
   * session) do not overwrite each other's change with what they read before it landed.
   */
  readonly writeLease: SecretLeases;
  readonly timing: Pick<SessionTiming, 'writeRetryDelaysMs'>;
  readonly signal: AbortSignal;
  readonly onFailure: (error: SecretStorageError) => void;
}

/**
 * This window's writes, one at a time, each applied to what is stored at that moment
 * (another window may have written since we read). A change that could not be written
 * stays pending: it is replayed over every later read of the store, so the stale stored
 * record never wins over it, and it goes out with the next write that succeeds.
 */
const documentLease = 'sessions';

export class SessionPersistence {
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Mutation[] = [];

  constructor(private readonly options: SessionPersistenceOptions) {}

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** The stored records with this window's unwritten changes on top. */
  overlay(stored: readonly SessionRecord[]): SessionRecord[] {
    return this.pending.reduce<SessionRecord[]>((records, mutation) => mutation(records), [...stored]);
  }

  /**
   * Applies `mutation` and writes the result, retrying with backoff. `held` is this
   * window's view, used only when the store cannot be read (nothing is written then: a write
   * without the stored basis could drop entries this version cannot read).
   */
  apply(mutation: Mutation, held: () => readonly SessionRecord[]): Promise<PersistOutcome> {
    this.pending.push(mutation);
    return this.enqueue(held);
  }

  /** Settles once every write queued so far has landed or failed. */
  async idle(): Promise<void> {
    let queued: Promise<unknown>;
    do {
      queued = this.queue;
      await queued;
    } while (queued !== this.queue);
  }

  /** Writes pending changes, if any (storage may work again). */
  retryPending(held: () => readonly SessionRecord[]): Promise<PersistOutcome | undefined> {
    if (!this.hasPending) return Promise.resolve(undefined);
    return this.enqueue(held);
  }

  private enqueue(held: () => readonly SessionRecord[]): Promise<PersistOutcome> {
    const write = this.queue.then(() => this.writeWithRetries(held));
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async writeWithRetries(held: () => readonly SessionRecord[]): Promise<PersistOutcome> {
    const delays = this.options.timing.writeRetryDelaysMs;
    let failure: unknown;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await sleep(withJitter(delays[attempt - 1]!), this.options.signal);
      try {
        await this.options.writeLease.acquire(documentLease);
      } catch {
        // Only a window going away stops waiting for the lease: nothing to report then.
        return { records: this.overlay(held()), persisted: false };
      }
      try {
        return await this.readChangeWrite();
      } catch (error) {
        failure = error;
        if (error instanceof UnreadableSessionsDocumentError) break;
      } finally {
        void this.options.writeLease.release(documentLease);
      }
    }
    this.options.onFailure(failure instanceof SecretStorageError ? failure : new SecretStorageError('write', { cause: failure }));
    return { records: this.overlay(held()), persisted: false };
  }

  private async readChangeWrite(): Promise<PersistOutcome> {
    const basis: StoredSessions = await this.options.store.read();
    const batch = this.pending.length;
    const records = this.overlay(basis.records);
    await this.options.store.write(records, basis);
    // Changes queued while this write was on its way are not in it: they stay pending.
    this.pending = this.pending.slice(batch);
    return { records: this.overlay(records), persisted: true };
  }
}
