export interface ServerCounters {
  /**
   * Token endpoint calls by grant type (every attempt, successful or not);
   * `failed` counts the ones answered with an error, whatever the grant type.
   */
  tokenRequests: { authorization_code: number; refresh_token: number; failed: number };
  /**
   * Refresh requests presenting a refresh token that was already rotated out or revoked:
   * what a server with reuse detection would answer by revoking the whole grant.
   */
  refreshTokenReuse: number;
  /** POST /oauth/revoke calls. */
  revocations: number;
  /** Every /v2 request. */
  apiRequests: number;
  /** API requests carrying an access token that was valid but has expired. */
  expiredTokenRequests: number;
  /** 401s sent by the API. */
  unauthorizedRequests: number;
  /** CORS preflights (`OPTIONS`) on either origin: a browser's calls, not counted in the other counters. */
  corsPreflights: number;
  /** TCP connections accepted on the API port. */
  apiConnections: number;
  authConnections: number;
  /** Keyed by method and path without the query, e.g. 'GET /v2/projects'. */
  requestsByPath: Record<string, number>;
}

export function createCounters(): ServerCounters {
  return {
    tokenRequests: { authorization_code: 0, refresh_token: 0, failed: 0 },
    refreshTokenReuse: 0,
    revocations: 0,
    apiRequests: 0,
    expiredTokenRequests: 0,
    unauthorizedRequests: 0,
    corsPreflights: 0,
    apiConnections: 0,
    authConnections: 0,
    requestsByPath: {},
  };
}

/** Zeroes in place: callers may hold on to the live object. */
export function resetCounters(counters: ServerCounters): void {
  const fresh = createCounters();
  Object.assign(counters.tokenRequests, fresh.tokenRequests);
  for (const key of Object.keys(counters.requestsByPath)) delete counters.requestsByPath[key];
  counters.refreshTokenReuse = 0;
  counters.revocations = 0;
  counters.apiRequests = 0;
  counters.expiredTokenRequests = 0;
  counters.unauthorizedRequests = 0;
  counters.corsPreflights = 0;
  counters.apiConnections = 0;
  counters.authConnections = 0;
}
