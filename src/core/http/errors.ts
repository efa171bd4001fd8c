import { networkFailureKind, type NetworkFailureKind } from './network-failure';

/**
 * Every failure the API client reports, as data. Messages are short, for developers (logs,
 * stack traces), and never hold a token or a response body; the sentences users read, with
 * a next step, live in the shell (`src/ui/error-messages.ts`), which switches on `kind`.
 */
export type LucaroApiErrorKind =
  | 'unauthorized'
  | 'insufficient-scope'
  | 'rate-limited'
  | 'not-found'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'malformed-response'
  | 'unexpected-status'
  | 'cancelled';

/** Which request failed, for logs: method and path (with query), never headers. */
export interface RequestDescription {
  method: string;
  path: string;
}

interface ErrorInit {
  request?: RequestDescription;
  /** The `error.code` of a Lucaro error body. */
  code?: string;
  /** The `error.message` of a Lucaro error body, shortened. */
  serverMessage?: string;
  cause?: unknown;
}

export abstract class LucaroApiError extends Error {
  abstract readonly kind: LucaroApiErrorKind;
  readonly status: number | undefined;
  readonly request: RequestDescription | undefined;
  readonly code: string | undefined;
  readonly serverMessage: string | undefined;

  protected constructor(message: string, status: number | undefined, init: ErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = status;
    this.request = init.request;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
  }
}

export class UnauthorizedError extends LucaroApiError {
  override readonly kind = 'unauthorized' as const;
  override readonly name = 'UnauthorizedError';
  constructor(init?: ErrorInit) {
    super('HTTP 401: the access token was not accepted', 401, init);
  }
}

export class InsufficientScopeError extends LucaroApiError {
  override readonly kind = 'insufficient-scope' as const;
  override readonly name = 'InsufficientScopeError';
  readonly requiredScopes: readonly string[];
  constructor(requiredScopes: readonly string[], init?: ErrorInit) {
    super(
      requiredScopes.length > 0
        ? `HTTP 403 insufficient_scope: needs ${requiredScopes.join(', ')}`
        : 'HTTP 403: not allowed',
      403,
      init,
    );
    this.requiredScopes = requiredScopes;
  }
}

export class RateLimitedError extends LucaroApiError {
  override readonly kind = 'rate-limited' as const;
  override readonly name = 'RateLimitedError';
  /** How long the server asked to wait, when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(retryAfterMs: number | undefined, init?: ErrorInit) {
    super(
      retryAfterMs === undefined
        ? 'HTTP 429: rate limited'
        : `HTTP 429: rate limited, retry after ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`,
      429,
      init,
    );
    this.retryAfterMs = retryAfterMs;
  }
}

export class NotFoundError extends LucaroApiError {
  override readonly kind = 'not-found' as const;
  override readonly name = 'NotFoundError';
  constructor(init?: ErrorInit) {
    super('HTTP 404: not found', 404, init);
  }
}

export class BadRequestError extends LucaroApiError {
  override readonly kind = 'bad-request' as const;
  override readonly name = 'BadRequestError';
  constructor(status: number, init?: ErrorInit) {
    super(
      init?.serverMessage ? `HTTP ${status}: request rejected: ${init.serverMessage}` : `HTTP ${status}: request rejected`,
      status,
      init,
    );
  }
}

export class ServerError extends LucaroApiError {
  override readonly kind = 'server' as const;
  override readonly name = 'ServerError';
  constructor(status: number, init?: ErrorInit) {
    super(`HTTP ${status}: server error`, status, init);
  }
}

export class NetworkError extends LucaroApiError {
  override readonly kind = 'network' as const;
  override readonly name = 'NetworkError';
  /** The connection, the response headers or the body took too long. */
  readonly timeout: boolean;
  /**
   * The system or undici error code (`ECONNREFUSED`, `UND_ERR_BODY_TIMEOUT`, ...), or
   * `DEADLINE_EXCEEDED` when the whole exchange took longer than its deadline.
   */
  readonly errorCode: string | undefined;
  /** What the code means for the user: an untrusted certificate, a refusing proxy, no answer... */
  readonly failure: NetworkFailureKind;
  constructor(origin: string, options: { timeout: boolean; errorCode?: string }, init?: ErrorInit) {
    super(
      options.timeout
        ? `no answer in time from ${origin}`
        : `could not reach ${origin}${options.errorCode ? ` (${options.errorCode})` : ''}`,
      undefined,
      init,
    );
    this.timeout = options.timeout;
    this.errorCode = options.errorCode;
    this.failure = networkFailureKind(options.errorCode, options.timeout);
  }
}

export class MalformedResponseError extends LucaroApiError {
  override readonly kind = 'malformed-response' as const;
  override readonly name = 'MalformedResponseError';
  /** What was wrong, without the body (for example `data.3.name: expected string`). */
  readonly detail: string;
  constructor(status: number | undefined, detail: string, init?: ErrorInit) {
    super(`unreadable response (${detail})`, status, init);
    this.detail = detail;
  }
}

/**
 * The status of a redirect a browser did not follow: fetch's opaque-redirect response
 * shows neither the status nor the Location.
 */
export const HIDDEN_REDIRECT_STATUS = 0;

/** A status the contract does not define here, including redirects, which are never followed. */
export class UnexpectedStatusError extends LucaroApiError {
  override readonly kind = 'unexpected-status' as const;
  override readonly name = 'UnexpectedStatusError';
  constructor(status: number, init?: ErrorInit) {
    super(
      status === HIDDEN_REDIRECT_STATUS || (status >= 300 && status < 400)
        ? `HTTP ${status}: redirect not followed`
        : `HTTP ${status}: unexpected status`,
      status,
      init,
    );
  }
}

export class CancelledError extends LucaroApiError {
  override readonly kind = 'cancelled' as const;
  override readonly name = 'CancelledError';
  constructor(init?: ErrorInit) {
    super('cancelled', undefined, init);
  }
}

/**
 * A request was about to leave the origin its client was configured for, so it was not
 * sent. Origins never hold credentials, so both may be shown.
 */
export class ForeignOriginError extends Error {
  override readonly name = 'ForeignOriginError';
  constructor(
    readonly expectedOrigin: string,
    readonly actualOrigin: string,
  ) {
    super(`A request to ${actualOrigin} was stopped: the client is configured for ${expectedOrigin}.`);
  }
}

export type ApiFailure =
  | UnauthorizedError
  | InsufficientScopeError
  | RateLimitedError
  | NotFoundError
  | BadRequestError
  | ServerError
  | NetworkError
  | MalformedResponseError
  | UnexpectedStatusError
  | CancelledError;
