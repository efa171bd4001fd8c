import type { ProjectRef } from '../account/active-project';
import type { Dashboard, Metric, Project, Widget } from '../core/api/schemas';
import type { ListKey } from '../core/tree/catalog-model';
import { listRows } from '../core/tree/list-rows';
import type { PagedListState } from '../core/tree/paged-list';

/**
 * What a row of the Lucaro trees stands for, as plain data: the API's records, ids, and the
 * `ListKey` of the list a paging or error row belongs to. The model owns the lists.
 */
export type LucaroNode =
  | { readonly kind: 'project'; readonly project: Project }
  | { readonly kind: 'group'; readonly group: 'dashboards' | 'metrics'; readonly project: ProjectRef }
  | { readonly kind: 'dashboard'; readonly dashboard: Dashboard }
  | { readonly kind: 'widget'; readonly widget: Widget; readonly dashboardId: string }
  | { readonly kind: 'metric'; readonly metric: Metric; readonly projectId: string }
  | { readonly kind: 'loadMore'; readonly list: ListKey; readonly parentId: string; readonly error?: unknown }
  | { readonly kind: 'error'; readonly list: ListKey; readonly parentId: string; readonly error: unknown }
  | { readonly kind: 'outOfDate'; readonly list: ListKey; readonly parentId: string; readonly error: unknown }
  | { readonly kind: 'grant'; readonly scope: string; readonly parentId: string }
  | { readonly kind: 'empty'; readonly message: string; readonly parentId: string };

/** Rows that name a list: paging and retrying go through the model with their key. */
export type ListNode = Extract<LucaroNode, { list: ListKey }>;

/** Items that can be opened in the browser or have their ID copied. */
export type LinkedNode = Extract<LucaroNode, { kind: 'project' } | { kind: 'dashboard' }>;

export function isLinkedNode(value: unknown): value is LinkedNode {
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  return kind === 'project' || kind === 'dashboard';
}

export function linkOf(node: LinkedNode): { id: string; name: string; webUrl: string } {
  return node.kind === 'project'
    ? { id: node.project.id, name: node.project.name, webUrl: node.project.web_url }
    : { id: node.dashboard.id, name: node.dashboard.name, webUrl: node.dashboard.web_url };
}

export function widgetNodes(dashboard: Dashboard): LucaroNode[] {
  return dashboard.widgets.map((widget) => ({ kind: 'widget', widget, dashboardId: dashboard.id }));
}

/** Nodes for a paged list's rows (see `listRows`). */
export function pagedNodes<T>(
  state: PagedListState<T>,
  list: ListKey,
  parentId: string,
  toNode: (item: T) => LucaroNode,
  emptyMessage: string,
): LucaroNode[] {
  return listRows(state).map((row): LucaroNode => {
    switch (row.row) {
      case 'item':
        return toNode(row.item);
      case 'loadMore':
        return { kind: 'loadMore', list, parentId, ...(row.error !== undefined ? { error: row.error } : {}) };
      case 'error':
        return { kind: 'error', list, parentId, error: row.error };
      case 'outOfDate':
        return { kind: 'outOfDate', list, parentId, error: row.error };
      case 'empty':
        return { kind: 'empty', message: emptyMessage, parentId };
    }
  });
}
