import * as v from 'valibot';
import {
  BadRequestError,
  InsufficientScopeError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  UnexpectedStatusError,
  type ApiFailure,
  type RequestDescription,
} from './errors';
import { challengeScopes, headerValue, type ResponseHeaders } from './headers';
import { parseJsonText } from './json-text';
import { parseRateLimit, parseRetryAfter, waitUntil } from './rate-limit';

const MAX_SERVER_MESSAGE_LENGTH = 300;

const ErrorBodySchema = v.object({
  error: v.object({
    code: v.optional(v.unknown()),
    message: v.optional(v.unknown()),
    required_scopes: v.optional(v.unknown()),
  }),
});

interface ErrorBody {
  code?: string;
  message?: string;
  requiredScopes?: string[];
}

/** `{"error": {"code", "message"}}` when it is there; any other body (or none) yields `{}`. */
export function parseErrorBody(text: string): ErrorBody {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch {
    return {};
  }
  const parsed = v.safeParse(ErrorBodySchema, json);
  if (!parsed.success) return {};
  const { code, message, required_scopes } = parsed.output.error;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? shorten(message) : undefined,
    requiredScopes: Array.isArray(required_scopes)
      ? required_scopes.filter((scope): scope is string => typeof scope === 'string')
      : undefined,
  };
}

export interface FailedResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

export function errorFromResponse(
  response: FailedResponse,
  request: RequestDescription,
  nowMs: number,
): ApiFailure {
  const body = parseErrorBody(response.text);
  const init = { request, code: body.code, serverMessage: body.message };
  const { status, headers } = response;
  switch (status) {
    case 400:
    case 422:
      return new BadRequestError(status, init);
    case 401:
      return new UnauthorizedError(init);
    case 403:
      return new InsufficientScopeError(
        body.requiredScopes && body.requiredScopes.length > 0 ? body.requiredScopes : challengeScopes(headers),
        init,
      );
    case 404:
      return new NotFoundError(init);
    case 429:
      return new RateLimitedError(retryAfterMs(headers, nowMs), init);
  }
  return status >= 500 ? new ServerError(status, init) : new UnexpectedStatusError(status, init);
}

/** `Retry-After`, else the time until `X-RateLimit-Reset`. */
function retryAfterMs(headers: ResponseHeaders, nowMs: number): number | undefined {
  const retryAfter = parseRetryAfter(headerValue(headers, 'retry-after'), nowMs);
  if (retryAfter !== undefined) return retryAfter;
  const rateLimit = parseRateLimit(headers);
  return rateLimit ? waitUntil(rateLimit.resetAt, nowMs) : undefined;
}

function shorten(text: string): string {
  const singleLine = text.replace(/\s+/g, ' ').trim();
  return singleLine.length > MAX_SERVER_MESSAGE_LENGTH
    ? `${singleLine.slice(0, MAX_SERVER_MESSAGE_LENGTH - 1)}…`
    : singleLine;
}
