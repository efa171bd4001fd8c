import type { Page, PageOptions } from '../api/paging';
import type { Dashboard, Metric, Project } from '../api/schemas';
import { Emitter, type Disposable } from '../events';
import { PagedList } from './paged-list';

/** The part of the API client the sidebar reads. */
export interface CatalogApi {
  listProjects(options: PageOptions): Promise<Page<Project>>;
  listDashboards(projectId: string, options: PageOptions): Promise<Page<Dashboard>>;
  listMetrics(projectId: string, options: PageOptions): Promise<Page<Metric>>;
}

/** The maximum page: fewest round trips for the same items. */
export const treePageSize = 100;

/**
 * What the sidebar shows, loaded lazily: the projects page by page, and each project's
 * dashboards and metrics the first time it is expanded. Fires with the list that changed.
 */
export class CatalogModel implements Disposable {
  readonly projects: PagedList<Project>;
  private readonly dashboardLists = new Map<string, PagedList<Dashboard>>();
  private readonly metricLists = new Map<string, PagedList<Metric>>();
  private readonly changeEmitter = new Emitter<PagedList<unknown>>();
  private readonly subscriptions: Disposable[] = [];

  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly api: CatalogApi) {
    this.projects = this.track(new PagedList((cursor) => api.listProjects({ limit: treePageSize, cursor }), (project) => project.id));
  }

  dashboards(projectId: string): PagedList<Dashboard> {
    return this.listFor(
      this.dashboardLists,
      projectId,
      (cursor) => this.api.listDashboards(projectId, { limit: treePageSize, cursor }),
      (dashboard) => dashboard.id,
    );
  }

  metrics(projectId: string): PagedList<Metric> {
    return this.listFor(
      this.metricLists,
      projectId,
      (cursor) => this.api.listMetrics(projectId, { limit: treePageSize, cursor }),
      (metric) => metric.name,
    );
  }

  /** Drops everything loaded; views reload what they show. */
  refresh(): void {
    for (const list of [...this.dashboardLists.values(), ...this.metricLists.values()]) list.dispose();
    this.dashboardLists.clear();
    this.metricLists.clear();
    this.projects.reset();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const list of [this.projects, ...this.dashboardLists.values(), ...this.metricLists.values()]) list.dispose();
    this.changeEmitter.dispose();
  }

  private listFor<T>(
    lists: Map<string, PagedList<T>>,
    projectId: string,
    fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    keyOf: (item: T) => string,
  ): PagedList<T> {
    let list = lists.get(projectId);
    if (!list) {
      list = this.track(new PagedList(fetchPage, keyOf));
      lists.set(projectId, list);
    }
    return list;
  }

  private track<T>(list: PagedList<T>): PagedList<T> {
    this.subscriptions.push(list.onDidChange(() => this.changeEmitter.fire(list as PagedList<unknown>)));
    return list;
  }
}
