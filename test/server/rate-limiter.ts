import type { RateLimitOptions } from './options';

export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch seconds at which the window resets. */
  readonly reset: number;
  /** Whole seconds until the window resets, at least 1. */
  readonly retryAfterSeconds: number;
  readonly allowed: boolean;
}

interface Bucket {
  windowStart: number;
  used: number;
}

/** Fixed windows per key (the bearer token), as GitHub-style X-RateLimit-* headers describe. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly config: () => RateLimitOptions) {}

  consume(key: string, now = Date.now()): RateLimitState {
    const { limit, windowSeconds } = this.config();
    const windowMs = windowSeconds * 1000;
    let bucket = this.buckets.get(key);
    if (!bucket || now >= bucket.windowStart + windowMs) {
      bucket = { windowStart: now, used: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.used += 1;
    return {
      limit,
      remaining: Math.max(0, limit - bucket.used),
      reset: Math.ceil((bucket.windowStart + windowMs) / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((bucket.windowStart + windowMs - now) / 1000)),
      allowed: bucket.used <= limit,
    };
  }

  /** A changed limit starts every window afresh, so a test sees exactly the limit it set. */
  reset(): void {
    this.buckets.clear();
  }
}
