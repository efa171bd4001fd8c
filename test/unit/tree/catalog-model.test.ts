import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { CancelledError, ServerError } from '../../../src/core/http/errors';
import { CatalogModel, projectsList, type CatalogFailure } from '../../../src/core/tree/catalog-model';
import { listRows } from '../../../src/core/tree/list-rows';
import { fixedTokens, makeClient } from '../api/fixture';
import type { LucaroServer } from '../../server/index';
import { useLocalLucaro } from '../../support/local-lucaro';

describe('CatalogModel against the local Lucaro server', () => {
  const lucaro = useLocalLucaro({ projects: 120, dashboardsPerProject: 3 });
  beforeEach(() => lucaro.server.resetCounters());

  function model(): CatalogModel {
    // One retry per page: a failing page costs exactly two requests.
    return new CatalogModel(makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all), { retry: { maxRetries: 1 } }));
  }

  test('the first page of projects costs one request; "Load more" fetches the rest', async () => {
    const catalog = model();
    let changes = 0;
    catalog.onDidChange(() => changes++);
    await Promise.all([catalog.projects.load(), catalog.projects.load()]);
    assert.equal(lucaro.server.counters.apiRequests, 1);
    const first = catalog.projects.state;
    assert.equal(first.status, 'loaded');
    assert.equal(first.status === 'loaded' && first.items.length, 100);
    assert.equal(first.status === 'loaded' && first.hasMore, true);
    await catalog.projects.loadMore();
    const second = catalog.projects.state;
    assert.equal(second.status === 'loaded' && second.items.length, 120);
    assert.equal(second.status === 'loaded' && second.hasMore, false);
    assert.equal(second.status === 'loaded' && new Set(second.items.map((project) => project.id)).size, 120);
    assert.equal(lucaro.server.counters.apiRequests, 2);
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
    assert.equal(countDashboardRequests(lucaro.server), 1);
    catalog.dispose();
  });

  test('a failed first page becomes an error state (one error row); Retry loads it', async () => {
    const catalog = model();
    lucaro.server.failNext(2, 500);
    await catalog.projects.load();
    const failed = catalog.projects.state;
    assert.equal(failed.status, 'error');
    assert.ok(failed.status === 'error' && failed.error instanceof ServerError);
    assert.deepEqual(listRows(failed).map((row) => row.row), ['error']);
    await catalog.retry(projectsList);
    assert.equal(catalog.projects.state.status, 'loaded');
    catalog.dispose();
  });

  test('a failed first page stays failed: load() does not try again by itself, Retry does', async () => {
    const catalog = model();
    lucaro.server.failNext(2, 500);
    await catalog.projects.load();
    assert.equal(catalog.projects.state.status, 'error');
    // A tree asks for its children again each time the list changes, the error included.
    await catalog.projects.load();
    await catalog.projects.load();
    assert.equal(lucaro.server.counters.apiRequests, 2, 'no request beyond the first attempt and its retry');
    assert.equal(catalog.projects.state.status, 'error');
    await catalog.retry(projectsList);
    assert.equal(catalog.projects.state.status, 'loaded');
    assert.equal(lucaro.server.counters.apiRequests, 3);
    catalog.dispose();
  });

  test('a failed "Load more" keeps what was loaded', async () => {
    const catalog = model();
    await catalog.projects.load();
    lucaro.server.failNext(2, 503);
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

  test('refresh reloads from the first page, showing the last items until it arrives', async () => {
    const catalog = model();
    await catalog.projects.load();
    await catalog.projects.loadMore();
    catalog.refresh();
    const { projects } = catalog;
    const before = projects.state;
    assert.ok(before.status === 'loaded' && before.items.length === 120, 'nothing is dropped by Refresh itself');
    const reloading = projects.load();
    const during = projects.state;
    assert.ok(during.status === 'loaded' && during.reloading && during.items.length === 120, 'the old items show while reloading');
    await reloading;
    const state = catalog.projects.state;
    assert.ok(state.status === 'loaded' && !state.reloading);
    assert.equal(state.items.length, 100);
    assert.equal(state.hasMore, true);
    catalog.dispose();
  });

  test('a reload that fails keeps the last data with one out-of-date row on top; Retry brings it up to date', async () => {
    const catalog = model();
    await catalog.projects.load();
    const loaded = catalog.projects.state;
    assert.ok(loaded.status === 'loaded');
    catalog.refresh();
    lucaro.server.failNext(2, 502);
    await catalog.projects.load();
    const stale = catalog.projects.state;
    assert.ok(stale.status === 'loaded', `still loaded, not ${stale.status}`);
    assert.ok(stale.reloadError instanceof ServerError);
    assert.deepEqual(stale.items, loaded.items, 'the last data stays');
    const rows = listRows(stale);
    assert.equal(rows[0]?.row, 'outOfDate');
    assert.equal(rows.filter((row) => row.row === 'outOfDate').length, 1, 'one out-of-date row');
    assert.equal(rows.filter((row) => row.row === 'item').length, 100);
    assert.equal(rows.filter((row) => row.row === 'error').length, 0, 'no error row replaces the list');
    // A redraw does not retry by itself.
    const requests = lucaro.server.counters.apiRequests;
    await catalog.projects.load();
    assert.equal(lucaro.server.counters.apiRequests, requests);
    await catalog.retry(projectsList);
    const fresh = catalog.projects.state;
    assert.ok(fresh.status === 'loaded' && fresh.reloadError === undefined && fresh.items.length === 100);
    assert.ok(!listRows(fresh).some((row) => row.row === 'outOfDate'));
    catalog.dispose();
  });

  test('every failed page is reported once, with the list it belongs to', async () => {
    const catalog = model();
    const failures: CatalogFailure[] = [];
    catalog.onDidFail((failure) => failures.push(failure));
    lucaro.server.failNext(2, 500);
    await Promise.all([catalog.projects.load(), catalog.projects.load()]);
    await catalog.projects.load();
    assert.equal(failures.length, 1);
    assert.deepEqual(failures[0]?.list, projectsList);
    await catalog.retry(projectsList);
    lucaro.server.failNext(2, 503);
    await catalog.loadMore(projectsList);
    assert.equal(failures.length, 2, 'a failed "Load more" is reported too');
    assert.ok(failures[1]?.error instanceof ServerError);
    catalog.dispose();
  });

  test('an aborted lifetime cancels the model\'s requests: they settle as cancelled, nothing is left in flight', async () => {
    const lifetime = new AbortController();
    const catalog = new CatalogModel(makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all)), { signal: lifetime.signal });
    lucaro.server.configure({ latencyMs: 200 });
    try {
      const loading = catalog.projects.load();
      lifetime.abort();
      await loading;
      const state = catalog.projects.state;
      assert.ok(state.status === 'error' && state.error instanceof CancelledError);
    } finally {
      lucaro.server.configure({ latencyMs: 0 });
    }
    catalog.dispose();
  });

  // Last: it adds a project to the shared server.
  test('a project created and prepended before "Load more" is not listed again by the next page', async () => {
    const api = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
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
