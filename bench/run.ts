import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../test/harness/paths';
import { startLucaroServer } from '../test/server/index';
import { activationBenchmark, type ActivationSample } from './activation/activation';
import { requireTimeRows } from './activation/require-time';
import { connectionsBenchmark, firstPaintBenchmark, pagingBenchmark, refreshBenchmark } from './api-benchmarks';
import { dashboardsBenchmark } from './dashboards';
import { floodedAnswerBenchmark } from './flooded-answer';
import { memoryBenchmark } from './memory';
import { benchProjects } from './memory-walk';
import { evaluate, markdownTable, textTable, type Row } from './report';
import { githubAuthenticationDir, shippedJs } from './shipped-js';
import { ensureEditorInstalled } from '../test/harness/install-editor';

/**
 * `npm run bench`: every benchmark of issue 5, each against a baseline measured in this run.
 * Environment: BENCH_RUNS (default 5), BENCH_EDITOR_RUNS (default 5, the code-server runs),
 * BENCH_ONLY (e.g. "1,3,5": only those benchmarks).
 */
const runs = positiveInt(process.env.BENCH_RUNS, 5);
const editorRuns = positiveInt(process.env.BENCH_EDITOR_RUNS, 5);
const only = new Set((process.env.BENCH_ONLY ?? '1,2,3,4,5,6,7,8,9').split(',').map((part) => part.trim()));
const outDir = path.join(repoRoot, 'bench-results');

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const rows: Row[] = [];
  const extra: { activation?: ActivationSample[]; shipped?: Record<string, number> } = {};
  fs.mkdirSync(outDir, { recursive: true });

  if (['3', '4', '5', '6', '7'].some((id) => only.has(id))) {
    const server = await startLucaroServer({
      projects: benchProjects,
      latencyMs: 0,
      rateLimit: { limit: 10_000_000, windowSeconds: 3600 },
    });
    try {
      const step = async (id: string, name: string, bench: () => Promise<Row[]>) => {
        if (!only.has(id)) return;
        const stepStarted = Date.now();
        log(`${id} ${name} (${runs} runs)`);
        rows.push(...(await bench()));
        log(`  done in ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
      };
      await step('3', 'paging', () => pagingBenchmark(server, runs));
      await step('4', 'first paint', () => firstPaintBenchmark(server, runs));
      await step('5', 'refresh under load', () => refreshBenchmark(server, runs));
      await step('6', 'connections', () => connectionsBenchmark(server, runs));
      await step('7', 'memory', () => memoryBenchmark(server, runs));
    } finally {
      await server.close();
    }
  }

  if (only.has('1') || only.has('2')) {
    log('1 shipped JS: vsce package (production build)');
    const shipped = shippedJs(outDir);
    extra.shipped = shipped.details;
    if (only.has('1')) rows.unshift(...shipped.rows);
    if (only.has('2')) {
      log(`2 activation (${editorRuns} code-server runs)`);
      const activation = await activationBenchmark(shipped.vsixPath, editorRuns, log);
      extra.activation = activation.samples;
      const control = await requireTimeRows(
        ensureEditorInstalled().nodeBinary,
        path.join(repoRoot, 'dist', 'extension.js'),
        path.join(githubAuthenticationDir(), 'dist', 'extension.js'),
        runs,
      );
      const firstApiRow = rows.findIndex((row) => !row.benchmark.startsWith('1 '));
      rows.splice(firstApiRow === -1 ? rows.length : firstApiRow, 0, ...activation.rows, ...control);
    }
  }

  if (only.has('8')) {
    log(`8 dashboards (${runs} runs)`);
    rows.push(...(await dashboardsBenchmark(runs)));
  }

  if (only.has('9')) {
    log(`9 flooded answer (${runs} runs)`);
    rows.push(...(await floodedAnswerBenchmark(runs)));
  }

  const results = rows.map(evaluate);
  const machine = machineDescription();
  const totalSeconds = (Date.now() - started) / 1000;
  console.log(textTable(results));
  console.log('');
  for (const result of results) if (result.note) console.log(`- ${result.benchmark} / ${result.metric}: ${result.note}`);
  console.log('');
  console.log(`${machine.summary}; ${runs} runs (${editorRuns} in the editor); took ${totalSeconds.toFixed(0)} s`);

  const missed = results.filter((result) => result.met === false);
  const document = {
    date: new Date().toISOString(),
    machine,
    runs,
    editorRuns,
    totalSeconds,
    results,
    missedGoals: missed.map((result) => `${result.benchmark} / ${result.metric}`),
    ...extra,
  };
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(document, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'latest.md'), `${markdownTable(results)}\n`);
  log(`wrote ${path.relative(repoRoot, path.join(outDir, 'latest.json'))} and latest.md`);
  if (missed.length > 0) log(`goals missed: ${document.missedGoals.join('; ')}`);
  // Figures are the product; a missed goal is reported, not an error.
  return 0;
}

function machineDescription() {
  const cpus = os.cpus();
  const machine = {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
  return { ...machine, summary: `${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}` };
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
