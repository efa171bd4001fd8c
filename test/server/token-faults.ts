/**
 * Answers the token endpoint can be made to give instead of a token: a 200 whose body is
 * not JSON (a proxy's error page), or JSON without `access_token`.
 */
export type TokenFault = 'not-json' | 'no-access-token';

/** Scheduled token-endpoint faults, served in the order they were asked for. */
export class TokenFaults {
  private readonly queue: { fault: TokenFault; remaining: number }[] = [];

  schedule(fault: TokenFault, count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    if (fault !== 'not-json' && fault !== 'no-access-token') throw new RangeError(`unknown token fault: ${String(fault)}`);
    if (count > 0) this.queue.push({ fault, remaining: count });
  }

  take(): TokenFault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.queue.shift();
    return head.fault;
  }
}
