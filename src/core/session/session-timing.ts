/** Every wait of the session layer, in milliseconds; tests shorten them, the defaults are for people. */
export interface SessionTiming {
  /** How long a refresh lease holds when its owner does not release it (a closed window). */
  readonly leaseTtlMs: number;
  /** How long the lease on rewriting the sessions document holds when its owner does not release it. */
  readonly writeLeaseTtlMs: number;
  /** Least wait between writing a lease and reading it back to see who won. */
  readonly leaseSettleMs: number;
  /** How often a window waiting for another window's refresh looks at the store. */
  readonly pollMs: number;
  /** After `invalid_grant`, how long to look for the tokens another window may be writing. */
  readonly rotationWaitMs: number;
  /** Delays before the second, third, ... attempt of a refresh that met a transient failure. */
  readonly refreshRetryDelaysMs: readonly number[];
  /** Each refresh attempt gives up after this long. */
  readonly refreshAttemptTimeoutMs: number;
  /** Delays before the second, third, ... attempt of a secret-storage write. */
  readonly writeRetryDelaysMs: readonly number[];
  /** Before each `GET /v2/me` that checks an API token after a 401. */
  readonly confirmDelaysMs: readonly number[];
}

export const defaultSessionTiming: SessionTiming = {
  leaseTtlMs: 20_000,
  writeLeaseTtlMs: 5_000,
  leaseSettleMs: 20,
  pollMs: 150,
  rotationWaitMs: 2_000,
  refreshRetryDelaysMs: [300, 1_200],
  refreshAttemptTimeoutMs: 15_000,
  writeRetryDelaysMs: [100, 400, 1_600],
  confirmDelaysMs: [300, 1_000],
};

/** Resolves after `ms`, or at once (without throwing) when `signal` aborts: callers check the signal. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Up to a quarter more, so two windows that failed together do not retry together. */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (1 + random() / 4));
}
