import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostMessage, WidgetView } from '../../../src/core/dashboards/protocol';
import { pointsIn } from '../../../src/core/dashboards/time-range';
import { maxWidgetsPerTab } from '../../../src/core/dashboards/widget-cap';
import { loadWidgets, widgetWindow } from '../../../src/core/dashboards/widget-loader';
import type { Dashboard } from '../../server/index';
import { fixedTokens, makeClient } from '../api/fixture';
import { useLocalLucaro } from '../../support/local-lucaro';

const queryPath = 'POST /v2/metrics/query';
const crowdedWidgets = 30;

describe('answers held to their question, against the local Lucaro', () => {
  const lucaro = useLocalLucaro({ projects: 1, crowdedDashboardWidgets: crowdedWidgets });
  const client = () => makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));

  async function load(projectId: string, widgets: readonly WidgetView[], nowMs = Date.now()): Promise<HostMessage[]> {
    const api = client();
    const messages: HostMessage[] = [];
    await loadWidgets({
      projectId,
      widgets,
      range: '1h',
      nowMs,
      query: (query, signal) => api.queryMetric(query, { signal }),
      post: (message) => messages.push(message),
      describeFailure: (_widget, error) => `failed: ${String(error)}`,
      signal: new AbortController().signal,
    });
    return messages;
  }

  test('a flooded answer (700,000 off-grid points, junk, for a 61-point question) posts at most 61 points, on the grid, in the window', async () => {
    const project = (await client().listProjects()).items[0]!;
    const metric = (await client().listMetrics(project.id)).items[0]!;
    const widget: WidgetView = { id: 'w1', title: 'Flooded', metric: metric.name, kind: 'line' };
    const now = Date.now();
    const window = widgetWindow(widget, '1h', now);
    assert.equal(pointsIn(window), 61, 'the question: an hour at one minute');
    lucaro.server.configure({ floodedMetrics: [metric.name], floodPoints: 700_000 });
    try {
      const messages = await load(project.id, [widget], now);
      const data = messages.find((message) => message.type === 'data');
      assert.ok(data?.type === 'data', `the widget drew: ${JSON.stringify(messages.filter((m) => m.type === 'failed'))}`);
      const bytes = Buffer.byteLength(JSON.stringify(data));
      assert.ok(data.times.length <= 61, `posted ${data.times.length} points`);
      // Every step of the hour but the first holds samples (the first stands for the minute before `from`).
      assert.ok(data.times.length >= 60, `posted ${data.times.length} points`);
      assert.ok(bytes <= 4096, `posted ${bytes} bytes`);
      data.times.forEach((time, i) => {
        assert.ok(time >= window.fromSeconds && time <= window.toSeconds, `${time} in the window`);
        assert.equal(time % window.stepSeconds, 0, `${time} on the grid`);
        if (i > 0) assert.ok(data.times[i - 1]! < time, 'ascending');
        assert.ok(Number.isFinite(data.values[i]), `value ${data.values[i]} finite`);
      });
    } finally {
      lucaro.server.configure({ floodedMetrics: [] });
    }
  });

  test(`a dashboard of ${crowdedWidgets} widgets loads the first ${maxWidgetsPerTab}: one query and one answer each, none for the rest`, async () => {
    const project = (await client().listProjects()).items[0]!;
    const dashboard = (await client().listDashboards(project.id)).items.find((item) => item.name === 'Crowded board') as Dashboard;
    assert.equal(dashboard.widgets.length, crowdedWidgets);
    lucaro.server.resetCounters();
    const messages = await load(project.id, dashboard.widgets);
    assert.equal(lucaro.server.counters.requestsByPath[queryPath], maxWidgetsPerTab);
    const answered = new Set(messages.map((message) => ('widgetId' in message ? message.widgetId : '')));
    assert.deepEqual([...answered].sort(), dashboard.widgets.slice(0, maxWidgetsPerTab).map((widget) => widget.id).sort());
    assert.equal(messages.filter((message) => message.type === 'data').length, maxWidgetsPerTab);
  });
});
