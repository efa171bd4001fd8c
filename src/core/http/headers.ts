/**
 * Response headers by lower-case name, a repeated header's values joined with ", ": what
 * `fetch` gives, so undici's arrays are joined the same way (`joinHeaders`).
 */
export type ResponseHeaders = Readonly<Record<string, string | undefined>>;

/** Browsers never show Set-Cookie to a script; dropped on every platform so they all see the same headers. */
const hiddenHeader = 'set-cookie';

/** Header pairs in arrival order (names in any case) as `ResponseHeaders`. */
export function joinHeaders(pairs: Iterable<readonly [string, string]>): ResponseHeaders {
  // No prototype: a header named `constructor` or `__proto__` is just a header.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (name === hiddenHeader) continue;
    const earlier = headers[name];
    headers[name] = earlier === undefined ? value : `${earlier}, ${value}`;
  }
  return headers;
}

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  return headers[name.toLowerCase()];
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
