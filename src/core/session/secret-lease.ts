import * as v from 'valibot';
import type { Logger } from '../log/logger';
import type { SecretStore } from './secret-store';
import { sleep, type SessionTiming } from './session-timing';

/** One window at a time spends a session's refresh token: `lucaro.refreshLease.<sessionId>`. */
export const refreshLeaseKeyPrefix = 'lucaro.refreshLease.';
/** One window at a time reads, changes and writes the sessions document: `lucaro.writeLease.sessions`. */
export const writeLeaseKeyPrefix = 'lucaro.writeLease.';

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

export interface SecretLeasesOptions {
  readonly secrets: SecretStore;
  /** Each lease is the secret `keyPrefix + name`. */
  readonly keyPrefix: string;
  /** This window. */
  readonly owner: string;
  readonly timing: Pick<SessionTiming, 'leaseTtlMs' | 'leaseSettleMs' | 'pollMs'>;
  readonly logger: Logger;
  /** Aborts every wait when the window goes away. */
  readonly signal: AbortSignal;
}

/**
 * Short leases in secret storage, so one window at a time does a thing (spends a refresh
 * token, rewrites the sessions document). Secret storage has no compare-and-swap, so a
 * lease is taken by writing it, waiting, and reading it back: the last writer wins and the
 * others see it. A rival that read "free" just before our write landed may still be
 * writing, so the wait outlasts the slowest storage write this window has seen.
 * Best effort: when storage fails the work goes ahead without one.
 */
export class SecretLeases {
  private slowestWriteMs = 0;
  private readonly releasing = new Map<string, Promise<void>>();
  /** Work of this window under each lease: the lease goes when the last of it releases. */
  private readonly holds = new Map<string, number>();
  private readonly writtenUntil = new Map<string, number>();

  constructor(private readonly options: SecretLeasesOptions) {}

  /**
   * Resolves 'owned' once this window holds the lease, or 'changed' as soon as `changed`
   * says the holder's new tokens are in the store. A holder that stays silent longer than a
   * lease lasts is taken over.
   */
  async acquire(name: string, changed: () => Promise<boolean> = () => Promise.resolve(false)): Promise<'owned' | 'changed'> {
    const { signal, timing } = this.options;
    await this.releasing.get(name);
    if ((this.holds.get(name) ?? 0) > 0) {
      // Held already by other work of this window: keep it from running out under us.
      if ((this.writtenUntil.get(name) ?? 0) - Date.now() < timing.leaseTtlMs / 2) await this.write(name);
      return this.hold(name);
    }
    // Only a lease left to run out is taken over; this bounds the wait if its owner's clock is off.
    const deadline = Date.now() + 2 * timing.leaseTtlMs;
    for (;;) {
      signal.throwIfAborted();
      if (await this.tryAcquire(name)) return this.hold(name);
      await sleep(timing.pollMs, signal);
      if (await changed()) return 'changed';
      if (Date.now() >= deadline) {
        this.options.logger.warn(`Another window held ${this.options.keyPrefix}… too long; taking it over.`);
        await this.write(name);
        return this.hold(name);
      }
    }
  }

  /** Extends a lease we hold while a slow refresh retries. */
  async renew(name: string): Promise<void> {
    await this.write(name);
  }

  /**
   * Deletes the lease if it is still ours. Callers need not wait: this window's next
   * `acquire` of the same lease does, so the deletion never removes a newer lease of ours.
   */
  release(name: string): Promise<void> {
    if (!this.drop(name)) return Promise.resolve();
    const releasing = this.deleteIfOurs(name).finally(() => {
      if (this.releasing.get(name) === releasing) this.releasing.delete(name);
    });
    this.releasing.set(name, releasing);
    return releasing;
  }

  /**
   * Ends this window's work under the lease but leaves the stored lease to run out, so
   * other windows keep waiting a while (for tokens we could not store, say).
   */
  abandon(name: string): void {
    this.drop(name);
  }

  /** True when that was this window's last work under the lease. */
  private drop(name: string): boolean {
    const holds = (this.holds.get(name) ?? 1) - 1;
    if (holds > 0) {
      this.holds.set(name, holds);
      return false;
    }
    this.holds.delete(name);
    this.writtenUntil.delete(name);
    return true;
  }

  private hold(name: string): 'owned' {
    this.holds.set(name, (this.holds.get(name) ?? 0) + 1);
    return 'owned';
  }

  private async deleteIfOurs(name: string): Promise<void> {
    try {
      const held = await this.read(name);
      if (held?.owner === this.options.owner) await this.options.secrets.delete(this.key(name));
    } catch (error) {
      this.options.logger.debug(`Could not release ${this.options.keyPrefix}…: ${String(error)}`);
    }
  }

  private async tryAcquire(name: string): Promise<boolean> {
    const started = Date.now();
    let held: Lease | undefined;
    try {
      held = await this.read(name);
    } catch {
      return true;
    }
    if (held && held.owner !== this.options.owner && held.expiresAt > Date.now()) return false;
    if (!(await this.write(name))) return true;
    const settle = Math.max(Date.now() - started, this.slowestWriteMs) + this.options.timing.leaseSettleMs;
    await sleep(settle, this.options.signal);
    try {
      return (await this.read(name))?.owner === this.options.owner;
    } catch {
      return true;
    }
  }

  private async read(name: string): Promise<Lease | undefined> {
    return parseLease(await this.options.secrets.get(this.key(name)));
  }

  /** False when storage refused: there is no lease to hold then. */
  private async write(name: string): Promise<boolean> {
    const lease: Lease = { owner: this.options.owner, expiresAt: Date.now() + this.options.timing.leaseTtlMs };
    const started = Date.now();
    try {
      await this.options.secrets.store(this.key(name), JSON.stringify(lease));
      this.writtenUntil.set(name, lease.expiresAt);
      this.slowestWriteMs = Math.max(this.slowestWriteMs, Date.now() - started);
      return true;
    } catch (error) {
      this.options.logger.debug(`Could not write a Lucaro refresh lease: ${String(error)}`);
      return false;
    }
  }

  private key(name: string): string {
    return this.options.keyPrefix + name;
  }
}
