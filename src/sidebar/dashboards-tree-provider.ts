import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { ActiveProject } from '../account/active-project';
import type { SignedInServices } from '../account/signed-in-services';
import type { ListKey } from '../core/tree/catalog-model';
import { CatalogTreeProvider, type ListPlace } from './catalog-tree-provider';
import { pagedNodes, widgetNodes, type LucaroNode } from './tree-nodes';

export const dashboardsViewId = 'lucaro.dashboards';

/** The dashboards of the active project, each with its widgets. */
export class DashboardsTreeProvider extends CatalogTreeProvider {
  constructor(
    account: AccountSession,
    private readonly activeProject: ActiveProject,
  ) {
    super(dashboardsViewId, account);
    this._register(activeProject.onDidChange(() => this.refresh()));
  }

  protected override placeOf(list: ListKey): ListPlace {
    return list.list === 'dashboards' && list.projectId === this.activeProject.current?.id ? 'root' : undefined;
  }

  protected override async childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]> {
    if (node?.kind === 'dashboard') return widgetNodes(node.dashboard);
    if (node) return [];
    const project = this.activeProject.current;
    if (!project) return [];
    if (!this.canRead(services, 'read:dashboards')) return [{ kind: 'grant', scope: 'read:dashboards', parentId: 'root' }];
    const key = { list: 'dashboards', projectId: project.id } as const;
    const list = services.catalog.dashboards(project.id);
    await this.loadFor(key, list);
    return pagedNodes(
      list.state,
      key,
      'root',
      (dashboard) => ({ kind: 'dashboard', dashboard }),
      vscode.l10n.t('This project has no dashboards.'),
    );
  }
}
