import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** What the runner reads back to tell "all passed" from "nothing ran". */
export interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
  total: number;
}

/** Entry point the extension host calls (`--extensionTestsPath`); rejects when a test failed. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);
  const results = await new Promise<SuiteResults>((resolve) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      const passes = stats?.passes ?? 0;
      const failures = stats?.failures ?? 0;
      const pending = stats?.pending ?? 0;
      resolve({ passes, failures, pending, total: passes + failures + pending });
    });
  });
  writeResults(results);
  if (results.failures > 0) throw new Error(`${results.failures} integration test(s) failed`);
}

function findTestFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(root, file));
}

function writeResults(results: SuiteResults): void {
  const file = process.env.LUCARO_TEST_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results));
}
