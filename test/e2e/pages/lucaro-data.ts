import * as assert from 'node:assert/strict';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Dashboard, LucaroServer, Metric, Project, Series } from '../../server';
import { demoUsers } from '../../server/users';

/**
 * The local Lucaro's side of the data, read over its API with a static token as a test reads
 * the truth, and its request counters.
 */

export const demoAccount = 'Ada Lovelace';
export const secondAccount = 'Grace Hopper';

/**
 * The editor's Accounts menu (and other extensions) know an account by a unique label, its
 * email; the sidebar, status bar and messages by its display name. Takes either.
 */
export function accountsMenuLabel(account: string): string {
  return demoUsers.find((user) => user.name === account)?.email ?? account;
}
/** What "Sign in with browser" asks for. */
export const signInScopes = ['read:projects', 'write:projects', 'read:dashboards', 'write:dashboards', 'read:metrics'];

export function serverApi<T>(server: LucaroServer, path: string, token = server.apiTokens.all): Promise<T> {
  return callServer<T>(server, path, token);
}

/** A GET, or a POST of `body` as JSON. */
async function callServer<T>(server: LucaroServer, path: string, token: string, body?: unknown): Promise<T> {
  // A server on HTTPS (the web worker run) has a throwaway certificate: trust exactly that one.
  const dispatcher = server.certificate ? new Agent({ connect: { ca: server.certificate } }) : undefined;
  try {
    const response = await undiciFetch(`${server.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
      ...(dispatcher ? { dispatcher } : {}),
    });
    assert.equal(response.status, 200, `${path} answered ${response.status}`);
    return (await response.json()) as T;
  } finally {
    await dispatcher?.close();
  }
}

/** Every project the server holds, in its order. */
export async function allServerProjects(server: LucaroServer): Promise<Project[]> {
  const projects: Project[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Project[]; next_cursor: string | null } = await serverApi(
      server,
      `/v2/projects?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    projects.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return projects;
}

export function serverProject(server: LucaroServer, projectId: string): Promise<Project> {
  return serverApi<Project>(server, `/v2/projects/${projectId}`);
}

export async function serverDashboards(server: LucaroServer, projectId: string): Promise<Dashboard[]> {
  return (await serverApi<{ data: Dashboard[] }>(server, `/v2/projects/${projectId}/dashboards?limit=100`)).data;
}

export async function serverMetrics(server: LucaroServer, projectId: string): Promise<Metric[]> {
  return (await serverApi<{ data: Metric[] }>(server, `/v2/projects/${projectId}/metrics?limit=100`)).data;
}

/** The server's own answer for a widget's window (seconds since the epoch): what a dashboard tab must show. */
export function serverSeries(
  server: LucaroServer,
  projectId: string,
  metric: string,
  window: { readonly from: number; readonly to: number; readonly step: number },
): Promise<Series> {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
  return callServer<Series>(server, '/v2/metrics/query', server.apiTokens.all, {
    project_id: projectId,
    metric,
    from: iso(window.from),
    to: iso(window.to),
    step_seconds: window.step,
  });
}

/** A counter from the server, 0 when never hit ('GET /v2/projects'). */
export function requestsTo(server: LucaroServer, methodAndPath: string): number {
  return server.counters.requestsByPath[methodAndPath] ?? 0;
}

/** Dashboard list requests of any project. */
export function dashboardListRequests(server: LucaroServer): number {
  return Object.entries(server.counters.requestsByPath)
    .filter(([path]) => path.startsWith('GET /v2/projects/') && path.endsWith('/dashboards'))
    .reduce((sum, [, count]) => sum + count, 0);
}
