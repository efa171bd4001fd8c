export const allScopes = [
  'read:projects',
  'write:projects',
  'read:dashboards',
  'write:dashboards',
  'read:metrics',
  'write:metrics',
  'admin',
] as const;

export const adminScope = 'admin';

export function isKnownScope(scope: string): boolean {
  return (allScopes as readonly string[]).includes(scope);
}

/** `admin` satisfies every other scope. */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  if (granted.includes(adminScope)) return [];
  return required.filter((scope) => !granted.includes(scope));
}

/** The consent page's checkbox id for a scope: `read:projects` -> `scope-read-projects`. */
export function scopeCheckboxId(scope: string): string {
  return `scope-${scope.replace(/:/g, '-')}`;
}
