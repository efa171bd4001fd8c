import { URI } from 'vscode-uri';

/**
 * How a redirect reaches each route, built from the editor's own code rather than from
 * assumptions: `vscode-uri` is VS Code's `src/vs/base/common/uri.ts` (its `percentDecode`
 * is the one bundled in code-server 1.139.1's extension host), and `webCallbackPage` follows
 * `vs/code/browser/workbench/callback.html` of that build line by line.
 */

/** What the browser requests after following the server's `Location` (it may re-encode a few characters). */
function navigated(location: string): URL {
  return new URL(location);
}

/** The loopback server's view: the raw query of the request target. */
export function loopbackRawQuery(location: string): string {
  return navigated(location).search.slice(1);
}

/**
 * Desktop: the OS hands `vscode://…` to the editor, which runs `URI.parse` and passes the
 * components over IPC (`toJSON` and `revive`) to the extension host.
 */
export function desktopUriQuery(location: string): string {
  const parsed = URI.parse(navigated(location).href);
  return URI.revive(JSON.parse(JSON.stringify(parsed.toJSON())) as ReturnType<URI['toJSON']>).query;
}

/**
 * Browser-based editor: the callback page takes the query apart with `URLSearchParams`,
 * drops the `vscode-*` routing parameters, folds in `vscode-query` and stores
 * `params.toString()` as the query of the URI it hands to the workbench.
 */
export function webUriQuery(location: string): string {
  const params = navigated(location).searchParams;
  const nestedQuery = params.get('vscode-query');
  for (const name of ['vscode-reqid', 'vscode-scheme', 'vscode-authority', 'vscode-path', 'vscode-query', 'vscode-fragment']) {
    params.delete(name);
  }
  if (nestedQuery) new URLSearchParams(decodeURIComponent(nestedQuery)).forEach((value, key) => params.set(key, value));
  const stored = JSON.stringify({ scheme: 'code-oss', authority: 'lucaro.lucaro', path: '/auth/callback', query: params.toString() });
  return URI.revive(JSON.parse(stored) as ReturnType<URI['toJSON']>).query;
}

export const desktopRedirectUri = 'vscode://lucaro.lucaro/auth/callback';
export const webRedirectUri =
  'http://127.0.0.1:8080/stable-0123abcd/callback?vscode-reqid=7&vscode-scheme=code-oss&vscode-authority=lucaro.lucaro&vscode-path=%2Fauth%2Fcallback';
export const loopbackRedirectUri = 'http://127.0.0.1:49152/callback';
