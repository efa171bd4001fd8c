import * as v from 'valibot';
import type { Logger } from '../log/logger';
import type { SecretStore } from './secret-store';
import { sleep, type SessionTiming } from './session-timing';

export const refreshLeaseKeyPrefix = 'lucaro.refreshLease.';

const leaseSchema = v.object({ owner: v.pipe(v.string(), v.minLength(1)), expiresAt: v.number() });

export type Lease = v.InferOutput<typeof leaseSchema>;

/** A stored lease, or undefined for anything else (absent, damaged, another shape). */
export function parseLease(serialized: string | undefined): Lease | undefined {
  if (serialized === undefined) return undefined;
  try {
    const parsed = v.safeParse(leaseSchema, JSON.parse(serialized));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

export interface RefreshLeasesOptions {
  readonly secrets: SecretStore;
  /** This window. */
  readonly owner: string;
  readonly timing: Pick<SessionTiming, 'leaseTtlMs' | 'leaseSettleMs' | 'pollMs'>;
  readonly logger: Logger;
  /** Aborts every wait when the window goes away. */
  readonly signal: AbortSignal;
}

/**
 * One window at a time refreshes a given session, so a refresh token is spent once.
 * Secret storage has no compare-and-swap, so a lease is taken by writing it, waiting, and
 * reading it back: the last writer wins and the others see it. The wait is at least as long
 * as our own read-then-write took, so a rival whose write landed earlier or later than ours
 * is seen either way. Best effort: when storage fails the refresh goes ahead without one.
 */
export class RefreshLeases {
  constructor(private readonly options: RefreshLeasesOptions) {}

  /**
   * Resolves 'owned' once this window holds the lease, or 'changed' as soon as `changed`
   * says the holder's new tokens are in the store. A holder that stays silent longer than a
   * lease lasts is taken over.
   */
  async acquire(sessionId: string, changed: () => Promise<boolean>): Promise<'owned' | 'changed'> {
    const { signal, timing } = this.options;
    const deadline = Date.now() + timing.leaseTtlMs;
    for (;;) {
      signal.throwIfAborted();
      if (await this.tryAcquire(sessionId)) return 'owned';
      await sleep(timing.pollMs, signal);
      if (await changed()) return 'changed';
      if (Date.now() >= deadline) {
        this.options.logger.warn('Another window held a Lucaro refresh lease too long; taking it over.');
        await this.write(sessionId);
        return 'owned';
      }
    }
  }

  /** Extends a lease we hold while a slow refresh retries. */
  async renew(sessionId: string): Promise<void> {
    await this.write(sessionId);
  }

  /** Deletes the lease if it is still ours. */
  async release(sessionId: string): Promise<void> {
    try {
      const held = await this.read(sessionId);
      if (held?.owner === this.options.owner) await this.options.secrets.delete(leaseKey(sessionId));
    } catch (error) {
      this.options.logger.debug(`Could not release a Lucaro refresh lease: ${String(error)}`);
    }
  }

  private async tryAcquire(sessionId: string): Promise<boolean> {
    const started = Date.now();
    let held: Lease | undefined;
    try {
      held = await this.read(sessionId);
    } catch {
      return true;
    }
    if (held && held.owner !== this.options.owner && held.expiresAt > Date.now()) return false;
    if (!(await this.write(sessionId))) return true;
    await sleep(Date.now() - started + this.options.timing.leaseSettleMs, this.options.signal);
    try {
      return (await this.read(sessionId))?.owner === this.options.owner;
    } catch {
      return true;
    }
  }

  private async read(sessionId: string): Promise<Lease | undefined> {
    return parseLease(await this.options.secrets.get(leaseKey(sessionId)));
  }

  /** False when storage refused: there is no lease to hold then. */
  private async write(sessionId: string): Promise<boolean> {
    const lease: Lease = { owner: this.options.owner, expiresAt: Date.now() + this.options.timing.leaseTtlMs };
    try {
      await this.options.secrets.store(leaseKey(sessionId), JSON.stringify(lease));
      return true;
    } catch (error) {
      this.options.logger.debug(`Could not write a Lucaro refresh lease: ${String(error)}`);
      return false;
    }
  }
}

function leaseKey(sessionId: string): string {
  return refreshLeaseKeyPrefix + sessionId;
}
