import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { SignedInServices } from '../account/signed-in-services';
import type { Dashboard } from '../core/api/schemas';
import { scopesCover } from '../core/auth/scopes';
import { autoRefreshMs } from '../core/dashboards/auto-refresh';
import { parseWebviewMessage, type HostMessage, type PanelTarget, type WidgetView } from '../core/dashboards/protocol';
import { capWidgets } from '../core/dashboards/widget-cap';
import { loadWidgets } from '../core/dashboards/widget-loader';
import { DisposableOwner } from '../core/disposable';
import type { Logger } from '../core/log/logger';
import type { FailureChannel } from '../failures/failure-channel';
import type { ScopeStepUp } from '../failures/scope-step-up';
import type { RangeMemory } from './range-memory';
import { dashboardHtml, newNonce } from './webview-html';
import { webviewStrings, widgetsNotShownNote } from './webview-strings';

export interface DashboardPanelDependencies {
  readonly account: AccountSession;
  readonly failures: FailureChannel;
  readonly stepUp: ScopeStepUp;
  readonly ranges: RangeMemory;
  readonly logger: Logger;
  /** The folder the page's script and styles are in, and the only one it may read. */
  readonly webviewRoot: vscode.Uri;
  readonly viewType: string;
  // From the activation bundle: this code is a second bundle, whose copies of the error
  // classes would not match the errors the client throws.
  readonly describeForUser: (error: unknown) => string;
  readonly lacksScope: (error: unknown) => boolean;
}

const metricsScope = 'read:metrics';
const autoRefreshSetting = 'lucaro.dashboards.autoRefreshSeconds';

/**
 * One dashboard (or metric) tab. Data is fetched here, through the account's client (the
 * token never reaches the page), and posted; the page only draws. Each load asks one query
 * per widget; the last answers are kept, so a tab shown again redraws without asking.
 */
