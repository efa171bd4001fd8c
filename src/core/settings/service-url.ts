const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

export class InvalidServiceUrlError extends Error {
  override readonly name = 'InvalidServiceUrlError';
  constructor(
    readonly setting: string,
    readonly value: string,
    readonly reason: 'unparsable' | 'insecure' | 'hasCredentials' | 'hasQuery',
  ) {
    super(`${setting} is not a usable Lucaro URL (${reason}): ${value}`);
  }
}

/**
 * Tokens go wherever these URLs point, so only `https:` is accepted, or plain `http:`
 * for a loopback host (a local server in development and tests). Returns the URL without
 * a trailing slash.
 */
export function validateServiceUrl(setting: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidServiceUrlError(setting, value, 'unparsable');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
  if (!secure) throw new InvalidServiceUrlError(setting, value, 'insecure');
  if (url.username || url.password) throw new InvalidServiceUrlError(setting, value, 'hasCredentials');
  if (url.search || url.hash) throw new InvalidServiceUrlError(setting, value, 'hasQuery');
  return url.toString().replace(/\/+$/, '');
}
