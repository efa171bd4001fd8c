const secretParameterNames = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'code_challenge',
  'state',
  'client_secret',
  'password',
  'accessToken',
  'refreshToken',
  'clientSecret',
];

const names = secretParameterNames.join('|');
const patterns: readonly RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  new RegExp(`([?&#\\s]|^)(${names})=[^&\\s"'#]*`, 'g'),
  new RegExp(`("(?:${names})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g'),
  // Lucaro API tokens and the local server's OAuth tokens have recognisable prefixes.
  /\bl(?:ct|ca|cr)_[A-Za-z0-9_-]{8,}/g,
];

export const redactedMarker = '[redacted]';

/**
 * The one place secrets are removed from text bound for a log or an error message:
 * every secret this window has seen by value, plus anything shaped like a credential.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  remember(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      if (secret && secret.length >= 8) this.secrets.add(secret);
    }
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join(redactedMarker);
    result = result.replace(patterns[0]!, (_match, scheme: string) => `${scheme} ${redactedMarker}`);
    result = result.replace(patterns[1]!, (_match, lead: string, name: string) => `${lead}${name}=${redactedMarker}`);
    result = result.replace(patterns[2]!, (_match, key: string) => `${key}"${redactedMarker}"`);
    return result.replace(patterns[3]!, redactedMarker);
  }

  redactValue(value: unknown): string {
    if (value instanceof Error) return this.redact(`${value.name}: ${value.message}`);
    if (typeof value === 'string') return this.redact(value);
    try {
      return this.redact(JSON.stringify(value));
    } catch {
      return this.redact(String(value));
    }
  }
}