export class DashboardPanel extends DisposableOwner {
  /** The widgets the tab draws (the first `maxWidgetsPerTab`), and how many more the dashboard has. */
  private widgets: readonly WidgetView[] | undefined;
  private widgetsNotShown = 0;
  private readonly answers = new Map<string, HostMessage>();
  private notice: HostMessage | undefined;
  /** Whether the page has said it is ready since it was (re)built: before that, nothing is posted. */
  private pageListening = false;
  private readonly loads = new Set<AbortController>();
  /** The load of every widget while it runs (not a one-widget Retry). */
  private fullLoad: AbortController | undefined;
  private loadedAt: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private target: PanelTarget,
    private readonly deps: DashboardPanelDependencies,
    dashboard?: Dashboard,
  ) {
    super();
    if (dashboard) this.useDashboard(dashboard);
    if (target.kind === 'metric') this.widgets = [{ id: 'metric', title: target.title, metric: target.metric, kind: 'line' }];
    panel.title = target.title;
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [deps.webviewRoot] };
    panel.webview.html = dashboardHtml(panel.webview, deps.webviewRoot, newNonce());
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
    this._register(
      panel.onDidChangeViewState(() => {
        // A hidden tab's page is torn down; shown again, a new one says it is ready.
        if (!panel.visible) this.pageListening = false;
        this.schedule();
      }),
    );
    this._register(deps.account.onDidChange(() => void this.load()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(autoRefreshSetting)) this.schedule();
      }),
    );
    this._register({ dispose: () => this.stop() });
    this._register(panel.onDidDispose(() => this.dispose()));
    // The queries run while the editor builds the webview (most of the time to a drawn tab);
    // their answers are kept and sent when the page says it is ready. A tab restored behind
    // another loads when it is shown (its page then says it is ready).
    if (panel.visible) void this.load();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.disposeEmitter.fire();
    super.dispose();
  }

  /** Everything the user can do in the page arrives here; what the page sends is checked first. */
  private receive(raw: unknown): void {
    let message;
    try {
      message = parseWebviewMessage(raw);
    } catch (error) {
      this.deps.logger.warn(`Ignored a message from a dashboard tab: ${String(error)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.pageReady();
        return;
      case 'refresh':
        void this.load();
        return;
      case 'range':
        void this.deps.ranges.set(this.target, message.range).then(() => this.load());
        return;
      case 'retry':
        void this.load(message.widgetId);
        return;
      case 'grant':
        void this.deps.stepUp.grant([metricsScope]);
        return;
    }
  }

  /**
   * A new page (first open, or shown again after being hidden): what a running load has
   * answered so far and fresh answers are replayed, stale ones asked again.
   */
  private pageReady(): void {
    this.pageListening = true;
    const loading = this.fullLoad !== undefined;
    this.deps.logger.debug(`Dashboard tab: the page is ready (answers kept: ${this.answers.size}${loading ? ', loading' : ''}).`);
    const interval = autoRefreshMs(vscode.workspace.getConfiguration().get(autoRefreshSetting));
    const fresh = this.loadedAt !== undefined && (interval === undefined || Date.now() - this.loadedAt < interval);
    if (loading && !this.widgets) return; // The load posts the widgets once it has them.
    if (!loading && (!fresh || !this.widgets)) {
      void this.load();
      return;
    }
    this.postShow();
    if (this.notice) this.post(this.notice);
    for (const answer of this.answers.values()) this.post(answer);
    if (!loading) this.schedule();
  }

  /** Loads every widget, or just one (Retry). A full load replaces any load still running. */
  private async load(widgetId?: string): Promise<void> {
    if (this.isDisposed) return;
    if (widgetId === undefined) this.stop();
    const controller = new AbortController();
    this.loads.add(controller);
    if (widgetId === undefined) this.fullLoad = controller;
    this.deps.logger.debug(`Dashboard tab: loading ${widgetId === undefined ? 'every widget' : 'one widget'}.`);
    try {
      await this.loadWith(controller.signal, widgetId);
    } finally {
      this.loads.delete(controller);
      if (this.fullLoad === controller) this.fullLoad = undefined;
    }
    if (widgetId === undefined && !controller.signal.aborted) {
      this.loadedAt = Date.now();
      this.schedule();
    }
  }

  private async loadWith(signal: AbortSignal, widgetId: string | undefined): Promise<void> {
    this.notice = undefined;
    const services = this.deps.account.current;
    if (!services) return this.showNotice(vscode.l10n.t('Sign in to Lucaro to see this dashboard.'), false);
    if (!scopesCover(services.record.scopes, [metricsScope])) return this.showNotice(undefined, false);
    const widgets = this.widgets ?? (await this.fetchWidgets(services, signal));
    if (!widgets || signal.aborted) return;
    if (widgetId === undefined) {
      this.answers.clear();
      this.postShow();
    }
    let lacksScope = false;
    await loadWidgets({
      projectId: this.target.projectId,
      widgets: widgetId === undefined ? widgets : widgets.filter((widget) => widget.id === widgetId),
      range: this.deps.ranges.get(this.target),
      nowMs: Date.now(),
      query: (query, querySignal) => services.run((api, combined) => api.queryMetric(query, { signal: combined }), querySignal),
      post: (message) => this.answer(message),
      describeFailure: (widget, error) => {
        if (this.deps.lacksScope(error)) lacksScope = true;
        // Like a tree row: the widget says what failed; a step-up, a session end or a rate limit is routed as everywhere.
        this.deps.failures.report(error, 'list', `Loading the widget "${widget.title}"`);
        return this.deps.describeForUser(error);
      },
      signal,
    });
    if (lacksScope && !signal.aborted) this.showNotice(undefined, false);
  }

  private async fetchWidgets(services: SignedInServices, signal: AbortSignal): Promise<readonly WidgetView[] | undefined> {
    const target = this.target;
    if (target.kind !== 'dashboard') return undefined;
    try {
      this.useDashboard(await services.run((api, combined) => api.getDashboard(target.dashboardId, { signal: combined }), signal));
      return this.widgets;
    } catch (error) {
      if (!signal.aborted) {
        this.deps.failures.report(error, 'list', 'Loading a dashboard');
        this.showNotice(this.deps.describeForUser(error), true);
      }
      return undefined;
    }
  }

  private useDashboard(dashboard: Dashboard): void {
    const capped = capWidgets(dashboard.widgets);
    this.widgets = capped.shown;
    this.widgetsNotShown = capped.notShown;
    this.target = { kind: 'dashboard', projectId: dashboard.project_id, dashboardId: dashboard.id, title: dashboard.name };
    this.panel.title = dashboard.name;
  }

  /** `message` undefined: the grant offer for read:metrics, as the trees show it. */
  private showNotice(message: string | undefined, retry: boolean): void {
    this.postShow();
    this.notice =
      message === undefined
        ? { type: 'needsGrant', message: vscode.l10n.t('Your sign-in lacks {0}, which charts need. Grant it; your other permissions stay.', metricsScope) }
        : { type: 'notice', message, retry };
    this.post(this.notice);
  }

  private postShow(): void {
    this.post({
      type: 'show',
      target: this.target,
      locale: vscode.env.language,
      strings: webviewStrings(),
      widgets: this.widgets ?? [],
      widgetsNotShown: widgetsNotShownNote(this.widgetsNotShown),
      range: this.deps.ranges.get(this.target),
    });
  }

  private answer(message: HostMessage): void {
    if (message.type === 'data' || message.type === 'failed') this.answers.set(message.widgetId, message);
    this.post(message);
  }

  private post(message: HostMessage): void {
    // Sent before the page listens, a message would be lost or drawn twice (the page gets
    // what it needs from the kept answers once it is ready).
    if (!this.pageListening) return;
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (!delivered) this.deps.logger.debug(`A dashboard tab missed a ${message.type} message; it is replayed when the page is ready.`);
    });
  }

  /** Auto-refresh, only while the tab is visible; the next tick is counted from the last load. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const interval = autoRefreshMs(vscode.workspace.getConfiguration().get(autoRefreshSetting));
    if (this.isDisposed || interval === undefined || !this.panel.visible || this.loadedAt === undefined) return;
    this.timer = setTimeout(() => void this.load(), Math.max(0, this.loadedAt + interval - Date.now()));
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const load of this.loads) load.abort();
    this.loads.clear();
  }
}
