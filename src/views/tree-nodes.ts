import type { Dashboard, Metric, Project, Widget } from '../core/api/schemas';
import type { PagedList } from '../core/tree/paged-list';

/** What a row of the Lucaro trees stands for; the tree providers map these to `TreeItem`s. */
export type LucaroNode =
  | { readonly kind: 'project'; readonly project: Project }
  | { readonly kind: 'group'; readonly group: 'dashboards' | 'metrics'; readonly project: Project }
  | { readonly kind: 'dashboard'; readonly dashboard: Dashboard }
  | { readonly kind: 'widget'; readonly widget: Widget; readonly dashboard: Dashboard }
  | { readonly kind: 'metric'; readonly metric: Metric; readonly projectId: string }
  | { readonly kind: 'loadMore'; readonly list: PagedList<unknown>; readonly parentId: string; readonly error?: unknown }
  | { readonly kind: 'error'; readonly list: PagedList<unknown>; readonly parentId: string; readonly error: unknown }
  | { readonly kind: 'grant'; readonly scope: string; readonly parentId: string }
  | { readonly kind: 'empty'; readonly message: string; readonly parentId: string };

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

/** Rows for a paged list: its items, then "Load more…" or the error that stopped it. */
export function pagedNodes<T>(
  list: PagedList<T>,
  parentId: string,
  toNode: (item: T) => LucaroNode,
  emptyMessage: string,
): LucaroNode[] {
  const state = list.state;
  const untyped = list as PagedList<unknown>;
  if (state.status === 'error') return [{ kind: 'error', list: untyped, parentId, error: state.error }];
  if (state.status !== 'loaded') return [];
  const nodes = state.items.map(toNode);
  if (nodes.length === 0 && !state.hasMore) return [{ kind: 'empty', message: emptyMessage, parentId }];
  if (state.hasMore) nodes.push({ kind: 'loadMore', list: untyped, parentId, error: state.moreError });
  return nodes;
}
