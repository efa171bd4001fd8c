/** The authorization server answered the token or authorization endpoint with an RFC 6749 error. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    /** `invalid_grant`, `access_denied`, ... as the server sent it. */
    readonly code: string,
    readonly description: string | undefined,
    readonly status?: number,
  ) {
    super(description ? `${code}: ${description}` : code);
  }

  /** On refresh this means the session is over: the user has to sign in again. */
  get isInvalidGrant(): boolean {
    return this.code === 'invalid_grant';
  }
}

/** The token endpoint answered something that is not a usable token response. */
export class MalformedTokenResponseError extends Error {
  override readonly name = 'MalformedTokenResponseError';
  constructor(readonly detail: string, readonly status: number) {
    super(`unusable token response (${detail}, HTTP ${status})`);
  }
}

/** The token endpoint could not be reached or did not answer in time. */
export class TokenEndpointUnreachableError extends Error {
  override readonly name = 'TokenEndpointUnreachableError';
  constructor(readonly detail: string, options?: { cause?: unknown }) {
    super(`token endpoint could not be reached (${detail})`, options);
  }
}

/** A redirect arrived that does not belong to a pending sign-in, or is not a valid answer. */
export class InvalidCallbackError extends Error {
  override readonly name = 'InvalidCallbackError';
  constructor(readonly reason: 'missingState' | 'missingCode' | 'repeatedParameter' | 'codeAndError') {
    super(`Ignored a sign-in callback (${reason}).`);
  }
}

/** The user waited too long, or cancelled, before the browser came back. */
export class SignInTimeoutError extends Error {
  override readonly name = 'SignInTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`Sign-in did not complete within ${Math.round(timeoutMs / 60000)} minutes.`);
  }
}

export class SignInCancelledError extends Error {
  override readonly name = 'SignInCancelledError';
  constructor() {
    super('Sign-in was cancelled.');
  }
}
