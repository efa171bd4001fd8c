/** "Ignore in this file", as kept in `workspaceState`: file URI -> keyed fingerprints (never values). */
export type IgnoredSecrets = Readonly<Record<string, readonly string[]>>;

export const ignoredSecretsKey = 'lucaro.leakGuard.ignoredFingerprints';

/**
 * Where versions before the keyed fingerprint kept unkeyed SHA-256 fingerprints: each one
 * confirms a guessed token offline, so the guard deletes this entry when it starts.
 */
export const unkeyedIgnoredSecretsKey = 'lucaro.leakGuard.ignored';

export function isIgnored(ignored: IgnoredSecrets | undefined, fileUri: string, fingerprint: string): boolean {
  return ignored?.[fileUri]?.includes(fingerprint) ?? false;
}

export function withIgnored(ignored: IgnoredSecrets | undefined, fileUri: string, fingerprint: string): IgnoredSecrets {
  const current = ignored?.[fileUri] ?? [];
  if (current.includes(fingerprint)) return ignored ?? {};
  return { ...ignored, [fileUri]: [...current, fingerprint] };
}

/** Reads what `workspaceState` holds, dropping anything not of the expected shape. */
export function parseIgnoredSecrets(value: unknown): IgnoredSecrets {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const parsed: Record<string, readonly string[]> = {};
  for (const [uri, fingerprints] of Object.entries(value)) {
    if (Array.isArray(fingerprints)) parsed[uri] = fingerprints.filter((entry): entry is string => typeof entry === 'string');
  }
  return parsed;
}
