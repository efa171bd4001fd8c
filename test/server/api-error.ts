/** An API failure with the contract's error body `{"error": {"code", "message", ...}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'invalid_request', message);
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, 'not_found', `${what} "${id}" was not found.`);
}

/** 403 with the contract's body and the RFC 6750 §3.1 challenge naming the missing scopes. */
export function insufficientScope(missing: readonly string[]): ApiError {
  return new ApiError(
    403,
    'insufficient_scope',
    `This request needs the ${missing.join(' ')} scope.`,
    { required_scopes: [...missing] },
    { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${missing.join(' ')}"` },
  );
}
