import * as v from 'valibot';
import { ApiTransport, type ApiTransportOptions } from '../http/api-transport';
import { NotFoundError } from '../http/errors';
import { clampLimit, MAX_PAGE_SIZE, pages, paginate, type Page, type PageOptions } from './paging';
import {
  DashboardSchema,
  listSchema,
  MeSchema,
  MetricSchema,
  ProjectSchema,
  type Dashboard,
  type Me,
  type Metric,
  type Project,
} from './schemas';
import { metricQueryBody, SeriesSchema, type MetricQuery, type Series } from './series';

export type LucaroApiClientOptions = ApiTransportOptions;

export interface CallOptions {
  signal?: AbortSignal;
}

/** Walks every page; the limit defaults to the maximum to save round trips. */
export interface WalkOptions {
  limit?: number;
  signal?: AbortSignal;
}

export interface Identity {
  readonly user: Me;
  /** From `X-OAuth-Scopes`: what the token can really do; none when the server did not say. */
  readonly scopes: readonly string[];
}

export interface NewProject {
  name: string;
  description?: string;
}

export interface ProjectPatch {
  name?: string;
  description?: string;
}

export interface NewDashboard {
  name: string;
  description?: string;
}

export interface NewMetric {
  name: string;
  unit?: string;
  description?: string;
}

/** The Lucaro API (`/v2`), typed. Holds no timers and owns no connections. */
export class LucaroApiClient {
  readonly #transport: ApiTransport;

  constructor(options: LucaroApiClientOptions) {
    this.#transport = new ApiTransport(options);
  }

  async getMe(options: CallOptions = {}): Promise<Identity> {
    const result = await this.#transport.call({ method: 'GET', path: '/v2/me', schema: MeSchema, signal: options.signal });
    return { user: result.data, scopes: result.scopes ?? [] };
  }

  async listProjects(options: PageOptions = {}): Promise<Page<Project>> {
    return this.#list('/v2/projects', ProjectSchema, options);
  }

  projects(options: WalkOptions = {}): AsyncGenerator<Project, void, undefined> {
    return paginate(this.#fetcher('/v2/projects', ProjectSchema, options));
  }

  /** Page after page, each fetched on `next()`: what a tree's "Load more" pulls from. */
  projectPages(options: WalkOptions = {}): AsyncGenerator<Page<Project>, void, undefined> {
    return pages(this.#fetcher('/v2/projects', ProjectSchema, options));
  }

  async getProject(id: string, options: CallOptions = {}): Promise<Project> {
    return this.#data('GET', `/v2/projects/${segment(id)}`, ProjectSchema, undefined, options);
  }

  async createProject(project: NewProject, options: CallOptions = {}): Promise<Project> {
    return this.#data('POST', '/v2/projects', ProjectSchema, project, options);
  }

  async updateProject(id: string, patch: ProjectPatch, options: CallOptions = {}): Promise<Project> {
    return this.#data('PATCH', `/v2/projects/${segment(id)}`, ProjectSchema, patch, options);
  }

  async listDashboards(projectId: string, options: PageOptions = {}): Promise<Page<Dashboard>> {
    return this.#list(`/v2/projects/${segment(projectId)}/dashboards`, DashboardSchema, options);
  }

  async getDashboard(id: string, options: CallOptions = {}): Promise<Dashboard> {
    return this.#data('GET', `/v2/dashboards/${segment(id)}`, DashboardSchema, undefined, options);
  }

  async createDashboard(projectId: string, dashboard: NewDashboard, options: CallOptions = {}): Promise<Dashboard> {
    return this.#data('POST', `/v2/projects/${segment(projectId)}/dashboards`, DashboardSchema, dashboard, options);
  }

  async listMetrics(projectId: string, options: PageOptions = {}): Promise<Page<Metric>> {
    return this.#list(`/v2/projects/${segment(projectId)}/metrics`, MetricSchema, options);
  }

  async createMetric(projectId: string, metric: NewMetric, options: CallOptions = {}): Promise<Metric> {
    return this.#data('POST', `/v2/projects/${segment(projectId)}/metrics`, MetricSchema, metric, options);
  }

  /** One metric's series over a window; a malformed point is dropped, not the series. */
  async queryMetric(query: MetricQuery, options: CallOptions = {}): Promise<Series> {
    // A read sent as POST: retried and rate-limit-waited like a GET.
    const result = await this.#transport.call({
      method: 'POST',
      path: '/v2/metrics/query',
      schema: SeriesSchema,
      body: metricQueryBody(query),
      safe: true,
      signal: options.signal,
    });
    return result.data;
  }

  async #data<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    schema: v.GenericSchema<unknown, T>,
    body: unknown,
    options: CallOptions,
  ): Promise<T> {
    const result = await this.#transport.call({ method, path, schema, body, signal: options.signal });
    return result.data;
  }

  async #list<T>(path: string, item: v.GenericSchema<unknown, T>, options: PageOptions): Promise<Page<T>> {
    const result = await this.#transport.call({
      method: 'GET',
      path,
      query: { limit: clampLimit(options.limit), cursor: options.cursor },
      schema: listSchema(item),
      signal: options.signal,
    });
    return { items: result.data.data, nextCursor: result.data.next_cursor ?? undefined };
  }

  #fetcher<T>(path: string, item: v.GenericSchema<unknown, T>, options: WalkOptions) {
    const limit = options.limit ?? MAX_PAGE_SIZE;
    return (cursor: string | undefined) => this.#list(path, item, { limit, cursor, signal: options.signal });
  }
}

/**
 * An id as one path segment. "." and ".." survive percent-encoding as dot segments
 * (the URL parser resolves "%2E%2E" too), so no real id can be one of them.
 */
function segment(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new NotFoundError();
  return encodeURIComponent(id);
}
