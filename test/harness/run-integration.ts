import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SuiteResults } from '../integration/index';
import { repoRoot, shimPath } from './paths';
import { summaryLine } from './suite-summary';

/**
 * `npm run test:integration`: builds the extension and the mocha suite, then runs the suite in
 * an extension host through runTests — in code-server via the shim, or in a downloaded desktop
 * VS Code with LUCARO_TEST_VSCODE=desktop. Fails when a test failed or none ran.
 */
const sourceDir = path.join(repoRoot, 'test', 'integration');
const outDir = path.join(repoRoot, 'out', 'test', 'integration');

async function main(): Promise<number> {
  buildExtension();
  await bundleSuite();

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-integration-'));
  const resultsFile = path.join(tempDir, 'results.json');
  const workspace = path.join(tempDir, 'workspace');
  fs.mkdirSync(workspace);
  const desktop = process.env.LUCARO_TEST_VSCODE === 'desktop';
  const started = Date.now();
  try {
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: shimPath }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(outDir, 'index.js'),
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(tempDir, 'user-data')}`,
        `--extensions-dir=${path.join(tempDir, 'extensions')}`,
        ...(desktop ? ['--disable-extensions'] : []),
      ],
      extensionTestsEnv: { LUCARO_TEST_RESULTS: resultsFile },
    });
  } catch (error) {
    console.error(`[harness] test run failed: ${(error as Error).message}`);
  }
  const results = readResults(resultsFile);
  fs.rmSync(tempDir, { recursive: true, force: true });

  console.log(`[harness] integration run took ${((Date.now() - started) / 1000).toFixed(1)} s in ${desktop ? 'desktop VS Code' : 'code-server'}`);
  if (!results) {
    console.log(summaryLine('integration', { passed: 0, failed: 0 }));
    console.error('[harness] the suite wrote no results: it did not run');
    return 1;
  }
  console.log(`${summaryLine('integration', { passed: results.passes, failed: results.failures })}, ${results.pending} pending`);
  if (results.passes === 0) console.error('[harness] no integration test passed');
  return results.failures === 0 && results.passes > 0 ? 0 : 1;
}

function buildExtension(): void {
  const result = spawnSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the extension failed');
}

async function bundleSuite(): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const entryPoints = fs
    .readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
    .map((file) => path.join(sourceDir, file));
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    outbase: sourceDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // mocha and friends resolve from node_modules at run time; vscode is the host's.
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

function readResults(file: string): SuiteResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
