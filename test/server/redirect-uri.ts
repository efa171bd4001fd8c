const editorHandlerUri = /^([a-z][a-z0-9+.-]*):\/\/lucaro\.lucaro\/auth\/callback(\?[^#]*)?$/;
const loopbackCallbackUri = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/callback$/;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The redirect URIs the local server accepts for every client (see the contract):
 * the editor's URI handler under any non-web scheme, RFC 8252 loopback on any port,
 * and the form a browser-based editor on a loopback origin gives the handler URI.
 */
export function isAllowedRedirectUri(value: string): boolean {
  // Printable ASCII only: the URI goes back out verbatim in a Location header.
  if (!/^[\x21-\x7e]+$/.test(value)) return false;

  const handler = editorHandlerUri.exec(value);
  if (handler) return handler[1] !== 'http' && handler[1] !== 'https';

  const loopback = loopbackCallbackUri.exec(value);
  if (loopback) return isPort(Number(loopback[1]));

  return isBrowserEditorCallback(value);
}

function isBrowserEditorCallback(value: string): boolean {
  if (!value.startsWith('http://') || value.includes('#')) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    loopbackHosts.has(url.hostname) &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.endsWith('/callback') &&
    url.searchParams.get('vscode-authority') === 'lucaro.lucaro' &&
    url.searchParams.get('vscode-path') === '/auth/callback'
  );
}

function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** Appends parameters to a URI's query, leaving what is already there byte-for-byte intact. */
export function appendQuery(uri: string, params: Record<string, string | undefined>): string {
  const added = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  if (!added) return uri;
  if (!uri.includes('?')) return `${uri}?${added}`;
  return uri.endsWith('?') || uri.endsWith('&') ? `${uri}${added}` : `${uri}&${added}`;
}
