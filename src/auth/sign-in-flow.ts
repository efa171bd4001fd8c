import * as vscode from 'vscode';
import { signInWithApiToken } from '../core/auth/api-token-sign-in';
import { signInWithBrowser } from '../core/auth/browser-sign-in';
import type { IdentityFetcher } from '../core/api/identity';
import type { PendingAuthorizations } from '../core/auth/pending-authorizations';
import { defaultSignInScopes, normalizeScopes } from '../core/auth/scopes';
import type { TokenClient } from '../core/auth/token-client';
import type { Logger } from '../core/log/logger';
import type { SecretRedactor } from '../core/log/redact';
import type { SessionRecord } from '../core/session/session-record';
import type { LucaroSettings } from '../config/lucaro-settings';
import { describeForUser, isCancellation } from '../ui/error-messages';
import type { RedirectRoutes } from './redirect-routes';

export interface SignInFlowDependencies {
  readonly redirectRoutes: RedirectRoutes;
  readonly settings: () => LucaroSettings;
  readonly tokenClient: () => TokenClient;
  readonly fetchIdentity: () => IdentityFetcher;
  readonly pending: PendingAuthorizations;
  readonly redactor: SecretRedactor;
  readonly logger: Logger;
}

type Method = 'browser' | 'apiToken';

/**
 * The editor side of signing in: asks how, shows progress with cancellation, and turns
 * every failure into one clear message.
 */
export class SignInFlow {
  private readonly inFlight = new Map<string, Promise<SessionRecord>>();

  constructor(private readonly deps: SignInFlowDependencies) {}

  /** Concurrent requests for the same scopes share one sign-in: one prompt, one browser round. */
  signIn(scopes: readonly string[]): Promise<SessionRecord> {
    const key = normalizeScopes(scopes).join(' ');
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const signIn = this.signInOnce(scopes).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, signIn);
    return signIn;
  }

  /** Revokes the tokens of a browser sign-in that will not be stored (best effort); a pasted API token stays the user's. */
  async discard(record: SessionRecord): Promise<void> {
    if (record.kind !== 'oauth') return;
    const client = this.deps.tokenClient();
    await Promise.allSettled([
      client.revoke(record.accessToken, 'access_token'),
      ...(record.refreshToken ? [client.revoke(record.refreshToken, 'refresh_token')] : []),
    ]);
  }

  private async signInOnce(scopes: readonly string[]): Promise<SessionRecord> {
    const method = await this.pickMethod();
    if (!method) throw new vscode.CancellationError();
    try {
      return method === 'browser' ? await this.browserRound(scopes) : await this.apiToken(scopes);
    } catch (error) {
      if (isCancellation(error)) throw new vscode.CancellationError();
      this.deps.logger.error(`Sign-in failed: ${error instanceof Error ? error.name : 'error'}`, error);
      void this.showFailure(error);
      throw error;
    }
  }

  private async pickMethod(): Promise<Method | undefined> {
    const browser = {
      label: `$(globe) ${vscode.l10n.t('Sign in with browser')}`,
      detail: vscode.l10n.t('Approve access on the Lucaro website; the editor keeps you signed in.'),
      method: 'browser' as const,
    };
    const apiToken = {
      label: `$(key) ${vscode.l10n.t('Use an API token')}`,
      detail: vscode.l10n.t('Paste a token from Lucaro (Settings > API Tokens).'),
      method: 'apiToken' as const,
    };
    const picked = await vscode.window.showQuickPick([browser, apiToken], {
      title: vscode.l10n.t('Sign in to Lucaro'),
      placeHolder: vscode.l10n.t('How do you want to sign in?'),
      ignoreFocusOut: true,
    });
    return picked?.method;
  }

  /** A request for no particular scopes asks the browser for the defaults; the user may untick some. */
  private browserRound(requested: readonly string[]): Promise<SessionRecord> {
    const scopes = requested.length ? requested : defaultSignInScopes;
    const settings = this.deps.settings();
    const progress = vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Signing in to Lucaro: approve access in your browser…'),
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        const cancellation = token.onCancellationRequested(() => abort.abort());
        const route = await this.deps.redirectRoutes.open(settings.redirectMode);
        try {
          this.deps.logger.info(`Browser sign-in started (redirect: ${new URL(route.redirectUri).origin}).`);
          const record = await signInWithBrowser({
            authUrl: settings.authUrl,
            apiUrl: settings.apiUrl,
            clientId: settings.clientId,
            scopes,
            route,
            pending: this.deps.pending,
            tokenClient: this.deps.tokenClient(),
            fetchIdentity: this.deps.fetchIdentity(),
            // A string, not a Uri: a Uri would re-encode the nested redirect_uri.
            openBrowser: (url) => Promise.resolve(vscode.env.openExternal(url as unknown as vscode.Uri)),
            signal: abort.signal,
          });
          this.deps.redactor.remember(record.accessToken, record.refreshToken);
          this.deps.logger.info(`Signed in to Lucaro as ${record.account.label} (${record.scopes.join(' ')}).`);
          return record;
        } finally {
          cancellation.dispose();
          await route.dispose();
        }
      },
    );
    return Promise.resolve(progress);
  }

  private async apiToken(scopes: readonly string[]): Promise<SessionRecord> {
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Sign in to Lucaro with an API token'),
      prompt: vscode.l10n.t('Paste a Lucaro API token. It is kept in the editor\'s secret storage.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim() === '' || /\s/.test(value.trim()) ? vscode.l10n.t('A token is one word with no spaces.') : undefined,
    });
    if (token === undefined) throw new vscode.CancellationError();
    const trimmed = token.trim();
    this.deps.redactor.remember(trimmed);
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the Lucaro API token…'), cancellable: true },
      async (_progress, cancel) => {
        const abort = new AbortController();
        const cancellation = cancel.onCancellationRequested(() => abort.abort());
        try {
          const record = await signInWithApiToken(this.deps.settings(), trimmed, scopes, this.deps.fetchIdentity(), abort.signal);
          this.deps.logger.info(`Signed in to Lucaro with an API token as ${record.account.label} (${record.scopes.join(' ')}).`);
          return record;
        } finally {
          cancellation.dispose();
        }
      },
    );
  }

  private async showFailure(error: unknown): Promise<void> {
    const showLog = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(describeForUser(error), showLog);
    if (choice === showLog) await vscode.commands.executeCommand('lucaro.showLog');
  }
}
