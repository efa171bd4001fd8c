import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Agent } from 'undici';
import { ServerError } from '../../../src/core/http/errors';
import { CatalogModel } from '../../../src/core/tree/catalog-model';
import { startLucaroServer, type LucaroServer } from '../../server/index';
import { fixedTokens, makeClient } from '../api/fixture';

describe('CatalogModel against the local Lucaro server', () => {
  let server: LucaroServer;
  let dispatcher: Agent;

  before(async () => {
    server = await startLucaroServer({ projects: 120, dashboardsPerProject: 3 });
    dispatcher = new Agent();
  });
  after(async () => {
    await dispatcher.close();
    await server.close();
  });
  beforeEach(() => server.resetCounters());

  function model(): CatalogModel {
    // One retry per page: a failing page costs exactly two requests.
    return new CatalogModel(makeClient(server.apiUrl, dispatcher, fixedTokens(server.apiTokens.all), { retry: { maxRetries: 1 } }));
  }

  test('the first page of projects costs one request; "Load more" fetches the rest', async () => {
    const catalog = model();
    let changes = 0;
    catalog.onDidChange(() => changes++);
    await Promise.all([catalog.projects.load(), catalog.projects.load()]);
    assert.equal(server.counters.apiRequests, 1);
    const first = catalog.projects.state;
    assert.equal(first.status, 'loaded');
    assert.equal(first.status === 'loaded' && first.items.length, 100);
    assert.equal(first.status === 'loaded' && first.hasMore, true);
    await catalog.projects.loadMore();
    const second = catalog.projects.state;
    assert.equal(second.status === 'loaded' && second.items.length, 120);
    assert.equal(second.status === 'loaded' && second.hasMore, false);
    assert.equal(second.status === 'loaded' && new Set(second.items.map((project) => project.id)).size, 120);
    assert.equal(server.counters.apiRequests, 2);
    assert.ok(changes >= 4, 'loading and loaded for each page');
    catalog.dispose();
  });

  test('a project\'s dashboards load once, on first expansion', async () => {
    const catalog = model();
    await catalog.projects.load();
    const state = catalog.projects.state;
    assert.ok(state.status === 'loaded');
    const projectId = state.items[0]!.id;
    await catalog.dashboards(projectId).load();
    await catalog.dashboards(projectId).load();
    const dashboards = catalog.dashboards(projectId).state;
    assert.equal(dashboards.status === 'loaded' && dashboards.items.length, 3);
    assert.equal(countDashboardRequests(server), 1);
    catalog.dispose();
  });

  test('a failed first page becomes an error state; retry after reset loads it', async () => {
    const catalog = model();
    server.failNext(2, 500);
    await catalog.projects.load();
    const failed = catalog.projects.state;
    assert.equal(failed.status, 'error');
    assert.ok(failed.status === 'error' && failed.error instanceof ServerError);
    catalog.projects.reset();
    await catalog.projects.load();
    assert.equal(catalog.projects.state.status, 'loaded');
    catalog.dispose();
  });

  test('a failed first page stays failed: load() does not try again by itself, reset() does', async () => {
    const catalog = model();
    server.failNext(2, 500);
    await catalog.projects.load();
    assert.equal(catalog.projects.state.status, 'error');
    // A tree asks for its children again each time the list changes, the error included.
    await catalog.projects.load();
    await catalog.projects.load();
    assert.equal(server.counters.apiRequests, 2, 'no request beyond the first attempt and its retry');
    assert.equal(catalog.projects.state.status, 'error');
    catalog.projects.reset();
    await catalog.projects.load();
    assert.equal(catalog.projects.state.status, 'loaded');
    assert.equal(server.counters.apiRequests, 3);
    catalog.dispose();
  });

  test('a failed "Load more" keeps what was loaded', async () => {
    const catalog = model();
    await catalog.projects.load();
    server.failNext(2, 503);
    await catalog.projects.loadMore();
    const state = catalog.projects.state;
    assert.ok(state.status === 'loaded');
    assert.equal(state.items.length, 100);
    assert.ok(state.moreError instanceof ServerError);
    await catalog.projects.loadMore();
    const recovered = catalog.projects.state;
    assert.equal(recovered.status === 'loaded' && recovered.items.length, 120);
    catalog.dispose();
  });

  test('refresh forgets everything and reloads from the first page', async () => {
    const catalog = model();
    await catalog.projects.load();
    await catalog.projects.loadMore();
    catalog.refresh();
    const { projects } = catalog;
    assert.equal(projects.state.status, 'idle');
    await projects.load();
    const state = catalog.projects.state;
    assert.equal(state.status === 'loaded' && state.items.length, 100);
    catalog.dispose();
  });

  // Last: it adds a project to the shared server.
  test('a project created and prepended before "Load more" is not listed again by the next page', async () => {
    const api = makeClient(server.apiUrl, dispatcher, fixedTokens(server.apiTokens.all));
    const catalog = new CatalogModel(api);
    await catalog.projects.load();
    const created = await api.createProject({ name: 'Created while paging' });
    catalog.projects.prepend(created);
    catalog.projects.prepend(created);
    await catalog.projects.loadMore();
    const state = catalog.projects.state;
    assert.ok(state.status === 'loaded' && !state.hasMore);
    const ids = state.items.map((project) => project.id);
    assert.equal(ids.length, 121, 'the 120 seeded projects and the new one, once');
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids[0], created.id, 'the new project stays where the user saw it appear');
    catalog.dispose();
  });
});

function countDashboardRequests(server: LucaroServer): number {
  return Object.entries(server.counters.requestsByPath)
    .filter(([path]) => path.startsWith('GET /v2/projects/') && path.endsWith('/dashboards'))
    .reduce((sum, [, count]) => sum + count, 0);
}
