import { InsufficientScopeError, LucaroApiError, RateLimitedError, UnauthorizedError } from '../http/errors';
import { SessionEndedError, UnknownSessionError } from '../session/session-errors';

/** Where a failure happened: a tree's list, a command, a quick pick, a webview panel. */
export type FailureOrigin = 'list' | 'command' | 'picker' | 'panel';

/** What the user gets to see for one failure; the shell carries it out. */
export type FailureRoute =
  /** Cancelled: the user asked for it, or the account went out of use. Nothing to say. */
  | { readonly route: 'ignore' }
  /** A 403 naming the scopes it needed: the one deduplicated offer to grant them. */
  | { readonly route: 'stepUp'; readonly scopes: readonly string[] }
  /** The sign-in is gone or was refused: the one notice with Sign In. */
  | { readonly route: 'sessionEnded' }
  /** Still rate limited after the client's own waits: the status bar counts down. */
  | { readonly route: 'rateLimit'; readonly retryAfterMs: number | undefined }
  /** A list failed: its tree row says what happened and offers Retry. */
  | { readonly route: 'row' }
  /** A command, picker or panel failed: a message that says what to do next. */
  | { readonly route: 'message' };

/**
 * The one decision of what a failure shows. Every route but `ignore` also gets a log line.
 * A list's row speaks for itself, so lists never add a message; a command never fails silently.
 */
export function routeFailure(error: unknown, origin: FailureOrigin): FailureRoute {
  if (isCancellation(error)) return { route: 'ignore' };
  if (error instanceof InsufficientScopeError && error.requiredScopes.length > 0) {
    return { route: 'stepUp', scopes: error.requiredScopes };
  }
  if (error instanceof RateLimitedError) return { route: 'rateLimit', retryAfterMs: error.retryAfterMs };
  // The session manager reports a session that really ended (one notice); a list's row says the rest.
  if (origin === 'list') return { route: 'row' };
  if (error instanceof SessionEndedError || error instanceof UnknownSessionError || error instanceof UnauthorizedError) {
    return { route: 'sessionEnded' };
  }
  return { route: 'message' };
}

function isCancellation(error: unknown): boolean {
  return error instanceof LucaroApiError && error.kind === 'cancelled';
}
