import type { RequestHandler } from 'express';

/** The request headers a browser may send cross-origin (contract, "CORS"). */
export const corsAllowedRequestHeaders = ['Authorization', 'Content-Type'] as const;

/** The response headers a browser lets the caller read (contract, "CORS"). */
export const corsExposedHeaders = [
  'X-OAuth-Scopes',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'WWW-Authenticate',
] as const;

/** How long a browser may reuse a preflight's answer; ten minutes, as browsers cap it about there. */
const preflightMaxAgeSeconds = 600;

/**
 * CORS for browser-based editors, whose extension code calls from the editor's origin: any
 * origin may call (no cookies are involved, so `*`), and a preflight (`OPTIONS`) is answered
 * here, before authentication, rate limits and counters, as a browser sends it without the token.
 */
export function cors(methods: readonly string[], onPreflight: () => void): RequestHandler {
  const allowMethods = methods.join(', ');
  return (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', corsExposedHeaders.join(', '));
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    onPreflight();
    res.setHeader('Access-Control-Allow-Methods', allowMethods);
    res.setHeader('Access-Control-Allow-Headers', corsAllowedRequestHeaders.join(', '));
    res.setHeader('Access-Control-Max-Age', String(preflightMaxAgeSeconds));
    res.status(204).end();
  };
}
