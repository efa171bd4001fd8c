import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { SignedInServices } from '../account/signed-in-services';
import { projectsList, type ListKey } from '../core/tree/catalog-model';
import { listId } from '../core/tree/list-reads';
import { CatalogTreeProvider, type ListPlace } from './catalog-tree-provider';
import { pagedNodes, widgetNodes, type LucaroNode } from './tree-nodes';

export const projectsViewId = 'lucaro.projects';

/** Projects, page by page; each expands to its Dashboards and Metrics. */
export class ProjectsTreeProvider extends CatalogTreeProvider {
  /** The Dashboards and Metrics rows last handed out, by the list below each. */
  private readonly groups = new Map<string, LucaroNode>();

  constructor(account: AccountSession) {
    super(projectsViewId, account);
    this._register(account.onDidChange(() => this.groups.clear()));
  }

  protected override placeOf(list: ListKey): ListPlace {
    return list.list === 'projects' ? 'root' : this.groups.get(listId(list));
  }

  protected override async childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]> {
    const { catalog } = services;
    if (!node) {
      if (!this.canRead(services, 'read:projects')) return [{ kind: 'grant', scope: 'read:projects', parentId: 'root' }];
      await this.loadFor(projectsList, catalog.projects);
      return pagedNodes(catalog.projects.state, projectsList, 'root', (project) => ({ kind: 'project', project }), vscode.l10n.t('No projects yet.'));
    }
    switch (node.kind) {
      case 'project': {
        const project = { id: node.project.id, name: node.project.name };
        return (['dashboards', 'metrics'] as const).map((group) => {
          const row: LucaroNode = { kind: 'group', group, project };
          this.groups.set(listId({ list: group, projectId: project.id }), row);
          return row;
        });
      }
      case 'group': {
        const projectId = node.project.id;
        const parentId = `project/${projectId}/${node.group}`;
        if (node.group === 'dashboards') {
          if (!this.canRead(services, 'read:dashboards')) return [{ kind: 'grant', scope: 'read:dashboards', parentId }];
          const key = { list: 'dashboards', projectId } as const;
          const list = catalog.dashboards(projectId);
          await this.loadFor(key, list);
          return pagedNodes(list.state, key, parentId, (dashboard) => ({ kind: 'dashboard', dashboard }), vscode.l10n.t('No dashboards.'));
        }
        if (!this.canRead(services, 'read:metrics')) return [{ kind: 'grant', scope: 'read:metrics', parentId }];
        const key = { list: 'metrics', projectId } as const;
        const list = catalog.metrics(projectId);
        await this.loadFor(key, list);
        return pagedNodes(list.state, key, parentId, (metric) => ({ kind: 'metric', metric, projectId }), vscode.l10n.t('No metrics.'));
      }
      case 'dashboard':
        return widgetNodes(node.dashboard);
      default:
        return [];
    }
  }
}
