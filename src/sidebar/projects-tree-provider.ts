import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { SignedInServices } from '../account/signed-in-services';
import { projectsList } from '../core/tree/catalog-model';
import { CatalogTreeProvider } from './catalog-tree-provider';
import { pagedNodes, widgetNodes, type LucaroNode } from './tree-nodes';

export const projectsViewId = 'lucaro.projects';

/** Projects, page by page; each expands to its Dashboards and Metrics. */
export class ProjectsTreeProvider extends CatalogTreeProvider {
  constructor(account: AccountSession) {
    super(projectsViewId, account);
  }

  protected override async childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]> {
    const { catalog } = services;
    if (!node) {
      if (!this.canRead(services, 'read:projects')) return [{ kind: 'grant', scope: 'read:projects', parentId: 'root' }];
      await catalog.projects.load();
      return pagedNodes(catalog.projects.state, projectsList, 'root', (project) => ({ kind: 'project', project }), vscode.l10n.t('No projects yet.'));
    }
    switch (node.kind) {
      case 'project': {
        const project = { id: node.project.id, name: node.project.name };
        return [
          { kind: 'group', group: 'dashboards', project },
          { kind: 'group', group: 'metrics', project },
        ];
      }
      case 'group': {
        const projectId = node.project.id;
        const parentId = `project/${projectId}/${node.group}`;
        if (node.group === 'dashboards') {
          if (!this.canRead(services, 'read:dashboards')) return [{ kind: 'grant', scope: 'read:dashboards', parentId }];
          const list = catalog.dashboards(projectId);
          await list.load();
          return pagedNodes(list.state, { list: 'dashboards', projectId }, parentId, (dashboard) => ({ kind: 'dashboard', dashboard }), vscode.l10n.t('No dashboards.'));
        }
        if (!this.canRead(services, 'read:metrics')) return [{ kind: 'grant', scope: 'read:metrics', parentId }];
        const list = catalog.metrics(projectId);
        await list.load();
        return pagedNodes(list.state, { list: 'metrics', projectId }, parentId, (metric) => ({ kind: 'metric', metric, projectId }), vscode.l10n.t('No metrics.'));
      }
      case 'dashboard':
        return widgetNodes(node.dashboard);
      default:
        return [];
    }
  }
}
