import type { Page, PageOptions } from '../api/paging';
import type { Dashboard, Metric, Project } from '../api/schemas';
import { DisposableOwner } from '../disposable';
import { Emitter } from '../events';
import { PagedList, type PagedListControls } from './paged-list';

/** The part of the API client the sidebar reads. */
export interface CatalogApi {
  listProjects(options: PageOptions): Promise<Page<Project>>;
  listDashboards(projectId: string, options: PageOptions): Promise<Page<Dashboard>>;
  listMetrics(projectId: string, options: PageOptions): Promise<Page<Metric>>;
}

/** Which list a tree row belongs to: plain data a node can carry and a command can hand back. */
export type ListKey =
  | { readonly list: 'projects' }
  | { readonly list: 'dashboards'; readonly projectId: string }
  | { readonly list: 'metrics'; readonly projectId: string };

export interface CatalogFailure {
  readonly list: ListKey;
  readonly error: unknown;
}

export interface CatalogModelOptions {
  /** Aborts every request the model makes; the owner aborts it before disposing the model. */
  readonly signal?: AbortSignal;
}

/** The maximum page: fewest round trips for the same items. */
export const treePageSize = 100;

export const projectsList: ListKey = Object.freeze({ list: 'projects' });

/**
 * What the sidebar shows, loaded lazily: the projects page by page, and each project's
 * dashboards and metrics the first time it is expanded. Owns the lists and their paging:
 * views and commands name a list by its `ListKey`. Fires with the list that changed, and
 * with every failed page.
 */
export class CatalogModel extends DisposableOwner {
  readonly projects: PagedList<Project>;
  private readonly dashboardLists = new Map<string, PagedList<Dashboard>>();
  private readonly metricLists = new Map<string, PagedList<Metric>>();
  private readonly changeEmitter = this._register(new Emitter<ListKey>());
  private readonly failureEmitter = this._register(new Emitter<CatalogFailure>());

  readonly onDidChange = this.changeEmitter.event;
  readonly onDidFail = this.failureEmitter.event;

  constructor(
    private readonly api: CatalogApi,
    private readonly options: CatalogModelOptions = {},
  ) {
    super();
    this.projects = this.track(
      projectsList,
      (cursor) => api.listProjects(this.page(cursor)),
      (project) => project.id,
    );
  }

  dashboards(projectId: string): PagedList<Dashboard> {
    return this.listFor(this.dashboardLists, { list: 'dashboards', projectId }, (cursor) => this.api.listDashboards(projectId, this.page(cursor)), (dashboard) => dashboard.id);
  }

  metrics(projectId: string): PagedList<Metric> {
    return this.listFor(this.metricLists, { list: 'metrics', projectId }, (cursor) => this.api.listMetrics(projectId, this.page(cursor)), (metric) => metric.name);
  }

  list(key: ListKey): PagedListControls {
    switch (key.list) {
      case 'projects':
        return this.projects;
      case 'dashboards':
        return this.dashboards(key.projectId);
      case 'metrics':
        return this.metrics(key.projectId);
    }
  }

  loadMore(key: ListKey): Promise<void> {
    return this.list(key).loadMore();
  }

  /** Retry: the first page again, keeping what the list shows until it arrives. */
  retry(key: ListKey): Promise<void> {
    return this.list(key).reload();
  }

  /** Every list reloads the next time a view shows it, keeping its items until then. */
  refresh(): void {
    for (const [key, list] of this.entries()) {
      list.markOutOfDate();
      this.changeEmitter.fire(key);
    }
  }

  projectCreated(project: Project): void {
    this.projects.prepend(project);
  }

  projectRenamed(project: Project): void {
    this.projects.replace((existing) => existing.id === project.id, project);
  }

  dashboardCreated(projectId: string, dashboard: Dashboard): void {
    this.dashboards(projectId).prepend(dashboard);
  }

  private *entries(): Generator<[ListKey, PagedListControls]> {
    yield [projectsList, this.projects];
    for (const projectId of this.dashboardLists.keys()) yield [{ list: 'dashboards', projectId }, this.dashboards(projectId)];
    for (const projectId of this.metricLists.keys()) yield [{ list: 'metrics', projectId }, this.metrics(projectId)];
  }

  private page(cursor: string | undefined): PageOptions {
    return { limit: treePageSize, cursor, signal: this.options.signal };
  }

  private listFor<T>(
    lists: Map<string, PagedList<T>>,
    key: Extract<ListKey, { projectId: string }>,
    fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    keyOf: (item: T) => string,
  ): PagedList<T> {
    let list = lists.get(key.projectId);
    if (!list) {
      list = this.track(key, fetchPage, keyOf);
      lists.set(key.projectId, list);
    }
    return list;
  }

  private track<T>(key: ListKey, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, keyOf: (item: T) => string): PagedList<T> {
    const list = this._register(new PagedList(fetchPage, { keyOf, onFailure: (error) => this.failureEmitter.fire({ list: key, error }) }));
    this._register(list.onDidChange(() => this.changeEmitter.fire(key)));
    return list;
  }
}
