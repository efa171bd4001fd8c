import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureEditorInstalled } from './install-editor';
import { repoRoot, vsixPath } from './paths';
import { runStreaming } from './run-command';
import { parseNodeTestCounts, summaryLine } from './suite-summary';

/**
 * `npm run test:e2e`: packages the extension as users get it (lucaro.vsix), then runs the
 * browser UI tests in test/e2e/*.e2e.ts with node's test runner, one file at a time
 * (each starts its own code-server, about 1.3 GB); then the web worker pass.
 */
const e2eDir = path.join(repoRoot, 'test', 'e2e');

/**
 * The web worker pass: these files once more with Lucaro forced into the browser's web worker
 * extension host (its `browser` entry), running only the tests whose names end with the
 * fixture's `alsoInWebWorker` marker (sign-in, trees, a dashboard tab, the leak guard): one
 * editor start per file, a few tests.
 */
const webWorkerPass = { files: ['sign-in-browser.e2e.ts', 'leak-guard.e2e.ts'], namePattern: '\\[also in the web worker\\]$' };

function runFiles(files: readonly string[], extraArgs: readonly string[], env: NodeJS.ProcessEnv) {
  return runStreaming(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...extraArgs, ...files], {
    ...process.env,
    LUCARO_VSIX: vsixPath,
    ...env,
  });
}

async function main(): Promise<number> {
  ensureEditorInstalled();
  const packaged = spawnSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (packaged.status !== 0) throw new Error('npm run package failed');

  const files = fs.readdirSync(e2eDir).filter((file) => file.endsWith('.e2e.ts')).sort().map((file) => path.join(e2eDir, file));
  const started = Date.now();
  const result = await runFiles(files, [], {});
  console.log(`[harness] e2e run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const nodeCounts = parseNodeTestCounts(result.output) ?? { passed: 0, failed: 0 };

  const webStarted = Date.now();
  const web = await runFiles(
    webWorkerPass.files.map((file) => path.join(e2eDir, file)),
    [`--test-name-pattern=${webWorkerPass.namePattern}`],
    { LUCARO_E2E_EXTENSION_HOST: 'webWorker' },
  );
  console.log(`[harness] e2e web worker pass took ${((Date.now() - webStarted) / 1000).toFixed(1)} s`);
  const webCounts = parseNodeTestCounts(web.output) ?? { passed: 0, failed: 0 };
  if (webCounts.passed === 0) console.error('[harness] no e2e test passed in the web worker pass');

  const counts = { passed: nodeCounts.passed + webCounts.passed, failed: nodeCounts.failed + webCounts.failed };
  console.log(summaryLine('e2e', counts));
  if (nodeCounts.passed === 0) console.error('[harness] no e2e test passed');
  const passed = (run: { code: number }, part: { passed: number; failed: number }) => run.code === 0 && part.failed === 0 && part.passed > 0;
  return passed(result, nodeCounts) && passed(web, webCounts) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
