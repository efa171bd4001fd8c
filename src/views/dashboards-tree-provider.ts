import * as vscode from 'vscode';
import type { ActiveProject } from '../account/active-project';
import type { SignedInLifetime } from '../account/signed-in-lifetime';
import type { SignedInServices } from '../account/signed-in-services';
import { CatalogTreeProvider } from './catalog-tree-provider';
import { pagedNodes, type LucaroNode } from './tree-nodes';

export const dashboardsViewId = 'lucaro.dashboards';

/** The dashboards of the active project, each with its widgets. */
export class DashboardsTreeProvider extends CatalogTreeProvider {
  constructor(
    lifetime: SignedInLifetime,
    private readonly activeProject: ActiveProject,
  ) {
    super(dashboardsViewId, lifetime);
    this.track(activeProject.onDidChange(() => this.refresh()));
  }

  protected override async childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]> {
    if (node?.kind === 'dashboard') {
      return node.dashboard.widgets.map((widget) => ({ kind: 'widget', widget, dashboard: node.dashboard }));
    }
    if (node) return [];
    const project = this.activeProject.current;
    if (!project) return [];
    if (!this.canRead(services, 'read:dashboards')) return [{ kind: 'grant', scope: 'read:dashboards', parentId: 'root' }];
    const list = services.catalog.dashboards(project.id);
    await list.load();
    return pagedNodes(list, 'root', (dashboard) => ({ kind: 'dashboard', dashboard }), vscode.l10n.t('This project has no dashboards.'));
  }
}
