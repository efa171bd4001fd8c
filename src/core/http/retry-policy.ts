import { delay } from '../delay';
import { LucaroApiError, NetworkError, RateLimitedError } from './errors';
import { boundedWait } from './rate-limit';

export interface RetryOptions {
  /** Retries after the first attempt, for safe requests only. Default 3. */
  maxRetries?: number;
  /** First backoff step; doubles per retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Ceiling of one backoff step (not of a Retry-After). Default 8 s. */
  maxDelayMs?: number;
  /** Ceiling of all waiting for one call. Default 30 s. */
  maxTotalWaitMs?: number;
  /** Injected in tests; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected in tests; returns [0, 1). */
  random?: () => number;
  /** Injected in tests; epoch milliseconds. */
  now?: () => number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxRetries: options.maxRetries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxTotalWaitMs: options.maxTotalWaitMs ?? 30_000,
    sleep: options.sleep ?? delay,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
}

/**
 * Failures worth another attempt of a safe request: the server or the path may recover. An
 * untrusted certificate or a proxy refusing the tunnel does not change by waiting.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return error.failure !== 'certificate' && error.failure !== 'proxy-auth' && error.failure !== 'proxy-refused';
  return error instanceof LucaroApiError && (error.kind === 'server' || error.kind === 'rate-limited');
}

/**
 * How long to wait before retry number `retry` (0-based), or `undefined` to give up.
 * Jitter spreads clients that failed together; a 429 waits at least its Retry-After, and
 * a wait that would overrun the total budget gives up at once rather than sleep in vain.
 */
export function retryDelay(
  error: unknown,
  retry: number,
  waitedMs: number,
  policy: ResolvedRetryOptions,
): number | undefined {
  if (retry >= policy.maxRetries || !isRetryable(error)) return undefined;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const jittered = Math.round(exponential / 2 + (policy.random() * exponential) / 2);
  const wait =
    error instanceof RateLimitedError && error.retryAfterMs !== undefined
      ? Math.max(boundedWait(error.retryAfterMs), jittered)
      : jittered;
  return waitedMs + wait > policy.maxTotalWaitMs ? undefined : wait;
}
