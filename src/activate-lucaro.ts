import * as vscode from 'vscode';
import { AccountContext } from './account/account-context';
import { AccountSession } from './account/account-session';
import { ActiveProject } from './account/active-project';
import { SignedInServices } from './account/signed-in-services';
import { ClientSecretStore } from './auth/client-secret-store';
import { identityFetcher } from './core/api/identity';
import { AccountsMenuRequest } from './auth/accounts-menu-request';
import { LucaroAuthenticationProvider, lucaroProviderId } from './auth/lucaro-authentication-provider';
import type { LucaroProviderOptions } from './auth/provider-api-types';
import { CallbackUriHandler, RedirectRoutes, redirectEnvironment } from './auth/redirect-routes';
import { SessionNotifications } from './auth/session-notifications';
import { SignInFlow } from './auth/sign-in-flow';
import { AccountCommands, signIn } from './commands/account-commands';
import { CatalogCommands } from './commands/catalog-commands';
import { DashboardCommands } from './commands/dashboard-commands';
import { commandParts, createCommandTable } from './commands/command-table';
import { ItemCommands } from './commands/item-commands';
import { LucaroSettingsSource } from './config/lucaro-settings';
import { rebuildOnNetworkSettingsChange } from './config/network-settings';
import { SettingsWatcher } from './config/settings-watcher';
import { tokenClientFactory } from './config/token-client-factory';
import { PendingAuthorizations } from './core/auth/pending-authorizations';
import { RebuildableHttpDispatcher } from './core/http/dispatcher';
import { SecretRedactor } from './core/log/redact';
import { registerEach } from './core/register-each';
import { SessionManager } from './core/session/session-manager';
import { SessionStore, sessionsSecretKey } from './core/session/session-store';
import { confirmTokenWithIdentity } from './core/session/token-confirmation';
import { DashboardTabs } from './dashboards/dashboard-tabs';
import { RangeMemory } from './dashboards/range-memory';
import { FailureChannel } from './failures/failure-channel';
import { LeakGuardHost } from './leak-guard/leak-guard-host';
import { ScopeStepUp } from './failures/scope-step-up';
import { outputChannelLogger } from './log/output-channel-logger';
import { rememberSessionSecrets } from './log/session-secrets';
import { DashboardsTreeProvider } from './sidebar/dashboards-tree-provider';
import { ProjectsTreeProvider } from './sidebar/projects-tree-provider';
import { registerViews } from './sidebar/register-views';
import { LucaroStatusBar } from './account/account-status-bar';
import { describeHost, type LucaroPlatform } from './lucaro-platform';


