import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { LucaroApiClient } from '../src/core/api/api-client';
import { metricQueryBody } from '../src/core/api/series';
import type { HostMessage } from '../src/core/dashboards/protocol';
import { loadWidgets, widgetWindow } from '../src/core/dashboards/widget-loader';
import { createHttpDispatcher } from '../src/core/node/undici-dispatcher';
import { silentLogger } from '../src/core/log/logger';
import { repoRoot } from '../test/harness/paths';
import { startLucaroServer, type Dashboard, type LucaroServer } from '../test/server/index';
import type { Row } from './report';
import { timed, timeRow, timeRuns } from './support/time-runs';

/** The main commit before the dashboard tabs: what `dist/extension.js` is weighed against. */
const baseCommit = process.env.BENCH_DASHBOARDS_BASE ?? '42fcb76';
const queryPath = 'POST /v2/metrics/query';

/**
 * Benchmark 8 (issue 10). Sizes: the webview script (raw, gzip) and `dist/extension.js`
 * against the same build of `baseCommit`. Time: a six-widget dashboard loaded the way a tab
 * loads it (the client, the runner, chart data and messages) against a plain undici loop
 * making the same six queries. Requests: per open and per auto-refresh tick.
 */
export async function dashboardsBenchmark(runs: number): Promise<Row[]> {
  const sizes = bundleSizes();
  const server = await startLucaroServer({ projects: 1, dashboardsPerProject: 1, hostileProject: true, rateLimit: { limit: 10_000_000, windowSeconds: 3600 } });
  try {
    return [...sizes, ...(await loadRows(server, runs))];
  } finally {
    await server.close();
  }
}

function bundleSizes(): Row[] {
  const build = (cwd: string) => {
    const result = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build in ${cwd} failed:\n${result.stdout}${result.stderr}`);
  };
  build(repoRoot);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-bench-base-'));
  try {
    const archive = spawnSync('git', ['archive', baseCommit], { cwd: repoRoot, maxBuffer: 256 * 2 ** 20 });
    if (archive.status !== 0) throw new Error(`git archive ${baseCommit} failed: ${archive.stderr.toString()}`);
    spawnSync('tar', ['-x', '-C', base], { input: archive.stdout });
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(base, 'node_modules'));
    build(base);
    const before = fs.statSync(path.join(base, 'dist', 'extension.js')).size;
    const after = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size;
    const script = fs.readFileSync(path.join(repoRoot, 'dist', 'webview', 'dashboard.js'));
    const styles = ['uPlot.min.css', 'dashboard.css'].map((name) => fs.statSync(path.join(repoRoot, 'dist', 'webview', name)).size);
    const tabs = fs.statSync(path.join(repoRoot, 'dist', 'dashboards.js')).size;
    return [
      { benchmark: '8 Dashboards', metric: 'webview script dist/webview/dashboard.js (raw)', unit: 'bytes', samples: [script.length], note: `style sheets ${styles.join(' + ')} bytes` },
      { benchmark: '8 Dashboards', metric: 'webview script, gzip', unit: 'bytes', samples: [gzipSync(script, { level: 9 }).length] },
      {
        benchmark: '8 Dashboards',
        metric: 'dist/extension.js growth (after - before)',
        unit: 'bytes',
        samples: [after - before],
        goal: { kind: 'atMost', max: 10 * 1024 },
        note: `before (${baseCommit}) ${before} bytes, after ${after} bytes; the tabs' host code, dist/dashboards.js (${tabs} bytes), loads with the first tab`,
      },
    ];
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

async function loadRows(server: LucaroServer, runs: number): Promise<Row[]> {
  const token = server.apiTokens.all;
  const dispatcher = createHttpDispatcher({ env: {} });
  const agent = new Agent();
  try {
    const api = new LucaroApiClient({ baseUrl: server.apiUrl, dispatcher, tokens: { getAccessToken: () => Promise.resolve(token), handleUnauthorized: () => Promise.resolve(undefined) }, logger: silentLogger });
    const project = (await api.listProjects()).items.at(-1)!;
    const dashboard = (await api.listDashboards(project.id)).items[0] as Dashboard;
    if (dashboard.widgets.length !== 6) throw new Error(`the bench dashboard has ${dashboard.widgets.length} widgets`);

    const openTab = async () => {
      const messages: HostMessage[] = [];
      await loadWidgets({
        projectId: project.id,
        widgets: dashboard.widgets,
        range: '24h',
        nowMs: Date.now(),
        query: (query, signal) => api.queryMetric(query, { signal }),
        post: (message) => messages.push(message),
        describeFailure: () => 'failed',
        signal: new AbortController().signal,
      });
      if (messages.filter((message) => message.type === 'data').length !== 6) throw new Error('a widget did not load');
    };
    const rawQuery = async (widget: Dashboard['widgets'][number], now: number) => {
      const response = await request(new URL('/v2/metrics/query', server.apiUrl), {
        dispatcher: agent,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(metricQueryBody({ projectId: project.id, metric: widget.metric, ...widgetWindow(widget, '24h', now) })),
      });
      return response.body.json();
    };
    const rawSequential = async () => {
      const now = Date.now();
      for (const widget of dashboard.widgets) await rawQuery(widget, now);
    };
    const rawParallel = async () => {
      const now = Date.now();
      await Promise.all(dashboard.widgets.map((widget) => rawQuery(widget, now)));
    };
    // One candidate after the other, each warming its own connections first.
    const { ours } = await timeRuns(runs, { ours: () => timed(openTab) });
    const { sequential } = await timeRuns(runs, { sequential: () => timed(rawSequential) });
    const { parallel } = await timeRuns(runs, { parallel: () => timed(rawParallel) });
    const requestsPer = async (work: () => Promise<void>) => {
      server.resetCounters();
      await work();
      return server.counters.requestsByPath[queryPath] ?? 0;
    };
    // A tick of auto-refresh runs the same load as an open (the widgets are known by then).
    const perOpen = await requestsPer(openTab);
    const perTick = await requestsPer(openTab);
    return [
      timeRow(
        '8 Dashboards',
        'open a 6-widget dashboard to every widget\'s data posted (host side, 3 at a time)',
        ours,
        { label: 'plain undici, 6 queries one after another', times: sequential },
        { note: `plain undici, all 6 at once: median ${parallel.median.toFixed(2)} ms, p95 ${parallel.p95.toFixed(2)} ms` },
      ),
      { benchmark: '8 Dashboards', metric: 'POST /v2/metrics/query per open', unit: 'requests', samples: [perOpen], goal: { kind: 'exact', value: 6 } },
      { benchmark: '8 Dashboards', metric: 'POST /v2/metrics/query per auto-refresh tick', unit: 'requests', samples: [perTick], goal: { kind: 'exact', value: 6 } },
    ];
  } finally {
    await agent.close();
    await dispatcher.close();
  }
}
