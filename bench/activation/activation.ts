import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { editorContext, launchChromium } from '../../test/harness/browser';
import { startCodeServer } from '../../test/harness/code-server';
import type { Row } from '../report';
import type { DriverReport } from './driver-extension';

const lucaroId = 'lucaro.lucaro';
const githubId = 'vscode.github-authentication';
/** Display names as the Running Extensions editor shows them. */
const rowNames: Record<string, string> = { [lucaroId]: 'Lucaro', [githubId]: 'GitHub Authentication' };

const quietWorkbench = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const runTimeoutMs = 90_000;

export interface ActivationSample {
  run: number;
  /** What the Running Extensions editor shows: the editor's codeLoadingTime + activateCallTime. */
  editorMs: Record<string, number>;
  /** require() of the main file alone, from the extension host's own performance marks. */
  requireMs: Record<string, number | undefined>;
  /** From willActivate to didActivate (activate() called and its promise settled), same marks. */
  activateMs: Record<string, number | undefined>;
  /** Whether the extension was already active before the driver's getSession (the workbench asks GitHub at startup). */
  activeBefore: Record<string, boolean>;
  getSessionMs: Record<string, number>;
}

/**
 * Benchmark 2. Per run: a fresh code-server (fresh user-data-dir and extensions dir) with the
 * packaged VSIX installed and a tiny driver extension that, once startup has finished, asks
 * both providers for a session silently and opens the Running Extensions editor; the times
 * are read from that editor (the editor's own record), the split from the host's marks.
 */
export async function activationBenchmark(vsixPath: string, runs: number, log: (line: string) => void): Promise<{ rows: Row[]; samples: ActivationSample[] }> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-bench-activation-'));
  try {
    const driverTemplate = path.join(tempDir, 'driver');
    await buildDriver(driverTemplate);
    const samples: ActivationSample[] = [];
    for (let run = 1; run <= runs; run++) {
      const sample = await oneRun(run, vsixPath, driverTemplate, path.join(tempDir, `run-${run}`));
      log(`  activation run ${run}/${runs}: Lucaro ${sample.editorMs[lucaroId]} ms, GitHub ${sample.editorMs[githubId]} ms (editor's record)`);
      samples.push(sample);
    }
    return { rows: rowsFrom(samples), samples };
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

function rowsFrom(samples: ActivationSample[]): Row[] {
  const pick = (key: keyof Pick<ActivationSample, 'editorMs' | 'requireMs' | 'activateMs'>, id: string) =>
    samples.map((sample) => sample[key][id]).filter((value): value is number => value !== undefined);
  const githubEarly = samples.filter((sample) => sample.activeBefore[githubId]).length;
  return [
    {
      benchmark: '2 Activation',
      metric: 'editor record: load code + call activate',
      unit: 'ms',
      samples: pick('editorMs', lucaroId),
      baseline: { label: 'vscode.github-authentication', samples: pick('editorMs', githubId) },
      goal: { kind: 'ratio', max: 0.5 },
      note:
        `Running Extensions editor, fresh user-data-dir per run. GitHub Authentication was already active ` +
        `(the workbench's default-account service asks for a GitHub session at startup) in ${githubEarly} of ${samples.length} runs.`,
    },
    {
      benchmark: '2 Activation',
      metric: 'require() of main (host marks)',
      unit: 'ms',
      samples: pick('requireMs', lucaroId),
      baseline: { label: 'vscode.github-authentication', samples: pick('requireMs', githubId) },
      note: 'code/extHost/willLoadExtensionCode -> didLoadExtensionCode: synchronous, so not inflated by other extensions loading alongside',
    },
    {
      benchmark: '2 Activation',
      metric: 'activate() until settled (host marks)',
      unit: 'ms',
      samples: pick('activateMs', lucaroId),
      baseline: { label: 'vscode.github-authentication', samples: pick('activateMs', githubId) },
      note: 'code/extHost/willActivateExtension -> didActivateExtension; includes awaiting the returned promise',
    },
  ];
}

async function buildDriver(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'driver-extension.ts')],
    outfile: path.join(dir, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'activation-driver',
      displayName: 'Lucaro benchmark driver',
      publisher: 'lucaro-bench',
      version: '0.0.1',
      engines: { vscode: '^1.93.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
    }),
  );
}

