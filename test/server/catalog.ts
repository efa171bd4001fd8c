import {
  dashboardNames,
  metricTemplates,
  projectAdjectives,
  projectDescriptions,
  projectNouns,
} from './catalog-words';
import { hash32, IdScrambler, mulberry32 } from './prng';
import { rfc3339, webBase, type Dashboard, type Metric, type Project, type Widget } from './resources';

export interface CatalogSize {
  readonly seed: number;
  readonly projects: number;
  readonly dashboardsPerProject: number;
  readonly metricsPerProject: number;
}

const seededEpoch = Date.UTC(2024, 0, 1);
const minute = 60_000;
const day = 24 * 60 * minute;
const widgetKinds: Widget['kind'][] = ['line', 'bar', 'stat'];

/**
 * Projects, dashboards and metrics. Seeded items are computed from (seed, index) on
 * demand and only changed or created ones are stored, so 20,000 projects cost nothing
 * until listed. Ids are a keyed bijection of the index: unique, opaque and reversible.
 */
export class Catalog {
  private readonly projectIds: IdScrambler;
  private readonly dashboardIds: IdScrambler;
  private readonly changedProjects = new Map<number, Project>();
  private readonly createdProjects: Project[] = [];
  private readonly createdDashboards = new Map<string, Dashboard>();
  private readonly createdDashboardsByProject = new Map<number, Dashboard[]>();
  private readonly createdMetrics = new Map<number, Metric[]>();
  private dashboardsCreated = 0;

  constructor(private readonly size: CatalogSize) {
    this.projectIds = new IdScrambler(size.seed, 'projects');
    this.dashboardIds = new IdScrambler(size.seed, 'dashboards');
  }

  get projectCount(): number {
    return this.size.projects + this.createdProjects.length;
  }

  project(index: number): Project {
    if (index >= this.size.projects) return this.createdProjects[index - this.size.projects]!;
    return this.changedProjects.get(index) ?? this.seededProject(index);
  }

  projectIndexOf(id: string): number | undefined {
    const index = decodeId(id, 'prj_', this.projectIds);
    return index !== undefined && index < this.projectCount ? index : undefined;
  }

  createProject(fields: { name: string; description?: string }, now = Date.now()): Project {
    const index = this.projectCount;
    const id = encodeId('prj_', this.projectIds, index);
    const project: Project = {
      id,
      name: fields.name,
      description: fields.description ?? '',
      created_at: rfc3339(now),
      updated_at: rfc3339(now),
      web_url: projectUrl(id),
    };
    this.createdProjects.push(project);
    return project;
  }

  updateProject(index: number, fields: { name?: string; description?: string }, now = Date.now()): Project {
    const updated: Project = { ...this.project(index), ...fields, updated_at: rfc3339(now) };
    if (index >= this.size.projects) this.createdProjects[index - this.size.projects] = updated;
    else this.changedProjects.set(index, updated);
    return updated;
  }

  dashboardCount(projectIndex: number): number {
    return this.seededDashboardCount(projectIndex) + (this.createdDashboardsByProject.get(projectIndex)?.length ?? 0);
  }

  dashboard(projectIndex: number, position: number): Dashboard {
    const seeded = this.seededDashboardCount(projectIndex);
    if (position < seeded) return this.seededDashboard(projectIndex, position);
    return this.createdDashboardsByProject.get(projectIndex)![position - seeded]!;
  }

  findDashboard(id: string): Dashboard | undefined {
    const created = this.createdDashboards.get(id);
    if (created) return created;
    const index = decodeId(id, 'dsh_', this.dashboardIds);
    const perProject = this.size.dashboardsPerProject;
    if (index === undefined || perProject === 0 || index >= this.size.projects * perProject) return undefined;
    return this.seededDashboard(Math.floor(index / perProject), index % perProject);
  }

  createDashboard(
    projectIndex: number,
    fields: { name: string; description?: string; widgets?: readonly Omit<Widget, 'id'>[] },
    now = Date.now(),
  ): Dashboard {
    const index = this.size.projects * this.size.dashboardsPerProject + this.dashboardsCreated;
    this.dashboardsCreated += 1;
    const projectId = this.project(projectIndex).id;
    const id = encodeId('dsh_', this.dashboardIds, index);
    const dashboard: Dashboard = {
      id,
      project_id: projectId,
      name: fields.name,
      description: fields.description ?? '',
      widgets: (fields.widgets ?? []).map((widget, w) => ({ id: `wgt_${hash32(this.size.seed, id, w).toString(36)}`, ...widget })),
      updated_at: rfc3339(now),
      web_url: dashboardUrl(projectId, id),
    };
    this.createdDashboards.set(id, dashboard);
    const list = this.createdDashboardsByProject.get(projectIndex) ?? [];
    list.push(dashboard);
    this.createdDashboardsByProject.set(projectIndex, list);
    return dashboard;
  }

