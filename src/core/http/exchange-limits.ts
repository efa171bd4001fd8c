/** Which limit of an exchange ran out first. */
export type ExpiredLimit = 'deadline' | 'headers' | 'idle';

export interface ExchangeTimeouts {
  readonly headersTimeoutMs: number;
  /** Quiet time allowed between two chunks of the body. */
  readonly bodyTimeoutMs: number;
  readonly totalTimeoutMs: number;
}

/**
 * The clocks of one exchange: the total deadline, the wait for the headers, the quiet time
 * between chunks. The first to run out aborts `signal` and is remembered in `expired`.
 * One timer per limit: a chunk only notes the time, the idle timer re-arms itself for what
 * is left when it fires early.
 */
export class ExchangeLimits {
  readonly signal: AbortSignal;
  #expired: ExpiredLimit | undefined;
  readonly #controller = new AbortController();
  readonly #timeouts: ExchangeTimeouts;
  readonly #deadlineTimer: ReturnType<typeof setTimeout>;
  #phaseTimer: ReturnType<typeof setTimeout> | undefined;
  #lastChunkAt = 0;
  #onExpire: (() => void) | undefined;

  constructor(timeouts: ExchangeTimeouts, callerSignal?: AbortSignal) {
    this.#timeouts = timeouts;
    this.signal = callerSignal ? AbortSignal.any([callerSignal, this.#controller.signal]) : this.#controller.signal;
    this.#deadlineTimer = setTimeout(() => this.#expire('deadline'), timeouts.totalTimeoutMs);
    this.#phaseTimer = setTimeout(() => this.#expire('headers'), timeouts.headersTimeoutMs);
  }

  get expired(): ExpiredLimit | undefined {
    return this.#expired;
  }

  /** The headers are in: from now on the body's quiet time counts; `onExpire` cuts the body. */
  headersArrived(onExpire: () => void): void {
    this.#onExpire = onExpire;
    clearTimeout(this.#phaseTimer);
    this.#lastChunkAt = performance.now();
    this.#phaseTimer = setTimeout(() => this.#checkIdle(), this.#timeouts.bodyTimeoutMs);
  }

  chunkArrived(): void {
    this.#lastChunkAt = performance.now();
  }

  stop(): void {
    clearTimeout(this.#deadlineTimer);
    clearTimeout(this.#phaseTimer);
  }

  #checkIdle(): void {
    const quietMs = performance.now() - this.#lastChunkAt;
    if (quietMs >= this.#timeouts.bodyTimeoutMs) this.#expire('idle');
    else this.#phaseTimer = setTimeout(() => this.#checkIdle(), this.#timeouts.bodyTimeoutMs - quietMs);
  }

  #expire(limit: ExpiredLimit): void {
    if (this.#expired !== undefined || this.signal.aborted) return;
    this.#expired = limit;
    this.stop();
    this.#controller.abort(new Error(`exchange limit passed: ${limit}`));
    this.#onExpire?.();
  }
}
