import * as vscode from 'vscode';
import type { RedirectRoute } from '../core/auth/browser-sign-in';
import { parseDesktopUriCallback, parseLoopbackCallback, parseWebUriCallback } from '../core/auth/callback-params';
import { LoopbackCallbackServer, loopbackPage } from '../core/auth/loopback-callback-server';
import type { PendingAuthorizations } from '../core/auth/pending-authorizations';
import type { Logger } from '../core/log/logger';
import type { RedirectMode } from '../config/lucaro-settings';

export const callbackPath = '/auth/callback';

/**
 * Picks where the browser returns to. The URI handler works on desktop, in remote windows
 * and in browser-based editors (through `asExternalUri`); the loopback server is the
 * fallback when the editor cannot give an external form of its callback URI.
 */
export async function openRedirectRoute(
  mode: RedirectMode,
  extensionId: string,
  pending: PendingAuthorizations,
  logger: Logger,
): Promise<RedirectRoute> {
  if (mode !== 'loopback') {
    try {
      return await uriHandlerRoute(extensionId);
    } catch (error) {
      if (mode === 'uriHandler') throw error;
      logger.warn(`The editor's URI handler cannot be reached (${String(error)}); using a loopback redirect.`);
    }
  }
  return loopbackRoute(pending);
}

async function uriHandlerRoute(extensionId: string): Promise<RedirectRoute> {
  const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}${callbackPath}`);
  const external = await vscode.env.asExternalUri(callback);
  // Unencoded: `toString()` would encode the `&` and `=` of a web editor's nested query.
  return { redirectUri: external.toString(true), dispose: () => undefined };
}

async function loopbackRoute(pending: PendingAuthorizations): Promise<RedirectRoute> {
  const server = await LoopbackCallbackServer.start((rawQuery) => pending.handleCallbackQuery(rawQuery, parseLoopbackCallback), {
    accepted: loopbackPage(
      vscode.l10n.t('Signed in to Lucaro'),
      vscode.l10n.t('You can close this tab and return to the editor.'),
    ),
    denied: loopbackPage(
      vscode.l10n.t('Sign-in not completed'),
      vscode.l10n.t('Lucaro did not grant access. You can close this tab; the editor says what to do next.'),
    ),
    ignored: loopbackPage(
      vscode.l10n.t('Sign-in link expired'),
      vscode.l10n.t('This sign-in link is no longer valid. Close this tab and start the sign-in again from the editor.'),
    ),
  });
  return { redirectUri: server.redirectUri, dispose: () => server.close() };
}

/** Hands callbacks that arrive through `${uriScheme}://lucaro.lucaro/auth/callback` to the pending sign-ins. */
export class CallbackUriHandler implements vscode.UriHandler {
  constructor(
    private readonly pending: PendingAuthorizations,
    private readonly logger: Logger,
  ) {}

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== callbackPath) {
      this.logger.warn(`Ignored a URI for an unknown path: ${uri.path}`);
      return;
    }
    // Desktop: the OS hands the URI to the editor, whose `Uri.parse` decodes the query once.
    // Browser-based: the editor's callback page re-encodes it (`URLSearchParams`) first.
    const parse = vscode.env.uiKind === vscode.UIKind.Web ? parseWebUriCallback : parseDesktopUriCallback;
    this.pending.handleCallbackQuery(uri.query, parse);
  }
}
