import { headerValue, splitScopes, type ResponseHeaders } from './headers';
import { parseHttpDate } from './http-date';

/** The longest wait a server can ask for; beyond it "later" is all a wait can mean. */
export const MAX_SERVER_WAIT_MS = 60 * 60 * 1000;

/** The latest `X-RateLimit-*` values the API reported. */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  resetAt: Date;
}

/** All three `X-RateLimit-*` headers, or `undefined` when one is missing or out of range. */
export function parseRateLimit(headers: ResponseHeaders): RateLimitInfo | undefined {
  const limit = parseCount(headerValue(headers, 'x-ratelimit-limit'));
  const remaining = parseCount(headerValue(headers, 'x-ratelimit-remaining'));
  const reset = parseCount(headerValue(headers, 'x-ratelimit-reset'));
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  const resetAt = new Date(reset * 1000);
  // Epoch seconds past the year 275760 make an invalid Date, and NaN waits after it.
  if (Number.isNaN(resetAt.getTime())) return undefined;
  return { limit, remaining, resetAt };
}

/** `X-OAuth-Scopes`, or `undefined` when the response did not carry it. An empty header means no scopes. */
export function parseGrantedScopes(headers: ResponseHeaders): string[] | undefined {
  const value = headerValue(headers, 'x-oauth-scopes');
  return value === undefined ? undefined : splitScopes(value);
}

/**
 * `Retry-After` in milliseconds from `nowMs`, in either delta-seconds or HTTP-date form
 * (RFC 9110 §10.2.3), at most `MAX_SERVER_WAIT_MS`.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return boundedWait(Number(trimmed) * 1000);
  const date = parseHttpDate(trimmed, nowMs);
  return date === undefined ? undefined : boundedWait(date - nowMs);
}

/** The wait until `resetAt`, within [0, MAX_SERVER_WAIT_MS]. */
export function waitUntil(resetAt: Date, nowMs: number): number {
  return boundedWait(resetAt.getTime() - nowMs);
}

/** Within [0, MAX_SERVER_WAIT_MS]; what is not a number at all waits nothing. */
export function boundedWait(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_SERVER_WAIT_MS, Math.max(0, ms));
}

/** A count of at most 15 digits, always a safe integer. */
function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,15}\s*$/.test(value)) return undefined;
  return Number(value);
}
