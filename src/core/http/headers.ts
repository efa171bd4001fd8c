import { isScheme, MalformedChallengeError, parseWwwAuthenticate, type AuthChallenge } from '../auth/www-authenticate';

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

/**
 * The `scope` parameter of the Bearer challenge in `WWW-Authenticate` (RFC 6750 §3), read
 * with the one parser; none when there is no Bearer challenge or the value cannot be read.
 */
export function challengeScopes(headers: ResponseHeaders): string[] {
  const value = headerValue(headers, 'www-authenticate');
  if (value === undefined) return [];
  let challenges: AuthChallenge[];
  try {
    challenges = parseWwwAuthenticate(value);
  } catch (error) {
    if (error instanceof MalformedChallengeError) return [];
    throw error;
  }
  const bearer = challenges.find((challenge) => isScheme(challenge, 'bearer'));
  return splitScopes(bearer?.params.scope ?? '');
}