  metrics(projectIndex: number): Metric[] {
    return [...this.seededMetrics(projectIndex), ...(this.createdMetrics.get(projectIndex) ?? [])];
  }

  findMetric(projectIndex: number, name: string): Metric | undefined {
    return this.metrics(projectIndex).find((metric) => metric.name === name);
  }

  createMetric(projectIndex: number, metric: Metric): Metric {
    const list = this.createdMetrics.get(projectIndex) ?? [];
    list.push(metric);
    this.createdMetrics.set(projectIndex, list);
    return metric;
  }

  private seededProject(index: number): Project {
    const random = mulberry32(hash32(this.size.seed, 'project', index));
    const id = encodeId('prj_', this.projectIds, index);
    const createdAt = seededEpoch + index * 10 * minute + Math.floor(random() * 10) * minute;
    const updatedAt = createdAt + Math.floor(random() * 90 * day);
    return {
      id,
      name: this.projectName(index),
      description: projectDescriptions[Math.floor(random() * projectDescriptions.length)]!,
      created_at: rfc3339(createdAt),
      updated_at: rfc3339(updatedAt),
      web_url: projectUrl(id),
    };
  }

  /** Unique for the first 256 projects (every adjective with every noun), numbered after. */
  private projectName(index: number): string {
    const combinations = projectAdjectives.length * projectNouns.length;
    const k = (index + (hash32(this.size.seed, 'names') % combinations)) % combinations;
    const adjective = k % projectAdjectives.length;
    const noun = (adjective + Math.floor(k / projectAdjectives.length)) % projectNouns.length;
    const round = Math.floor(index / combinations);
    const name = `${projectAdjectives[adjective]} ${projectNouns[noun]}`;
    return round === 0 ? name : `${name} ${round + 1}`;
  }

  private seededDashboardCount(projectIndex: number): number {
    return projectIndex < this.size.projects ? this.size.dashboardsPerProject : 0;
  }

  private seededDashboard(projectIndex: number, position: number): Dashboard {
    const index = projectIndex * this.size.dashboardsPerProject + position;
    const random = mulberry32(hash32(this.size.seed, 'dashboard', index));
    const project = this.project(projectIndex);
    const id = encodeId('dsh_', this.dashboardIds, index);
    const nameIndex = (position + projectIndex) % dashboardNames.length;
    const round = Math.floor(position / dashboardNames.length);
    const metrics = this.seededMetrics(projectIndex);
    const widgetCount = metrics.length === 0 ? 0 : 1 + Math.floor(random() * Math.min(4, metrics.length));
    const widgets: Widget[] = [];
    for (let w = 0; w < widgetCount; w++) {
      const metric = metrics[(position + w) % metrics.length]!;
      widgets.push({
        id: `wgt_${hash32(this.size.seed, id, w).toString(36)}`,
        title: metric.description.replace(/\.$/, ''),
        metric: metric.name,
        kind: widgetKinds[Math.floor(random() * widgetKinds.length)]!,
      });
    }
    return {
      id,
      project_id: project.id,
      name: round === 0 ? dashboardNames[nameIndex]! : `${dashboardNames[nameIndex]} ${round + 1}`,
      description: `${dashboardNames[nameIndex]} for ${project.name}.`,
      widgets,
      updated_at: rfc3339(seededEpoch + index * 7 * minute + Math.floor(random() * 30 * day)),
      web_url: dashboardUrl(project.id, id),
    };
  }

  private seededMetrics(projectIndex: number): Metric[] {
    if (projectIndex >= this.size.projects) return [];
    const start = hash32(this.size.seed, 'metrics', projectIndex) % metricTemplates.length;
    const metrics: Metric[] = [];
    for (let m = 0; m < this.size.metricsPerProject; m++) {
      const template = metricTemplates[(start + m) % metricTemplates.length]!;
      const round = Math.floor(m / metricTemplates.length);
      metrics.push(round === 0 ? { ...template } : { ...template, name: `${template.name}_${round + 1}` });
    }
    return metrics;
  }
}

function encodeId(prefix: string, scrambler: IdScrambler, index: number): string {
  return prefix + scrambler.scramble(index).toString(36).padStart(7, '0');
}

function decodeId(id: string, prefix: string, scrambler: IdScrambler): number | undefined {
  if (!id.startsWith(prefix)) return undefined;
  const body = id.slice(prefix.length);
  if (!/^[0-9a-z]{7}$/.test(body)) return undefined;
  const value = parseInt(body, 36);
  if (value > 0xffffffff) return undefined;
  const index = scrambler.unscramble(value);
  // Reject non-canonical spellings (leading zeros on a long value and the like).
  return encodeId(prefix, scrambler, index) === id ? index : undefined;
}

function projectUrl(id: string): string {
  return `${webBase}/projects/${id}`;
}

function dashboardUrl(projectId: string, id: string): string {
  return `${webBase}/projects/${projectId}/dashboards/${id}`;
}
