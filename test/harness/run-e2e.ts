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
 * (each starts its own code-server, about 1.3 GB).
 */
const e2eDir = path.join(repoRoot, 'test', 'e2e');

async function main(): Promise<number> {
  ensureEditorInstalled();
  const packaged = spawnSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (packaged.status !== 0) throw new Error('npm run package failed');

  const files = fs.readdirSync(e2eDir).filter((file) => file.endsWith('.e2e.ts')).sort().map((file) => path.join(e2eDir, file));
  const started = Date.now();
  const result = await runStreaming(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
    { ...process.env, LUCARO_VSIX: vsixPath },
  );
  console.log(`[harness] e2e run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const counts = parseNodeTestCounts(result.output) ?? { passed: 0, failed: 0 };
  console.log(summaryLine('e2e', counts));
  if (counts.passed === 0) console.error('[harness] no e2e test passed');
  return result.code === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
