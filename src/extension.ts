import * as vscode from 'vscode';
import { ActiveAccount } from './account/active-account';
import { ActiveProject } from './account/active-project';
import { SignedInLifetime } from './account/signed-in-lifetime';
import { SignedInServices } from './account/signed-in-services';
import { ClientSecretStore } from './auth/client-secret-store';
import { identityFetcher } from './auth/identity-fetcher';
import { LucaroAuthenticationProvider, lucaroProviderId } from './auth/lucaro-authentication-provider';
import { CallbackUriHandler } from './auth/redirect-routes';
import { SessionNotifications } from './auth/session-notifications';
import { SignInFlow } from './auth/sign-in-flow';
import { AccountCommands, signIn } from './commands/account-commands';
import { CatalogCommands } from './commands/catalog-commands';
import { createCommandTable, registerCommands } from './commands/command-table';
import { ItemCommands } from './commands/item-commands';
import { currentServer, readLucaroSettings } from './config/lucaro-settings';
import { readProxySettings } from './config/proxy-settings';
import { SettingsWatcher } from './config/settings-watcher';
import { tokenClientFactory } from './config/token-client-factory';
import { PendingAuthorizations } from './core/auth/pending-authorizations';
import { createHttpDispatcher, lazyHttpDispatcher } from './core/http/dispatcher';
import { SecretRedactor } from './core/log/redact';
import { SessionManager } from './core/session/session-manager';
import { SessionStore, sessionsSecretKey } from './core/session/session-store';
import { confirmTokenWithIdentity } from './core/session/token-confirmation';
import { outputChannelLogger } from './log/output-channel-logger';
import { DashboardsTreeProvider } from './views/dashboards-tree-provider';
import { ProjectsTreeProvider } from './views/projects-tree-provider';
import { registerViews } from './views/register-views';
import { AccountContext } from './views/account-context';
import { ScopeStepUp } from './views/scope-step-up';
import { LucaroStatusBar } from './views/status-bar';

/** The composition root: builds the objects, hands them to each other, and owns their lifetimes. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Lucaro', { log: true });
  const redactor = new SecretRedactor();
  const logger = outputChannelLogger(log, redactor);
  const dispatcher = lazyHttpDispatcher(() => createHttpDispatcher(readProxySettings()));
  const pending = new PendingAuthorizations(logger);
  const clientSecret = new ClientSecretStore(context.secrets);
  const tokenClient = tokenClientFactory({ clientSecret, dispatcher, logger });
  const sessions = new SessionManager({
    store: new SessionStore(context.secrets),
    tokenClient,
    confirmToken: confirmTokenWithIdentity(dispatcher, logger),
    logger,
    server: currentServer,
  });
  const signInFlow = new SignInFlow({
    extensionId: context.extension.id,
    settings: readLucaroSettings,
    tokenClient: () => tokenClient(currentServer()),
    fetchIdentity: () => identityFetcher(readLucaroSettings().apiUrl, dispatcher, logger),
    pending,
    redactor,
    logger,
  });
  const provider = new LucaroAuthenticationProvider(sessions, signInFlow);
  const settingsWatcher = new SettingsWatcher(sessions);
  const account = new ActiveAccount(sessions, context.globalState);
  const activeProject = new ActiveProject(context.workspaceState);
  const lifetime = new SignedInLifetime(
    account,
    (record) => new SignedInServices(record, { sessions, dispatcher, logger }),
  );
  const stepUp = new ScopeStepUp(account, lifetime);
  const accountContext = new AccountContext(account);
  const projectsTree = new ProjectsTreeProvider(lifetime);
  const dashboardsTree = new DashboardsTreeProvider(lifetime, activeProject);

  context.subscriptions.push(
    log,
    { dispose: () => void dispatcher.close() },
    sessions,
    provider,
    settingsWatcher,
    account,
    activeProject,
    lifetime,
    stepUp,
    accountContext,
    projectsTree,
    dashboardsTree,
    new LucaroStatusBar(lifetime),
    new SessionNotifications(sessions, signIn),
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
    ...registerViews(projectsTree, dashboardsTree, activeProject),
    ...registerCommands(
      createCommandTable({
        log,
        account: new AccountCommands(sessions, account, clientSecret),
        catalog: new CatalogCommands({ lifetime, activeProject, stepUp }),
        items: new ItemCommands(lifetime, activeProject),
      }),
    ),
  );

  settingsWatcher.validate();
  void activeProject.publishContext();
  void account.update().then(() => accountContext.publish());
  // Puts "Sign in with Lucaro" into the Accounts menu while nobody is signed in: any session will do.
  void vscode.authentication.getSession(lucaroProviderId, [], { createIfNone: false }).then(undefined, (error: unknown) =>
    logger.warn('Could not read the stored Lucaro sessions', error),
  );
}

export function deactivate(): void {}
