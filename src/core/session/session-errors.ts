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
