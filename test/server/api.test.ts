import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLucaroServer, type Dashboard, type LucaroServer, type Metric, type Project, type Series } from './index';
import { api } from './oauth-test-client';

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('API /v2', () => {
  let server: LucaroServer;
  before(async () => {
    server = await startLucaroServer({ projects: 250 });
  });
  after(() => server.close());

  const get = (path: string, token = server.apiTokens.all) => api(server, path, token);
  const send = (method: string, path: string, body: unknown, token = server.apiTokens.all) =>
    api(server, path, token, { method, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const firstProject = async () => (await json<Page<Project>>(await get('/v2/projects?limit=1'))).data[0]!;

  test('401 without, with an unknown and with a malformed token', async () => {
    const before = server.counters.unauthorizedRequests;
    for (const response of [
      await api(server, '/v2/me'),
      await api(server, '/v2/me', 'lct_unknown'),
      await api(server, '/v2/projects', undefined, { headers: { Authorization: 'Basic abc' } }),
    ]) {
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      assert.ok(response.headers.get('x-ratelimit-limit'));
      const body = await json<{ error: { code: string; message: string } }>(response);
      assert.equal(body.error.code, 'invalid_token');
      assert.equal(typeof body.error.message, 'string');
    }
    assert.equal(server.counters.unauthorizedRequests, before + 3);
  });

  test('/v2/me answers for any valid token with its scopes and rate-limit headers', async () => {
    const me = await get('/v2/me', server.apiTokens.readProjects);
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('x-oauth-scopes'), 'read:projects');
    assert.equal(me.headers.get('x-ratelimit-limit'), '5000');
    assert.match(me.headers.get('x-ratelimit-remaining') ?? '', /^\d+$/);
    const reset = Number(me.headers.get('x-ratelimit-reset'));
    assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 3601);
    assert.deepEqual(await me.json(), { id: 'usr_demo', name: 'Ada Lovelace', email: 'ada@example.com' });

    const grace = await json<{ id: string }>(await get('/v2/me', server.apiTokens.secondUser));
    assert.equal(grace.id, 'usr_grace');
    const all = await get('/v2/me');
    assert.equal(
      all.headers.get('x-oauth-scopes'),
      'read:projects write:projects read:dashboards write:dashboards read:metrics write:metrics',
    );
  });

  test('403 names the missing scope in body and header; admin satisfies all', async () => {
    const project = await firstProject();
    for (const token of [server.apiTokens.readProjects, server.apiTokens.noDashboards]) {
      const response = await get(`/v2/projects/${project.id}/dashboards`, token);
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer error="insufficient_scope", scope="read:dashboards"');
      assert.ok(response.headers.get('x-oauth-scopes'));
      const body = await json<{ error: { code: string; message: string; required_scopes: string[] } }>(response);
      assert.equal(body.error.code, 'insufficient_scope');
      assert.deepEqual(body.error.required_scopes, ['read:dashboards']);
    }
    const write = await send('POST', '/v2/projects', { name: 'x' }, server.apiTokens.readProjects);
    assert.equal(write.status, 403);
    assert.deepEqual((await json<{ error: { required_scopes: string[] } }>(write)).error.required_scopes, ['write:projects']);

    const admin = server.apiTokens.admin;
    assert.equal((await get(`/v2/projects/${project.id}/dashboards`, admin)).status, 200);
    assert.equal((await get(`/v2/projects/${project.id}/metrics`, admin)).status, 200);
    assert.equal((await send('PATCH', `/v2/projects/${project.id}`, { description: 'by admin' }, admin)).status, 200);

    const custom = server.addApiToken(['read:dashboards']);
    assert.match(custom, /^lct_/);
    assert.equal((await get(`/v2/projects/${project.id}/dashboards`, custom)).status, 200);
    assert.equal((await get('/v2/projects', custom)).status, 403);
  });

  test('paging walks 250 projects exactly once', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
      const response = await get(`/v2/projects${query}`);
      assert.equal(response.status, 200);
      const page = await json<Page<Project>>(response);
      ids.push(...page.data.map((project) => project.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    for (const id of ids) assert.match(id, /^prj_[0-9a-z]{7}$/);

    const defaultPage = await json<Page<Project>>(await get('/v2/projects'));
    assert.equal(defaultPage.data.length, 50);
    assert.equal(typeof defaultPage.next_cursor, 'string');

    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=1.5', 'cursor=garbage!', 'cursor=bzo', 'cursor=', 'limit=1&limit=2']) {
      const response = await get(`/v2/projects?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal((await json<{ error: { code: string } }>(response)).error.code, 'invalid_request');
    }
    assert.equal((await get('/v2/projects?limit=1')).status, 200);
    assert.equal((await get('/v2/projects?limit=100')).status, 200);
  });

  test('projects: get, create (appears last), patch, 404 and 400s', async () => {
    const project = await firstProject();
    assert.deepEqual(Object.keys(project).sort(), ['created_at', 'description', 'id', 'name', 'updated_at', 'web_url']);
    assert.equal(project.web_url, `https://app.lucaro.dev/projects/${project.id}`);
    assert.match(project.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.deepEqual(await json<Project>(await get(`/v2/projects/${project.id}`)), project);

    const created = await send('POST', '/v2/projects', { name: '  New one ', description: 'made in a test' });
    assert.equal(created.status, 201);
    const made = await json<Project>(created);
    assert.equal(made.name, 'New one');
    assert.equal(made.description, 'made in a test');
    assert.equal((await get(`/v2/projects/${made.id}`)).status, 200);
    const last = await json<Page<Project>>(await get('/v2/projects?limit=100&cursor=' + lastPageCursor()));
    assert.equal(last.data.at(-1)?.id, made.id);

    const patched = await json<Project>(await send('PATCH', `/v2/projects/${project.id}`, { name: 'Renamed' }));
    assert.equal(patched.name, 'Renamed');
    assert.equal(patched.description, project.description);
    assert.equal((await json<Project>(await get(`/v2/projects/${project.id}`))).name, 'Renamed');

    assert.equal((await get('/v2/projects/prj_nothere')).status, 404);
    assert.equal((await get('/v2/projects/prj_0000000')).status, 404);
    assert.equal((await send('PATCH', '/v2/projects/prj_nothere', { name: 'x' })).status, 404);
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(201) }, { name: 42 }, { name: 'ok', extra: 1 }, [], 'not json', '"a string"']) {
      const response = await send('POST', '/v2/projects', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((await json<{ error: { code: string } }>(response)).error.code, 'invalid_request');
    }
    assert.equal((await send('POST', '/v2/projects', { name: 'x'.repeat(200) })).status, 201);
    assert.equal((await send('PATCH', `/v2/projects/${project.id}`, {})).status, 400);
    assert.equal((await api(server, '/v2/projects', server.apiTokens.all, { method: 'POST' })).status, 400);
  });

  /** The cursor of offset 200: where the last page of 250 (+ created) starts. */
  function lastPageCursor(): string {
    return Buffer.from('o:200').toString('base64url');
  }

  test('dashboards: list, get, create; 404s', async () => {
    const project = await firstProject();
    const page = await json<Page<Dashboard>>(await get(`/v2/projects/${project.id}/dashboards`));
    assert.equal(page.data.length, 2);
    assert.equal(page.next_cursor, null);
    const dashboard = page.data[0]!;
    assert.equal(dashboard.project_id, project.id);
    assert.deepEqual(Object.keys(dashboard).sort(), ['description', 'id', 'name', 'project_id', 'updated_at', 'web_url', 'widgets']);
    assert.ok(dashboard.widgets.length > 0);
    for (const widget of dashboard.widgets) {
      assert.ok(['line', 'bar', 'stat'].includes(widget.kind));
      assert.deepEqual(Object.keys(widget).sort(), ['id', 'kind', 'metric', 'title']);
    }
    assert.deepEqual(await json<Dashboard>(await get(`/v2/dashboards/${dashboard.id}`)), dashboard);

    const created = await send('POST', `/v2/projects/${project.id}/dashboards`, { name: 'Mine' });
    assert.equal(created.status, 201);
    const mine = await json<Dashboard>(created);
    assert.deepEqual(mine.widgets, []);
    assert.equal(mine.project_id, project.id);
    assert.deepEqual(await json<Dashboard>(await get(`/v2/dashboards/${mine.id}`)), mine);
    assert.equal((await json<Page<Dashboard>>(await get(`/v2/projects/${project.id}/dashboards`))).data.length, 3);

    assert.equal((await get('/v2/dashboards/dsh_nothere')).status, 404);
    assert.equal((await get('/v2/projects/prj_nothere/dashboards')).status, 404);
    assert.equal((await send('POST', `/v2/projects/${project.id}/dashboards`, { description: 'no name' })).status, 400);
  });

  test('metrics: list, create, query with deterministic points', async () => {
    const project = await firstProject();
    const metrics = await json<Page<Metric>>(await get(`/v2/projects/${project.id}/metrics`));
    assert.equal(metrics.data.length, 3);
    const metric = metrics.data[0]!;
    assert.deepEqual(Object.keys(metric).sort(), ['description', 'name', 'unit']);

    const created = await send('POST', `/v2/projects/${project.id}/metrics`, { name: 'orders', unit: 'count' });
    assert.equal(created.status, 201);
    assert.deepEqual(await created.json(), { name: 'orders', unit: 'count', description: '' });
    assert.equal((await send('POST', `/v2/projects/${project.id}/metrics`, { name: 'orders' })).status, 400);

    const query = { project_id: project.id, metric: metric.name, from: '2024-05-01T00:00:30Z', to: '2024-05-01T01:00:00Z', step_seconds: 300 };
    const response = await send('POST', '/v2/metrics/query', query);
    assert.equal(response.status, 200);
    const series = await json<Series>(response);
    assert.equal(series.metric, metric.name);
    assert.equal(series.unit, metric.unit);
    assert.equal(series.points.length, 12);
    assert.equal(series.points[0]![0], Date.parse('2024-05-01T00:05:00Z') / 1000);
    for (const [t, value] of series.points) {
      assert.equal(t % 300, 0);
      assert.equal(typeof value, 'number');
    }
    assert.deepEqual(await json<Series>(await send('POST', '/v2/metrics/query', query)), series);

    const ordersSeries = await json<Series>(await send('POST', '/v2/metrics/query', { ...query, metric: 'orders' }));
    assert.equal(ordersSeries.points.length, 12);

    assert.equal((await send('POST', '/v2/metrics/query', { ...query, metric: 'nope' })).status, 404);
    assert.equal((await send('POST', '/v2/metrics/query', { ...query, project_id: 'prj_nothere' })).status, 404);
    for (const bad of [
      { ...query, from: 'yesterday' },
      { ...query, from: 1714521600 },
      { ...query, to: '2024-04-01T00:00:00Z' },
      { ...query, step_seconds: 0 },
      { ...query, step_seconds: 1, to: '2024-06-01T00:00:00Z' },
      { project_id: project.id },
    ]) {
      assert.equal((await send('POST', '/v2/metrics/query', bad)).status, 400, JSON.stringify(bad));
    }
    assert.equal((await send('POST', '/v2/metrics/query', query, server.apiTokens.readProjects)).status, 403);
  });

  test('unknown paths are 404 and wrong methods 405, both with the error body', async () => {
    const missing = await get('/v2/nothing');
    assert.equal(missing.status, 404);
    assert.equal((await json<{ error: { code: string } }>(missing)).error.code, 'not_found');
    const wrong = await api(server, '/v2/me', server.apiTokens.all, { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET');
  });
});

describe('seeded data', () => {
  test('is deterministic per seed and differs across seeds', async () => {
    const servers = await Promise.all([startLucaroServer(), startLucaroServer(), startLucaroServer({ seed: 2 })]);
    try {
      const [a, b, c] = await Promise.all(
        servers.map(async (server) => json<Page<Project>>(await api(server, '/v2/projects', server.apiTokens.all))),
      );
      assert.equal(a!.data.length, 3);
      assert.deepEqual(a, b);
      assert.notDeepEqual(
        a!.data.map((p) => p.id),
        c!.data.map((p) => p.id),
      );
      assert.equal(new Set(a!.data.map((p) => p.name)).size, 3);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  // How fast is for `npm run bench` to say, not a unit test under a loaded CI machine.
  test('20,000 projects page to the end, each once, and resolve by id', async () => {
    const server = await startLucaroServer({ projects: 20_000 });
    try {
      const last = await api(server, `/v2/projects?limit=100&cursor=${Buffer.from('o:19950').toString('base64url')}`, server.apiTokens.all);
      const page = await json<Page<Project>>(last);
      assert.equal(page.data.length, 50);
      assert.equal(page.next_cursor, null);
      const project = page.data.at(-1)!;
      assert.deepEqual(await json<Project>(await api(server, `/v2/projects/${project.id}`, server.apiTokens.all)), project);

      const ids = new Set<string>();
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const response = await api(server, `/v2/projects?limit=100${query}`, server.apiTokens.all);
        const body = await json<Page<Project>>(response);
        for (const item of body.data) ids.add(item.id);
        cursor = body.next_cursor;
      } while (cursor);
      assert.equal(ids.size, 20_000);
    } finally {
      await server.close();
    }
  });
});
