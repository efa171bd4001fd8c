/** Lucaro's scopes, as documented. `admin` satisfies every other scope. */
export const lucaroScopes = [
  'read:projects',
  'write:projects',
  'read:dashboards',
  'write:dashboards',
  'read:metrics',
  'write:metrics',
  'admin',
] as const;

export type LucaroScope = (typeof lucaroScopes)[number];

export const adminScope: LucaroScope = 'admin';

/** Sorted, de-duplicated, blank-free: the one form scopes are compared and stored in. */
export function normalizeScopes(scopes: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const scope of scopes) {
    const trimmed = scope.trim();
    if (trimmed) unique.add(trimmed);
  }
  return [...unique].sort();
}

/** Parses a space-separated scope list (`scope` in a token response, `X-OAuth-Scopes`). */
export function parseScopeList(value: string | undefined | null): string[] {
  return normalizeScopes((value ?? '').split(/[\s,]+/));
}

export function missingScopes(granted: readonly string[], requested: readonly string[]): string[] {
  if (granted.includes(adminScope)) return [];
  return normalizeScopes(requested.filter((scope) => !granted.includes(scope)));
}

export function scopesCover(granted: readonly string[], requested: readonly string[]): boolean {
  return missingScopes(granted, requested).length === 0;
}

/** What a browser sign-in asks for when no scope is requested: everything the sidebar can use. The user may grant less. */
export const defaultSignInScopes: readonly LucaroScope[] = [
  'read:projects',
  'write:projects',
  'read:dashboards',
  'write:dashboards',
  'read:metrics',
];
