import { request } from 'undici';
import { LucaroApiClient } from '../src/core/api/api-client';
import { metricQueryBody } from '../src/core/api/series';
import type { HostMessage, WidgetView } from '../src/core/dashboards/protocol';
import { pointsIn } from '../src/core/dashboards/time-range';
import { loadWidgets, widgetWindow } from '../src/core/dashboards/widget-loader';
import { silentLogger } from '../src/core/log/logger';
import { createHttpDispatcher } from '../src/core/node/undici-dispatcher';
import { startLucaroServer } from '../test/server/index';
import type { Row } from './report';
import { timeRow, timeRuns, type TimedRun } from './support/time-runs';

const floodPoints = 700_000;

interface LoadRun extends TimedRun {
  /** The whole load: the query sent until the widget's message is serialized. */
  readonly wallMs: number;
  readonly points: number;
  readonly bytes: number;
}

/**
 * Benchmark 9 (issue 19, item 7): one line widget asks an hour at one minute (61 points);
 * the local Lucaro answers with 700,000 points off the grid and junk (`floodedMetrics`).
 * Timed on the host from the parsed answer to the posted message serialized as JSON, what the
 * editor does to hand it to the page (the parse of the body itself is the same either way);
 * counted: the points and bytes that message carries. Baseline: the same question answered
 * on the grid, through the same code.
 */
export async function floodedAnswerBenchmark(runs: number): Promise<Row[]> {
  const server = await startLucaroServer({ projects: 1, floodPoints, rateLimit: { limit: 10_000_000, windowSeconds: 3600 } });
  const dispatcher = createHttpDispatcher({ env: {} });
  try {
    const token = server.apiTokens.all;
    const api = new LucaroApiClient({ baseUrl: server.apiUrl, dispatcher, tokens: { getAccessToken: () => Promise.resolve(token), handleUnauthorized: () => Promise.resolve(undefined) }, logger: silentLogger });
    const project = (await api.listProjects()).items[0]!;
    const [flooded, plain] = (await api.listMetrics(project.id)).items;
    if (!flooded || !plain) throw new Error('the bench project needs two metrics');
    server.configure({ floodedMetrics: [flooded.name] });
    const widget = (metric: string): WidgetView => ({ id: metric, title: metric, metric, kind: 'line' });

    const load = async (view: WidgetView): Promise<LoadRun> => {
      let answeredAt = 0;
      let run: LoadRun | undefined;
      const started = performance.now();
      await loadWidgets({
        projectId: project.id,
        widgets: [view],
        range: '1h',
        nowMs: Date.now(),
        query: async (query, signal) => {
          const series = await api.queryMetric(query, { signal });
          answeredAt = performance.now();
          return series;
        },
        post: (message: HostMessage) => {
          if (message.type !== 'data') return;
          const bytes = Buffer.byteLength(JSON.stringify(message));
          const now = performance.now();
          run = { ms: now - answeredAt, wallMs: now - started, points: message.times.length, bytes };
        },
        describeFailure: (_widget, error) => String(error),
        signal: new AbortController().signal,
      });
      if (!run) throw new Error(`the widget of ${view.metric} posted no data`);
      return run;
    };
    const { ours, onGrid } = await timeRuns(runs, { ours: () => load(widget(flooded.name)), onGrid: () => load(widget(plain.name)) });
    const window = widgetWindow(widget(flooded.name), '1h', Date.now());
    const answerBytes = await rawAnswerBytes(server.apiUrl, token, metricQueryBody({ projectId: project.id, metric: flooded.name, ...window }));
    const wall = (times: readonly LoadRun[]) => times.map((run) => run.wallMs);
    const label = `the same question answered on the grid (${pointsIn(window)} points)`;
    return [
      timeRow('9 Flooded answer', `host: parsed answer to posted message serialized (${floodPoints.toLocaleString('en')} points asked ${pointsIn(window)})`, ours, { label, times: onGrid }, {
        note: `answer body ${answerBytes.toLocaleString('en')} bytes`,
      }),
      { benchmark: '9 Flooded answer', metric: 'wall: query sent to posted message serialized (server in-process)', unit: 'ms', samples: wall(ours.runs), baseline: { label, samples: wall(onGrid.runs) } },
      { benchmark: '9 Flooded answer', metric: 'points posted', unit: 'points', samples: ours.runs.map((run) => run.points), baseline: { label, samples: onGrid.runs.map((run) => run.points) }, goal: { kind: 'atMost', max: pointsIn(window) } },
      { benchmark: '9 Flooded answer', metric: 'bytes posted (the message as JSON)', unit: 'bytes', samples: ours.runs.map((run) => run.bytes), baseline: { label, samples: onGrid.runs.map((run) => run.bytes) }, goal: { kind: 'ratio', max: 2 } },
    ];
  } finally {
    await dispatcher.close();
    await server.close();
  }
}

async function rawAnswerBytes(apiUrl: string, token: string, body: Record<string, unknown>): Promise<number> {
  const response = await request(new URL('/v2/metrics/query', apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.body.arrayBuffer()).byteLength;
}