async function oneRun(run: number, vsixPath: string, driverTemplate: string, runDir: string): Promise<ActivationSample> {
  const extensionsDir = path.join(runDir, 'extensions');
  const folder = path.join(runDir, 'workspace');
  const reportFile = path.join(runDir, 'driver-report.json');
  fs.mkdirSync(folder, { recursive: true });
  // A plain folder in the extensions dir is picked up next to what --install-extension records.
  fs.cpSync(driverTemplate, path.join(extensionsDir, 'lucaro-bench.activation-driver-0.0.1'), { recursive: true });
  const server = await startCodeServer({
    settings: quietWorkbench,
    env: { LUCARO_BENCH_ACTIVATION_OUT: reportFile, LUCARO_BENCH_ACTIVATION_ORDER: 'github,lucaro' },
    extensionsDir,
    installExtensions: [vsixPath],
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    // Tall, so every activated extension's row is rendered by the virtual list.
    const page = await (await editorContext(browser, server, { viewport: { width: 1280, height: 2400 } })).newPage();
    await page.goto(server.workbenchUrl({ folder }));
    const report = await waitForReport(reportFile, runTimeoutMs, server.logFile);
    const editorMs = await readRunningExtensions(page, [lucaroId, githubId]);
    const marks = markTimes(report);
    return {
      run,
      editorMs,
      requireMs: { [lucaroId]: marks.require(lucaroId), [githubId]: marks.require(githubId) },
      activateMs: { [lucaroId]: marks.activate(lucaroId), [githubId]: marks.activate(githubId) },
      activeBefore: { [lucaroId]: report.activeBefore.lucaro ?? false, [githubId]: report.activeBefore.github ?? false },
      getSessionMs: Object.fromEntries(report.getSession.map((entry) => [entry.provider, entry.ms])),
    };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

async function waitForReport(file: string, timeoutMs: number, logFile: string): Promise<DriverReport> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as DriverReport;
      } catch {
        // Half written; read again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the activation driver wrote no report within ${timeoutMs} ms; code-server log: ${logFile}`);
}

/** Reads "Activation: N ms" per extension from the Running Extensions editor the driver opened. */
async function readRunningExtensions(page: Page, ids: string[]): Promise<Record<string, number>> {
  const wanted = ids.map((id) => rowNames[id]!);
  const deadline = Date.now() + 30_000;
  let seen: Array<{ name: string; time: string }> = [];
  while (Date.now() < deadline) {
    seen = await page
      .locator('.runtime-extensions-editor .extension')
      .evaluateAll((elements) =>
        elements.map((element) => ({
          name: element.querySelector('.name')?.textContent ?? '',
          time: element.querySelector('.activation-time')?.textContent ?? '',
        })),
      );
    const times: Record<string, number> = {};
    for (const id of ids) {
      const row = seen.find((candidate) => candidate.name === rowNames[id]);
      const match = row && /(\d+)\s*ms/.exec(row.time);
      if (match) times[id] = Number(match[1]);
    }
    if (Object.keys(times).length === ids.length) return times;
    await page.waitForTimeout(250);
  }
  throw new Error(`Running Extensions did not show ${wanted.join(' and ')} with times; saw ${JSON.stringify(seen)}`);
}

function markTimes(report: DriverReport) {
  const at = (name: string) => report.marks.find((mark) => mark.name === name)?.startTime;
  const between = (start: string, end: string) => {
    const from = at(start);
    const to = at(end);
    return from === undefined || to === undefined ? undefined : to - from;
  };
  return {
    require: (id: string) => between(`code/extHost/willLoadExtensionCode/${id}`, `code/extHost/didLoadExtensionCode/${id}`),
    activate: (id: string) => between(`code/extHost/willActivateExtension/${id}`, `code/extHost/didActivateExtension/${id}`),
  };
}
