import type { IncomingHttpHeaders } from 'node:http';

export type ResponseHeaders = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

/** The first value of a header; undici gives repeated headers as arrays. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Space- or comma-separated scopes (`X-OAuth-Scopes`, `WWW-Authenticate scope=`). */
export function splitScopes(value: string): string[] {
  return value.split(/[\s,]+/).filter((scope) => scope.length > 0);
}

/** The `scope="..."` parameter of a Bearer `WWW-Authenticate` challenge (RFC 6750 §3). */
export function challengeScopes(headers: ResponseHeaders): string[] {
  const challenge = headerValue(headers, 'www-authenticate');
  const match = challenge?.match(/(?:^|[\s,])scope="([^"]*)"/i);
  return match ? splitScopes(match[1] ?? '') : [];
}
