import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { setCaller, type ApiDeps } from './api-context';
import { ApiError, insufficientScope } from './api-error';
import { retryAfterValue, sendApiError, sendGarbage } from './api-responses';
import { delay } from './delay';
import type { Fault } from './faults';
import type { RateLimitState } from './rate-limiter';

const invalidTokenChallenge = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };

/**
 * Everything before a /v2 route: counting, latency, rate-limit headers, injected faults,
 * bearer authentication and the rate limit itself, in that order.
 */
export function apiGate(deps: ApiDeps): RequestHandler {
  const { counters, runtime, store, limiter, faults, scopeFaults } = deps;
  return async (req: Request, res: Response, next: NextFunction) => {
    counters.apiRequests += 1;
    const path = req.originalUrl.split('?')[0] ?? '';
    const pathKey = `${req.method} ${path}`;
    counters.requestsByPath[pathKey] = (counters.requestsByPath[pathKey] ?? 0) + 1;
    await delay(runtime.latencyMs);

    const bearer = bearerToken(req.headers.authorization);
    const rate = limiter.consume(bearer ?? `anonymous:${req.socket.remoteAddress ?? ''}`);
    setRateHeaders(res, rate);

    const fault = faults.takeScheduled() ?? (faults.roll(runtime.failureRate) ? { kind: 'fail', status: 503 } : undefined);
    if (fault) {
      sendFault(deps, res, fault);
      return;
    }

    const lookup = bearer ? store.lookupBearer(bearer) : { status: 'invalid' as const };
    if (lookup.status !== 'active') {
      if (lookup.status === 'expired') counters.expiredTokenRequests += 1;
      counters.unauthorizedRequests += 1;
      const message =
        lookup.status === 'expired'
          ? 'The access token has expired.'
          : bearer
            ? 'The access token is invalid or has been revoked.'
            : 'A bearer token is required.';
      throw new ApiError(401, 'invalid_token', message, {}, invalidTokenChallenge);
    }
    const { record } = lookup;
    setCaller(res, { userId: record.userId, scopes: record.scopes });
    res.setHeader('X-OAuth-Scopes', record.scopes.join(' '));

    if (!rate.allowed) {
      const retryAfter = retryAfterValue(deps, rate.retryAfterSeconds);
      throw new ApiError(429, 'rate_limited', 'API rate limit exceeded.', {}, { 'Retry-After': retryAfter });
    }
    const refused = scopeFaults.take(path);
    if (refused) {
      // As if the grant had been narrowed: the scopes header no longer lists what was refused.
      const refusal = insufficientScope(refused);
      refusal.headers['X-OAuth-Scopes'] = record.scopes.filter((scope) => !refused.includes(scope)).join(' ');
      throw refusal;
    }
    next();
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([^\s]+) *$/i.exec(header ?? '');
  return match?.[1];
}

function setRateHeaders(res: Response, rate: RateLimitState): void {
  res.setHeader('X-RateLimit-Limit', String(rate.limit));
  res.setHeader('X-RateLimit-Remaining', String(rate.remaining));
  res.setHeader('X-RateLimit-Reset', String(rate.reset));
}

function sendFault(deps: ApiDeps, res: Response, fault: Fault): void {
  if (fault.kind === 'malform') {
    sendGarbage(res);
    return;
  }
  if (fault.kind === 'rateLimit') {
    res.setHeader('X-RateLimit-Remaining', '0');
    sendApiError(
      res,
      new ApiError(429, 'rate_limited', 'API rate limit exceeded.', {}, {
        'Retry-After': retryAfterValue(deps, fault.retryAfterSeconds),
      }),
    );
    return;
  }
  const headers: Record<string, string> = {};
  if (fault.status === 401) {
    deps.counters.unauthorizedRequests += 1;
    Object.assign(headers, invalidTokenChallenge);
  }
  const code = (STATUS_CODES[fault.status] ?? 'error').toLowerCase().replace(/[^a-z0-9]+/g, '_');
  sendApiError(res, new ApiError(fault.status, code, `Injected failure: ${STATUS_CODES[fault.status] ?? fault.status}.`, {}, headers));
}
