import * as vscode from 'vscode';
import type { RedirectRoute } from '../core/auth/browser-sign-in';
import { parseDesktopUriCallback, parseWebUriCallback } from '../core/auth/callback-params';
import { chooseRedirect, type LoopbackUnavailable, type RedirectEnvironment } from '../core/auth/redirect-choice';
import type { PendingAuthorizations } from '../core/auth/pending-authorizations';
import type { Logger } from '../core/log/logger';
import type { RedirectMode } from '../config/lucaro-settings';

export const callbackPath = '/auth/callback';

/** Opens the loopback redirect; only a Node host has one (`src/node/loopback-route.ts`). */
export type LoopbackRouteOpener = (pending: PendingAuthorizations) => Promise<RedirectRoute>;

export interface RedirectRoutesOptions {
  readonly extensionId: string;
  readonly pending: PendingAuthorizations;
  readonly logger: Logger;
  /** Absent in the web worker extension host: nothing there can listen on a port. */
  readonly openLoopback?: LoopbackRouteOpener;
  /** Where this extension host runs, as the editor reports it (`redirectEnvironment`). */
  readonly environment: Omit<RedirectEnvironment, 'hostCanListen'>;
}

/** What this window reports about itself: the inputs of `chooseRedirect`, less what the platform knows. */
export function redirectEnvironment(extension: vscode.Extension<unknown>): Omit<RedirectEnvironment, 'hostCanListen'> {
  return {
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    extensionKind: extension.extensionKind === vscode.ExtensionKind.Workspace ? 'workspace' : 'ui',
    remoteName: vscode.env.remoteName,
  };
}

/**
 * Opens the route `chooseRedirect` picks for this window: the editor's URI handler (desktop,
 * remote windows and browser-based editors, through `asExternalUri`), or a loopback server
 * where the browser can reach one.
 */
export class RedirectRoutes {
  /** Per extension host: the user hears once that `loopback` cannot apply here. */
  private loopbackRefusalShown = false;

  constructor(private readonly options: RedirectRoutesOptions) {}

  async open(mode: RedirectMode): Promise<RedirectRoute> {
    const { openLoopback, pending, logger, environment } = this.options;
    const choice = chooseRedirect(mode, { ...environment, hostCanListen: openLoopback !== undefined });
    if (choice.route === 'loopback' && openLoopback) return openLoopback(pending);
    if (choice.loopbackRefused) this.explainLoopbackUnavailable(choice.loopbackRefused);
    try {
      return await this.uriHandlerRoute();
    } catch (error) {
      if (!choice.fallbackToLoopback || !openLoopback) throw error;
      logger.warn(`The editor's URI handler cannot be reached (${String(error)}); using a loopback redirect.`);
      return openLoopback(pending);
    }
  }

  private explainLoopbackUnavailable(why: LoopbackUnavailable): void {
    const where = why === 'noServerHere' ? 'the web worker extension host, where nothing can listen on a port' : 'a host the browser may not share (a remote window or a browser-based editor)';
    this.options.logger.warn(`lucaro.oauth.redirect is "loopback", which cannot apply in ${where}; signing in through the URI handler.`);
    if (this.loopbackRefusalShown) return;
    this.loopbackRefusalShown = true;
    void vscode.window.showInformationMessage(
      why === 'noServerHere'
        ? vscode.l10n.t(
            'Lucaro runs in the browser here, where no local server can be started, so the "loopback" sign-in redirect (lucaro.oauth.redirect) does not apply: Lucaro signs you in through the editor\'s own callback instead.',
          )
        : vscode.l10n.t(
            'Lucaro runs on another machine than your browser may be on (a remote window or a browser-based editor), where your browser could not reach a local server, so the "loopback" sign-in redirect (lucaro.oauth.redirect) does not apply: Lucaro signs you in through the editor\'s own callback instead.',
          ),
    );
  }

  private async uriHandlerRoute(): Promise<RedirectRoute> {
    const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${this.options.extensionId}${callbackPath}`);
    const external = await vscode.env.asExternalUri(callback);
    // Unencoded: `toString()` would encode the `&` and `=` of a web editor's nested query.
    return { redirectUri: external.toString(true), dispose: () => undefined };
  }
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
