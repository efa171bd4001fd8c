/**
 * What the API client needs from the session layer. The session layer owns expiry,
 * refresh and rotation; the client only asks for a token and reports a 401.
 */
export interface AccessTokenSource {
  /** A token not known to be expired (refreshing first if it is). Rejects when the session is over. */
  getAccessToken(): Promise<string>;
  /**
   * The server rejected `rejectedToken` with 401. Resolves to a fresh token to retry once with,
   * or `undefined` when there is none (API tokens, a dead refresh token).
   */
  handleUnauthorized(rejectedToken: string): Promise<string | undefined>;
}
