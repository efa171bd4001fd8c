import { mulberry32 } from './prng';

export type Fault =
  | { readonly kind: 'fail'; readonly status: number }
  | { readonly kind: 'malform' }
  | { readonly kind: 'rateLimit'; readonly retryAfterSeconds: number };

interface QueuedFault {
  readonly fault: Fault;
  remaining: number;
}

/**
 * Scheduled faults are served in the order they were asked for (failNext(1) then
 * malformNext(1): a 503, then garbage); random ones use a PRNG seeded like the data.
 */
export class FaultInjector {
  private readonly queue: QueuedFault[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed ^ 0x5eed);
  }

  schedule(fault: Fault, count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    if (count > 0) this.queue.push({ fault, remaining: count });
  }

  /** The scheduled fault, if any, for the next request. */
  takeScheduled(): Fault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.queue.shift();
    return head.fault;
  }

  roll(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }
}
