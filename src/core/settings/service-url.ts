const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

export type InvalidServiceUrlReason =
  | 'unparsable'
  | 'insecure'
  | 'hasCredentials'
  | 'hasQuery'
  | 'unsafeCharacters'
  | 'unsafePath'
  | 'unusualHost';

/**
 * The message names the setting and the reason only: the value may hold a password or a
 * token pasted by mistake, so it is never repeated, not even in part.
 */
export class InvalidServiceUrlError extends Error {
  override readonly name = 'InvalidServiceUrlError';
  constructor(
    readonly setting: string,
    readonly reason: InvalidServiceUrlReason,
  ) {
    super(`${setting} is not a usable Lucaro URL (${reason}).`);
  }
}

// Whitespace, controls, anything beyond ASCII (a host the URL parser would map through
// IDNA, say "evil。test"), a backslash (a slash to the URL parser) and any percent sign
// (encoded slashes and dots are resolved or forwarded differently by every hop).
const UNSAFE_CHARACTER = /[^!-~]|[\\%]/;
const SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/;
const HOST_AND_PORT = /^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;
const PATH_SEGMENT = /^[A-Za-z0-9_~!$&'()*+,;=:.-]+$/;

/**
 * Tokens go wherever these URLs point, so only an origin plus a plain path is accepted:
 * `https:`, or plain `http:` for a loopback host (a local server in development and tests),
 * no credentials, query, fragment, empty or dot segment, and nothing the URL parser would
 * rewrite into another host than the one the user reads. Returns origin + path, without a
 * trailing slash.
 */
export function validateServiceUrl(setting: string, value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const fail = (reason: InvalidServiceUrlReason): never => {
    throw new InvalidServiceUrlError(setting, reason);
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('unparsable');
  }
  if (UNSAFE_CHARACTER.test(text)) fail('unsafeCharacters');
  if (text.includes('@')) fail('hasCredentials');
  if (text.includes('?') || text.includes('#')) fail('hasQuery');
  const [, scheme = '', authority = '', path = ''] = SHAPE.exec(text) ?? fail('unparsable');
  const [, host = '', port] = HOST_AND_PORT.exec(authority) ?? fail('unparsable');

  const protocol = `${scheme.toLowerCase()}:`;
  if (protocol !== url.protocol) fail('unparsable');
  const secure = protocol === 'https:' || (protocol === 'http:' && loopbackHosts.has(url.hostname));
  if (!secure) fail('insecure');
  // The parser turns "0x7f.1" into 127.0.0.1 and "3232235777" into 192.168.1.1.
  if (url.hostname !== host.toLowerCase() || !samePort(port, url)) fail('unusualHost');

  const segments = path.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();
  if (!segments.every((segment) => PATH_SEGMENT.test(segment) && segment !== '.' && segment !== '..')) {
    fail('unsafePath');
  }
  const plainPath = segments.map((segment) => `/${segment}`).join('');
  if (url.pathname.replace(/\/$/, '') !== plainPath) fail('unsafePath');
  return url.origin + plainPath;
}

function samePort(written: string | undefined, url: URL): boolean {
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return Number(written ?? defaultPort) === Number(url.port || defaultPort);
}
