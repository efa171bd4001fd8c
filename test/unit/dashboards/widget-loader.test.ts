import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LucaroApiClient } from '../../../src/core/api/api-client';
import { InsufficientScopeError } from '../../../src/core/http/errors';
import type { HostMessage, WidgetView } from '../../../src/core/dashboards/protocol';
import { durationSeconds, pointsIn, queryWindow, timeRanges } from '../../../src/core/dashboards/time-range';
import { loadWidgets, widgetWindow } from '../../../src/core/dashboards/widget-loader';
import { buildSeries } from '../../server/series';
import type { Dashboard } from '../../server/index';
import { fixedTokens, makeClient } from '../api/fixture';
import { useLocalLucaro } from '../../support/local-lucaro';

const queryPath = 'POST /v2/metrics/query';

describe('widget loading against the local Lucaro', () => {
  const lucaro = useLocalLucaro({ projects: 2, hostileProject: true });

  async function hostileDashboard(client: LucaroApiClient): Promise<Dashboard> {
    const project = (await client.listProjects()).items.at(-1)!;
    return (await client.listDashboards(project.id)).items[0] as Dashboard;
  }

  async function load(client: LucaroApiClient, dashboard: Dashboard, range = '24h' as const, nowMs = Date.now()) {
    const messages: HostMessage[] = [];
    await loadWidgets({
      projectId: dashboard.project_id,
      widgets: dashboard.widgets,
      range,
      nowMs,
      query: (query, signal) => client.queryMetric(query, { signal }),
      post: (message) => messages.push(message),
      describeFailure: (_widget, error) => `failed: ${(error as Error).name}`,
      signal: new AbortController().signal,
    });
    return messages;
  }

  test('one query per widget; each widget gets the server\'s series for its window; a stat its last point against a period before', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    const dashboard = await hostileDashboard(client);
    assert.equal(dashboard.widgets.length, 6);
    const metrics = (await client.listMetrics(dashboard.project_id)).items;
    for (const range of timeRanges) {
      const now = Date.now();
      lucaro.server.resetCounters();
      const messages = await load(client, dashboard, range as '24h', now);
      assert.equal(lucaro.server.counters.requestsByPath[queryPath], dashboard.widgets.length, `${range}: one request per widget`);
      assert.equal(lucaro.server.counters.apiRequests, dashboard.widgets.length, 'and nothing else');
      for (const widget of dashboard.widgets) {
        const data = messages.find((m) => m.type === 'data' && m.widgetId === widget.id);
        assert.ok(data && data.type === 'data', `${widget.title} has data`);
        const window = widgetWindow(widget as WidgetView, range, now);
        assert.deepEqual(data.window, window);
        assert.ok(pointsIn(window) <= 300);
        const metric = metrics.find((m) => m.name === widget.metric)!;
        const expected = buildSeries(1, dashboard.project_id, { name: metric.name, unit: metric.unit ?? '', description: '' }, window.fromSeconds, window.toSeconds, window.stepSeconds);
        assert.deepEqual(data.times, expected.points.map(([t]) => t));
        assert.deepEqual(data.values, expected.points.map(([, value]) => value));
        assert.equal(data.unit, metric.unit);
        if (widget.kind === 'stat') {
          const last = expected.points.at(-1)!;
          assert.deepEqual(data.stat?.latest, { time: last[0], value: last[1] });
          const before = expected.points.filter(([t]) => t <= last[0] - durationSeconds(range)).at(-1)!;
          assert.deepEqual(data.stat?.previous, { time: before[0], value: before[1] });
          assert.equal(window.toSeconds - window.fromSeconds, 2 * durationSeconds(range));
        } else {
          assert.equal(data.stat, undefined);
          assert.deepEqual(window, queryWindow(range, now));
        }
      }
    }
  });

  test('a failing metric fails only its widgets; the others draw', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    const dashboard = await hostileDashboard(client);
    const failing = dashboard.widgets[0]!.metric;
    lucaro.server.configure({ failingMetrics: [failing] });
    try {
      const messages = await load(client, dashboard);
      for (const widget of dashboard.widgets) {
        const final = messages.filter((m) => m.type !== 'loading' && 'widgetId' in m && m.widgetId === widget.id);
        assert.equal(final.length, 1, 'one answer per widget');
        assert.equal(final[0]!.type, widget.metric === failing ? 'failed' : 'data', widget.title);
      }
    } finally {
      lucaro.server.configure({ failingMetrics: [] });
    }
  });

  test('without read:metrics every widget fails with the insufficient-scope error the step-up reads', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.addApiToken(['read:projects', 'read:dashboards'])));
    const dashboard = await hostileDashboard(client);
    const errors: unknown[] = [];
    await loadWidgets({
      projectId: dashboard.project_id,
      widgets: dashboard.widgets,
      range: '1h',
      nowMs: Date.now(),
      query: (query, signal) => client.queryMetric(query, { signal }),
      post: () => {},
      describeFailure: (_widget, error) => (errors.push(error), ''),
      signal: new AbortController().signal,
    });
    assert.equal(errors.length, 6);
    for (const error of errors) assert.ok(error instanceof InsufficientScopeError && error.requiredScopes.includes('read:metrics'));
  });
});
