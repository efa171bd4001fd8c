import { headerValue, splitScopes, type ResponseHeaders } from './headers';

/** The latest `X-RateLimit-*` values the API reported. */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export function parseRateLimit(headers: ResponseHeaders): RateLimitInfo | undefined {
  const limit = parseNonNegativeInt(headerValue(headers, 'x-ratelimit-limit'));
  const remaining = parseNonNegativeInt(headerValue(headers, 'x-ratelimit-remaining'));
  const reset = parseNonNegativeInt(headerValue(headers, 'x-ratelimit-reset'));
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return { limit, remaining, resetAt: new Date(reset * 1000) };
}

/** `X-OAuth-Scopes`, or `undefined` when the response did not carry it. An empty header means no scopes. */
export function parseGrantedScopes(headers: ResponseHeaders): string[] | undefined {
  const value = headerValue(headers, 'x-oauth-scopes');
  return value === undefined ? undefined : splitScopes(value);
}

/** `Retry-After` in milliseconds from `nowMs`, in either delta-seconds or HTTP-date form (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse also takes bare numbers like "-5" as years; an HTTP-date always names a day or month.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function parseNonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
