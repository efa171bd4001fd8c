import * as vscode from 'vscode';
import type { SignedInLifetime } from '../account/signed-in-lifetime';
import type { SignedInServices } from '../account/signed-in-services';
import { CatalogTreeProvider } from './catalog-tree-provider';
import { pagedNodes, type LucaroNode } from './tree-nodes';

export const projectsViewId = 'lucaro.projects';

/** Projects, page by page; each expands to its Dashboards and Metrics. */
export class ProjectsTreeProvider extends CatalogTreeProvider {
  constructor(lifetime: SignedInLifetime) {
    super(projectsViewId, lifetime);
  }

  protected override async childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]> {
    const { catalog } = services;
    if (!node) {
      if (!this.canRead(services, 'read:projects')) return [{ kind: 'grant', scope: 'read:projects', parentId: 'root' }];
      await catalog.projects.load();
      return pagedNodes(catalog.projects, 'root', (project) => ({ kind: 'project', project }), vscode.l10n.t('No projects yet.'));
    }
    switch (node.kind) {
      case 'project':
        return [
          { kind: 'group', group: 'dashboards', project: node.project },
          { kind: 'group', group: 'metrics', project: node.project },
        ];
      case 'group': {
        const parentId = `project/${node.project.id}/${node.group}`;
        if (node.group === 'dashboards') {
          if (!this.canRead(services, 'read:dashboards')) return [{ kind: 'grant', scope: 'read:dashboards', parentId }];
          const list = catalog.dashboards(node.project.id);
          await list.load();
          return pagedNodes(list, parentId, (dashboard) => ({ kind: 'dashboard', dashboard }), vscode.l10n.t('No dashboards.'));
        }
        if (!this.canRead(services, 'read:metrics')) return [{ kind: 'grant', scope: 'read:metrics', parentId }];
        const list = catalog.metrics(node.project.id);
        await list.load();
        return pagedNodes(list, parentId, (metric) => ({ kind: 'metric', metric, projectId: node.project.id }), vscode.l10n.t('No metrics.'));
      }
      case 'dashboard':
        return node.dashboard.widgets.map((widget) => ({ kind: 'widget', widget, dashboard: node.dashboard }));
      default:
        return [];
    }
  }
}
