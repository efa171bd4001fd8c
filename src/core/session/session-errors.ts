/** The refresh token is dead (revoked, rotated out elsewhere, expired): only a new sign-in helps. */
export class SessionEndedError extends Error {
  override readonly name = 'SessionEndedError';
  constructor(readonly sessionId: string, readonly accountLabel: string) {
    super(`The Lucaro session of ${accountLabel} has ended. Sign in again.`);
  }
}

export class UnknownSessionError extends Error {
  override readonly name = 'UnknownSessionError';
  constructor(readonly sessionId: string) {
    super('That Lucaro session no longer exists.');
  }
}

/** What kept Lucaro from answering: none of these says anything about the token. */
export type UnreachableReason = 'server-error' | 'timeout' | 'network' | 'unusable-answer' | 'no-answer';

/**
 * A refresh (or the check of an API token) met 5xx answers, timeouts, network errors or
 * garbage on every bounded retry. Nothing was rejected: the session is kept.
 */
export class LucaroUnreachableError extends Error {
  override readonly name = 'LucaroUnreachableError';
  constructor(readonly reason: UnreachableReason, readonly accountLabel: string, options?: { cause?: unknown }) {
    super(`Lucaro cannot be reached right now (${reason}); the session of ${accountLabel} was kept.`, options);
  }
}

/**
 * The API refused an API token with 401, yet `GET /v2/me` still accepts it (a proxy, a
 * passing fault): the session is kept and this request failed.
 */
export class UnconfirmedRejectionError extends Error {
  override readonly name = 'UnconfirmedRejectionError';
  constructor(readonly sessionId: string, readonly accountLabel: string) {
    super(`Lucaro refused a request with the API token of ${accountLabel}, but the token is still valid, so the session was kept.`);
  }
}