/** The composition root: builds the objects, hands them to each other, and owns their lifetimes. */
export function activateLucaro(context: vscode.ExtensionContext, platform: LucaroPlatform): void {
  const log = vscode.window.createOutputChannel('Lucaro', { log: true });
  const redactor = new SecretRedactor();
  const logger = outputChannelLogger(log, redactor);
  logger.info(describeHost(context, platform));
  const dispatcher = new RebuildableHttpDispatcher(() => platform.createDispatcher());
  const pending = new PendingAuthorizations(logger);
  const clientSecret = new ClientSecretStore(context.secrets, redactor);
  const settings = new LucaroSettingsSource();
  const tokenClient = tokenClientFactory({ clientSecret, dispatcher, logger, clientId: () => settings.clientId() });
  const sessions = new SessionManager({
    store: new SessionStore(context.secrets),
    tokenClient,
    confirmToken: confirmTokenWithIdentity(dispatcher, logger),
    logger,
    server: settings.server,
  });
  const redirectRoutes = new RedirectRoutes({
    extensionId: context.extension.id,
    pending,
    logger,
    environment: redirectEnvironment(context.extension),
    ...(platform.openLoopbackRoute ? { openLoopback: platform.openLoopbackRoute } : {}),
  });
  const signInFlow = new SignInFlow({
    redirectRoutes,
    settings: () => settings.settings(),
    tokenClient: () => tokenClient(settings.server()),
    fetchIdentity: () => identityFetcher(settings.settings().apiUrl, dispatcher, logger),
    pending,
    redactor,
    logger,
  });
  const menuRequest = new AccountsMenuRequest(lucaroProviderId, sessions, logger);
  const provider = new LucaroAuthenticationProvider(sessions, signInFlow, menuRequest);
  // Nothing proposal-gated: stock VS Code throws on an undeclared proposal (`supportedAuthorizationServers` is `authIssuers`).
  const providerOptions: LucaroProviderOptions = { supportsMultipleAccounts: true, supportsChallenges: true };
  const settingsWatcher = new SettingsWatcher(settings, sessions);
  const account = new AccountSession(sessions, context.globalState, (record) => new SignedInServices(record, { sessions, dispatcher, logger }));
  const activeProject = new ActiveProject(context.workspaceState);
  const stepUp = new ScopeStepUp(account);
  const statusBar = new LucaroStatusBar(account);
  const failures = new FailureChannel({
    account,
    sessions,
    stepUp,
    showRateLimited: (retryAfterMs) => statusBar.showRateLimited(retryAfterMs),
    signIn,
    logger,
  });
  const accountContext = new AccountContext(account);
  const projectsTree = new ProjectsTreeProvider(account);
  const dashboardsTree = new DashboardsTreeProvider(account, activeProject);
  const dashboardTabs = new DashboardTabs({
    account,
    failures,
    stepUp,
    ranges: new RangeMemory(context.workspaceState),
    logger,
    extensionUri: context.extensionUri,
  });
  const leakGuard = new LeakGuardHost({
    sessions,
    workspaceState: context.workspaceState,
    secrets: context.secrets,
    settings,
    signIn,
    sha256: platform.sha256,
    hmacSha256: platform.hmacSha256,
  });

  context.subscriptions.push(
    log,
    settings,
    { dispose: () => void dispatcher.close() },
    rebuildOnNetworkSettingsChange(dispatcher),
    sessions,
    provider,
    settingsWatcher,
    account,
    activeProject,
    statusBar,
    failures,
    accountContext,
    projectsTree,
    dashboardsTree,
    dashboardTabs,
    leakGuard,
    new SessionNotifications(sessions),
    menuRequest,
    rememberSessionSecrets(redactor, sessions),
  );
  // Each on its own: one the editor refuses is logged, and the others still work.
  const failed = (name: string, error: unknown) => logger.error(`Could not set up ${name}; the rest of Lucaro works without it.`, error);
  context.subscriptions.push(
    ...registerEach(
      [
        {
          name: 'the authentication provider',
          register: () => vscode.authentication.registerAuthenticationProvider(lucaroProviderId, 'Lucaro', provider, providerOptions),
        },
        { name: 'the sign-in URI handler', register: () => vscode.window.registerUriHandler(new CallbackUriHandler(pending, logger)) },
        {
          name: 'the watch on other windows\' sign-ins',
          register: () =>
            context.secrets.onDidChange((event) => {
              if (event.key === sessionsSecretKey) void sessions.reloadFromStore();
            }),
        },
        { name: 'the Projects and Dashboards views', register: () => registerViews(projectsTree, dashboardsTree, activeProject) },
        ...commandParts(
          createCommandTable({
            log,
            account: new AccountCommands(sessions, account, clientSecret),
            catalog: new CatalogCommands({ account, activeProject, stepUp, failures }),
            items: new ItemCommands(account, activeProject, failures),
            dashboards: new DashboardCommands({ account, activeProject, failures, tabs: dashboardTabs }),
            leakGuard,
          }),
        ),
        { name: 'the settings check', register: () => settingsWatcher.validate() },
        { name: 'the active project', register: () => void activeProject.publishContext() },
        { name: 'the signed-in account', register: () => void account.update().then(() => accountContext.publish()) },
        { name: 'the token leak guard', register: () => void leakGuard.sync() },
        { name: 'the Accounts menu sign-in', register: () => void menuRequest.offerWhileSignedOut() },
      ],
      failed,
    ),
  );
}
