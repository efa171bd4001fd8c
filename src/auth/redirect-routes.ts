import * as vscode from 'vscode';
import type { RedirectRoute } from '../core/auth/browser-sign-in';
import { parseDesktopUriCallback, parseWebUriCallback } from '../core/auth/callback-params';
import type { PendingAuthorizations } from '../core/auth/pending-authorizations';
import type { Logger } from '../core/log/logger';
import type { RedirectMode } from '../config/lucaro-settings';

export const callbackPath = '/auth/callback';

/** Opens the loopback redirect; only a Node host has one (`src/node/loopback-route.ts`). */
export type LoopbackRouteOpener = (pending: PendingAuthorizations) => Promise<RedirectRoute>;

/** The loopback redirect was asked for (or needed as the fallback) where the host cannot open one. */
export class LoopbackUnavailableError extends Error {
  override readonly name = 'LoopbackUnavailableError';
  constructor(options?: ErrorOptions) {
    super('this extension host cannot open a loopback redirect', options);
  }
}

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
  openLoopback: LoopbackRouteOpener | undefined,
): Promise<RedirectRoute> {
  if (mode !== 'loopback') {
    try {
      return await uriHandlerRoute(extensionId);
    } catch (error) {
      if (mode === 'uriHandler' || !openLoopback) throw error;
      logger.warn(`The editor's URI handler cannot be reached (${String(error)}); using a loopback redirect.`);
    }
  }
  if (!openLoopback) throw new LoopbackUnavailableError();
  return openLoopback(pending);
}

async function uriHandlerRoute(extensionId: string): Promise<RedirectRoute> {
  const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}${callbackPath}`);
  const external = await vscode.env.asExternalUri(callback);
  // Unencoded: `toString()` would encode the `&` and `=` of a web editor's nested query.
  return { redirectUri: external.toString(true), dispose: () => undefined };
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
