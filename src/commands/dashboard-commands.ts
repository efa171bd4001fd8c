import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { ActiveProject } from '../account/active-project';
import type { Dashboard } from '../core/api/schemas';
import type { DashboardTabs } from '../dashboards/dashboard-tabs';
import type { FailureChannel } from '../failures/failure-channel';
import type { LucaroNode } from '../sidebar/tree-nodes';
import { literalIcons } from '../core/encoding/editor-text';

type DashboardNode = Extract<LucaroNode, { kind: 'dashboard' }>;
type MetricNode = Extract<LucaroNode, { kind: 'metric' }>;

/** Open Dashboard (a tree click or the palette's quick pick) and a metric's tab. */
export class DashboardCommands {
  constructor(
    private readonly deps: {
      readonly account: AccountSession;
      readonly activeProject: ActiveProject;
      readonly failures: FailureChannel;
      readonly tabs: DashboardTabs;
    },
  ) {}

  async openDashboard(node?: DashboardNode): Promise<void> {
    const dashboard = node?.kind === 'dashboard' ? node.dashboard : await this.pickDashboard();
    if (!dashboard) return;
    await this.deps.tabs.show({ kind: 'dashboard', projectId: dashboard.project_id, dashboardId: dashboard.id, title: dashboard.name }, dashboard);
  }

  async openMetric(node?: MetricNode): Promise<void> {
    if (node?.kind !== 'metric') return;
    await this.deps.tabs.show({ kind: 'metric', projectId: node.projectId, metric: node.metric.name, title: node.metric.name });
  }

  private async pickDashboard(): Promise<Dashboard | undefined> {
    const services = this.deps.account.current;
    if (!services) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Lucaro first.'));
      return undefined;
    }
    const project = this.deps.activeProject.current;
    if (!project) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a Lucaro project first: click one in the Projects view, or choose Select Project.'));
      return undefined;
    }
    const items = (async () => {
      const dashboards: Dashboard[] = [];
      let cursor: string | undefined;
      do {
        const page = await services.run((api, signal) => api.listDashboards(project.id, { limit: 100, cursor, signal }));
        dashboards.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return dashboards.map((dashboard) => ({
        label: literalIcons(dashboard.name),
        description: vscode.l10n.t('{0} widgets', dashboard.widgets.length),
        detail: dashboard.description ? literalIcons(dashboard.description) : undefined,
        dashboard,
      }));
    })();
    try {
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Open a Dashboard of {0}', project.name),
        placeHolder: vscode.l10n.t('Dashboard name'),
        matchOnDescription: true,
      });
      return picked?.dashboard;
    } catch (error) {
      this.deps.failures.report(error, 'picker', 'Listing dashboards');
      return undefined;
    }
  }
}
