import type { Disposable } from '../../src/core/events';
import type { SecretStore } from '../../src/core/session/secret-store';
import { mulberry32 } from '../server/prng';

export interface FaultySecretStoreOptions {
  /** Seeds every random choice below, so a failing run can be replayed. Default 1. */
  readonly seed?: number;
  /** Each operation takes a random time within this range. Default [0, 0]. */
  readonly latencyMs?: readonly [min: number, max: number];
  /** 0..1: share of reads that fail. Default 0. */
  readonly readFailureRate?: number;
  /** 0..1: share of writes (store or delete) that fail. Default 0. */
  readonly writeFailureRate?: number;
  /** 0..1: share of writes that take `slowWriteMs` longer. Default 0. */
  readonly slowWriteRate?: number;
  readonly slowWriteMs?: number;
}

interface Scheduled {
  remaining: number;
  readonly key: string | undefined;
}

/** What a keychain says when it refuses: the session layer must turn it into its own typed error. */
export class KeychainError extends Error {
  override readonly name = 'KeychainError';
  constructor(operation: 'read' | 'write', key: string) {
    super(`keychain refused to ${operation} ${key}`);
  }
}

/**
 * Secret storage as unfriendly as a real keychain: seeded latency, failed reads, failed
 * and slow writes, on a schedule or at random. A value becomes visible when its write
 * completes and a read returns what is there when it completes, so several managers over
 * one instance interleave like windows over one profile. `onDidChange` fires for every
 * landed write, in every "window", like `SecretStorage.onDidChange`.
 */
export class FaultySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  /** Every read or write fails while set. */
  failReads = false;
  failWrites = false;
  readonly counts = { reads: 0, writes: 0, failedReads: 0, failedWrites: 0 };
  /** Landed writes (store or delete) per key. */
  readonly writesByKey = new Map<string, number>();
  private readonly random: () => number;
  private readonly listeners = new Set<(key: string) => void>();
  private readonly failingReads: Scheduled[] = [];
  private readonly failingWrites: Scheduled[] = [];
  private readonly slowWrites: Array<Scheduled & { readonly ms: number }> = [];

  constructor(private readonly options: FaultySecretStoreOptions = {}) {
    this.random = mulberry32(options.seed ?? 1);
  }

  /** The next `count` reads (of `key`, when given) fail. */
  failNextReads(count: number, key?: string): void {
    this.failingReads.push({ remaining: count, key });
  }

  /** The next `count` writes (of `key`, when given) fail. */
  failNextWrites(count: number, key?: string): void {
    this.failingWrites.push({ remaining: count, key });
  }

  /** The next `count` writes (of `key`, when given) take `ms` longer before they land. */
  slowNextWrites(count: number, ms: number, key?: string): void {
    this.slowWrites.push({ remaining: count, key, ms });
  }

  onDidChange(listener: (key: string) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async get(key: string): Promise<string | undefined> {
    const fails = this.failReads || take(this.failingReads, key) !== undefined || this.roll(this.options.readFailureRate);
    await this.latency();
    this.counts.reads++;
    if (fails) {
      this.counts.failedReads++;
      throw new KeychainError('read', key);
    }
    return this.values.get(key);
  }

  store(key: string, value: string): Promise<void> {
    return this.write(key, () => this.values.set(key, value));
  }

  delete(key: string): Promise<void> {
    return this.write(key, () => this.values.delete(key));
  }

  private async write(key: string, land: () => void): Promise<void> {
    const fails = this.failWrites || take(this.failingWrites, key) !== undefined || this.roll(this.options.writeFailureRate);
    const slow = take(this.slowWrites, key)?.ms ?? (this.roll(this.options.slowWriteRate) ? (this.options.slowWriteMs ?? 0) : 0);
    await this.latency(slow);
    this.counts.writes++;
    if (fails) {
      this.counts.failedWrites++;
      throw new KeychainError('write', key);
    }
    land();
    this.writesByKey.set(key, (this.writesByKey.get(key) ?? 0) + 1);
    // The editor fires the change event later, on its own turn.
    setImmediate(() => {
      for (const listener of [...this.listeners]) listener(key);
    });
  }

  private latency(extraMs = 0): Promise<void> {
    const [min, max] = this.options.latencyMs ?? [0, 0];
    const ms = min + Math.floor(this.random() * (max - min + 1)) + extraMs;
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }

  private roll(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random() < rate;
  }
}

/** The first scheduled entry that applies to `key`, used up by one. */
function take<T extends Scheduled>(queue: T[], key: string): T | undefined {
  const entry = queue.find((scheduled) => scheduled.remaining > 0 && (scheduled.key === undefined || scheduled.key === key));
  if (entry) entry.remaining--;
  return entry;
}
