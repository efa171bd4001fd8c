import * as path from 'node:path';
import { ensureEditorInstalled } from './install-editor';
import { repoRoot } from './paths';
import { runStreaming } from './run-command';
import { parseNodeTestCounts, parseSummaryLine, type SuiteCounts } from './suite-summary';

/**
 * `npm test`: lint, typecheck, unit, integration, e2e — all of them, even after a failure, then
 * per-step results and a last line `N passed, N failed`. A check without tests (lint, typecheck)
 * that fails, a suite that ran no tests and a suite that failed without reporting a failed test
 * each count as one failure, so that line never reads "0 failed" for a failing run.
 */
interface Step {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Absent for checks that report no tests. */
  counts?: (output: string) => SuiteCounts | undefined;
}

interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
  counts?: SuiteCounts;
}

const bin = (tool: string) => path.join(repoRoot, 'node_modules', '.bin', tool);

/** `LUCARO_SKIP_E2E=1 npm test` leaves out the browser tests (a quicker local check; CI never sets it). */
const skipE2e = process.env.LUCARO_SKIP_E2E === '1';

function steps(): Step[] {
  const all: Step[] = [
    { name: 'lint', command: bin('eslint'), args: ['.'] },
    { name: 'typecheck', command: bin('tsc'), args: ['--noEmit', '-p', '.'] },
    { name: 'unit', command: 'npm', args: ['run', 'test:unit'], counts: parseNodeTestCounts },
    { name: 'integration', command: 'npm', args: ['run', 'test:integration'], counts: (out) => parseSummaryLine('integration', out) },
    { name: 'e2e', command: 'npm', args: ['run', 'test:e2e'], counts: (out) => parseSummaryLine('e2e', out) },
  ];
  return skipE2e ? all.filter((step) => step.name !== 'e2e') : all;
}

async function runStep(step: Step): Promise<StepResult> {
  console.log(`\n=== ${step.name}: ${path.basename(step.command)} ${step.args.join(' ')}`);
  const started = Date.now();
  const { code, output } = await runStreaming(step.command, step.args, step.env ?? process.env);
  const seconds = (Date.now() - started) / 1000;
  if (!step.counts) return { name: step.name, ok: code === 0, seconds };
  const counts = step.counts(output) ?? { passed: 0, failed: 0 };
  const ranTests = counts.passed + counts.failed > 0;
  return { name: step.name, ok: code === 0 && counts.failed === 0 && ranTests, seconds, counts };
}

function formatResult(result: StepResult): string {
  const status = result.ok ? 'ok' : 'FAILED';
  const counts = result.counts ? `${result.counts.passed} passed, ${result.counts.failed} failed, ` : '';
  return `${result.name.padEnd(12)} ${status.padEnd(7)} ${counts}${result.seconds.toFixed(1)} s`;
}

async function main(): Promise<number> {
  console.log('=== editor: Node 24 and code-server into .vscode-test/ (skipped when up to date)');
  const installStarted = Date.now();
  ensureEditorInstalled();
  console.log(`=== editor ready after ${((Date.now() - installStarted) / 1000).toFixed(1)} s`);

  const results: StepResult[] = [];
  for (const step of steps()) results.push(await runStep(step));

  console.log('\n=== summary');
  for (const result of results) console.log(formatResult(result));
  if (skipE2e) console.log(`${'e2e'.padEnd(12)} SKIPPED (LUCARO_SKIP_E2E=1)`);
  const passed = results.reduce((sum, r) => sum + (r.counts?.passed ?? 0), 0);
  const failed = results.reduce((sum, r) => sum + Math.max(r.counts?.failed ?? 0, r.ok ? 0 : 1), 0);
  console.log(`${passed} passed, ${failed} failed`);
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
