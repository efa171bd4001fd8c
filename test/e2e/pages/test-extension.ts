import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';

/** Packages the test-only extension in test/e2e/<folder> into a temporary folder (about 2 s); answers the VSIX. */
export function packageTestExtension(folder: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lucaro-${folder}-`));
  const vsix = path.join(dir, `${folder}.vsix`);
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--out', vsix], {
    cwd: path.join(repoRoot, 'test', 'e2e', folder),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`packaging test/e2e/${folder} failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}

/** Removes what `packageTestExtension` made. */
export function removePackagedTestExtension(vsix: string): void {
  fs.rmSync(path.dirname(vsix), { recursive: true, force: true });
}

/**
 * The test-only extension that uses a proposal it does not declare (test/e2e/proposal-probe):
 * its status bar entry says whether this editor refused it, as stock VS Code does.
 */
export const proposalProbe = {
  folder: 'proposal-probe',
  id: 'lucaro-tests.proposal-probe',
  statusPrefix: 'Proposal probe:',
} as const;
