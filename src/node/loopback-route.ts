import * as vscode from 'vscode';
import type { RedirectRoute } from '../core/auth/browser-sign-in';
import { parseLoopbackCallback } from '../core/auth/callback-params';
import type { PendingAuthorizations } from '../core/auth/pending-authorizations';
import { LoopbackCallbackServer, loopbackPage } from '../core/node/loopback-callback-server';

/** The loopback redirect (RFC 8252 §7.3): a one-sign-in server on 127.0.0.1, which only a Node host can open. */
export async function openLoopbackRoute(pending: PendingAuthorizations): Promise<RedirectRoute> {
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
