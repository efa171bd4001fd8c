import { MalformedTokenResponseError, OAuthError, TokenEndpointUnreachableError } from '../auth/oauth-errors';
import type { TokenClient } from '../auth/token-client';
import type { TokenResponse } from '../auth/token-response';
import { LucaroUnreachableError, type UnreachableReason } from './session-errors';
import { sleep, withJitter, type SessionTiming } from './session-timing';

export interface RefreshAttemptsOptions {
  readonly timing: Pick<SessionTiming, 'refreshRetryDelaysMs' | 'refreshAttemptTimeoutMs'>;
  /** The window is going away: stop at once. */
  readonly signal: AbortSignal;
  readonly accountLabel: string;
  /** Before each retry: keep the refresh lease while we are still at it. */
  readonly beforeRetry: () => Promise<void>;
  readonly now: () => number;
}

export interface RefreshAnswer {
  readonly response: TokenResponse;
  /** When the attempt that succeeded was sent: lifetimes count from there. */
  readonly sentAt: number;
}

/**
 * Spends `refreshToken` at the token endpoint, retrying with bounded backoff what says
 * nothing about the token (5xx, 429, timeouts, network errors, garbage). Gives up with a
 * `LucaroUnreachableError`; a real answer about the token (`invalid_grant`, ...) is thrown
 * at once.
 */
export async function refreshWithRetries(client: TokenClient, refreshToken: string, options: RefreshAttemptsOptions): Promise<RefreshAnswer> {
  const delays = options.timing.refreshRetryDelaysMs;
  let reason: UnreachableReason = 'network';
  let lastError: unknown;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) {
      await sleep(withJitter(delays[attempt - 1]!), options.signal);
      await options.beforeRetry();
    }
    options.signal.throwIfAborted();
    const deadline = AbortSignal.timeout(options.timing.refreshAttemptTimeoutMs);
    const sentAt = options.now();
    try {
      return { response: await client.refresh(refreshToken, AbortSignal.any([deadline, options.signal])), sentAt };
    } catch (error) {
      options.signal.throwIfAborted();
      const transient = deadline.aborted ? 'timeout' : transientReason(error);
      if (transient === undefined) throw error;
      reason = transient;
      lastError = error;
    }
  }
  throw new LucaroUnreachableError(reason, options.accountLabel, { cause: lastError });
}

/** Why a failed token request says nothing about the token, or undefined when it does. */
export function transientReason(error: unknown): UnreachableReason | undefined {
  if (error instanceof TokenEndpointUnreachableError) return error.detail === 'timed out' ? 'timeout' : 'network';
  if (error instanceof MalformedTokenResponseError) return error.status >= 500 ? 'server-error' : 'unusable-answer';
  if (error instanceof OAuthError) {
    const status = error.status ?? 0;
    const busy = status >= 500 || status === 429 || error.code === 'server_error' || error.code === 'temporarily_unavailable';
    return busy ? 'server-error' : undefined;
  }
  return undefined;
}
