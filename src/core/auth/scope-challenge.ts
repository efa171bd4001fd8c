import { splitScopes } from '../http/headers';
import { lucaroScopes, normalizeScopes, scopesCover } from './scopes';
import { isScheme } from './www-authenticate';

/** A challenge as the editor hands it to a provider: the scheme and its parameters. */
export interface ChallengeLike {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** What a caller asked with a challenge (`AuthenticationConstraint` in the editor's terms). */
export interface ScopeConstraint {
  readonly challenges: readonly ChallengeLike[];
  readonly fallbackScopes?: readonly string[];
}

export class UnsupportedChallengeError extends Error {
  override readonly name = 'UnsupportedChallengeError';
  constructor(readonly schemes: readonly string[]) {
    super(
      schemes.length
        ? `Lucaro answers Bearer challenges only, not ${schemes.join(', ')}.`
        : 'The challenge is empty: Lucaro answers a Bearer challenge.',
    );
  }
}

export class UnsupportedChallengeErrorCodeError extends Error {
  override readonly name = 'UnsupportedChallengeErrorCodeError';
  constructor(readonly code: string) {
    super(`Lucaro can answer a Bearer challenge with error="insufficient_scope" (or none), not error="${code}".`);
  }
}

export class UnknownScopeError extends Error {
  override readonly name = 'UnknownScopeError';
  constructor(readonly unknown: readonly string[]) {
    super(`Lucaro has no scope named ${unknown.join(', ')}. Its scopes are: ${lucaroScopes.join(', ')}.`);
  }
}

const knownScopes: ReadonlySet<string> = new Set(lucaroScopes);

/**
 * The scopes a challenge asks for (RFC 6750 §3): a Bearer challenge with
 * `error="insufficient_scope"` or no error, its `scope` parameter, else the caller's
 * fallback scopes. Anything else is refused with a typed error, before any prompt.
 */
export function scopesFromChallenges(constraint: ScopeConstraint): string[] {
  const bearer = constraint.challenges.find((challenge) => isScheme(challenge, 'bearer'));
  if (!bearer) throw new UnsupportedChallengeError(constraint.challenges.map((challenge) => challenge.scheme));
  const code = paramValue(bearer, 'error');
  if (code !== undefined && code !== 'insufficient_scope') throw new UnsupportedChallengeErrorCodeError(code);
  const named = splitScopes(paramValue(bearer, 'scope') ?? '');
  return requireKnownScopes(named.length ? named : (constraint.fallbackScopes ?? []));
}

export function requireKnownScopes(scopes: Iterable<string>): string[] {
  const normalized = normalizeScopes(scopes);
  const unknown = normalized.filter((scope) => !knownScopes.has(scope));
  if (unknown.length) throw new UnknownScopeError(unknown);
  return normalized;
}

/** What to sign in for when `wanted` is missing: everything the account holds, plus `wanted`. */
export function stepUpScopes(held: readonly string[], wanted: readonly string[]): string[] {
  return normalizeScopes([...held, ...wanted]);
}

export type ScopeAnswer<T> = { readonly kind: 'existing'; readonly session: T } | { readonly kind: 'signIn'; readonly scopes: string[] };

/**
 * Answers a request for `wanted` scopes: a session that already covers them (the widest
 * first), else a sign-in for the union with what `current` holds, so nothing granted is lost.
 */
export function answerScopeRequest<T extends { readonly scopes: readonly string[] }>(
  sessions: readonly T[],
  current: T | undefined,
  wanted: readonly string[],
): ScopeAnswer<T> {
  const covering = widestFirst(sessions).find((session) => scopesCover(session.scopes, wanted));
  if (covering) return { kind: 'existing', session: covering };
  return { kind: 'signIn', scopes: stepUpScopes(current?.scopes ?? [], wanted) };
}

export function widestFirst<T extends { readonly scopes: readonly string[] }>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => b.scopes.length - a.scopes.length);
}

/** The `scope` parameter is space-delimited (RFC 6750 §3); commas are tolerated, as in `X-OAuth-Scopes`. */
/** Parameter names are case-insensitive; the editor passes them as the header spelled them. */
function paramValue(challenge: ChallengeLike, name: string): string | undefined {
  const key = Object.keys(challenge.params).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : challenge.params[key];
}
