import * as vscode from 'vscode';
import { ClientSecretStore } from './auth/client-secret-store';
import { identityFetcher } from './auth/identity-fetcher';
import { LucaroAuthenticationProvider, lucaroProviderId } from './auth/lucaro-authentication-provider';
import { CallbackUriHandler } from './auth/redirect-routes';
import { SessionNotifications } from './auth/session-notifications';
import { SignInFlow } from './auth/sign-in-flow';
import { SignedInContext } from './auth/signed-in-context';
import { createCommandTable, registerCommands, signIn } from './commands/command-table';
import { readLucaroSettings } from './config/lucaro-settings';
import { readProxySettings } from './config/proxy-settings';
import { PendingAuthorizations } from './core/auth/pending-authorizations';
import { TokenClient } from './core/auth/token-client';
import { createHttpDispatcher } from './core/http/dispatcher';
import { SecretRedactor } from './core/log/redact';
import { SessionManager } from './core/session/session-manager';
import { SessionStore, sessionsSecretKey } from './core/session/session-store';
import { outputChannelLogger } from './log/output-channel-logger';

/** The composition root: builds the objects, hands them to each other, and owns their lifetimes. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Lucaro', { log: true });
  const redactor = new SecretRedactor();
  const logger = outputChannelLogger(log, redactor);
  const dispatcher = createHttpDispatcher(readProxySettings());
  const pending = new PendingAuthorizations(logger);
  const clientSecret = new ClientSecretStore(context.secrets);
  const tokenClient = () => {
    const settings = readLucaroSettings();
    return new TokenClient({
      authUrl: settings.authUrl,
      clientId: settings.clientId,
      getClientSecret: () => clientSecret.get(),
      dispatcher,
      logger,
    });
  };
  const sessions = new SessionManager({ store: new SessionStore(context.secrets), tokenClient, logger });
  const signInFlow = new SignInFlow({
    extensionId: context.extension.id,
    settings: readLucaroSettings,
    tokenClient,
    fetchIdentity: () => identityFetcher(readLucaroSettings().apiUrl, dispatcher, logger),
    pending,
    redactor,
    logger,
  });
  const provider = new LucaroAuthenticationProvider(sessions, signInFlow);
  const signedIn = new SignedInContext(sessions);

  context.subscriptions.push(
    log,
    { dispose: () => void dispatcher.close() },
    sessions,
    provider,
    signedIn,
    vscode.authentication.registerAuthenticationProvider(lucaroProviderId, 'Lucaro', provider, {
      supportsMultipleAccounts: true,
    }),
    vscode.window.registerUriHandler(new CallbackUriHandler(pending, logger)),
    context.secrets.onDidChange((event) => {
      if (event.key === sessionsSecretKey) void sessions.reloadFromStore();
    }),
    sessions.onDidChangeSessions(({ added, changed }) => {
      for (const record of [...added, ...changed]) redactor.remember(record.accessToken, record.refreshToken);
    }),
    new SessionNotifications(sessions, signIn),
    ...registerCommands(
      createCommandTable({ log, sessions, clientSecret, refresh: () => sessions.reloadFromStore() }),
    ),
  );

  void signedIn.update();
  // Puts "Sign in with Lucaro" into the Accounts menu when nobody is signed in yet.
  void vscode.authentication.getSession(lucaroProviderId, [], { createIfNone: false }).then(undefined, (error: unknown) =>
    logger.warn('Could not read the stored Lucaro sessions', error),
  );
}

export function deactivate(): void {}
