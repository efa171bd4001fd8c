import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * code-server lets every extension use every proposed API: its build's `isProposedApiEnabled`
 * is `function X(i,t){return!0}`. Stock VS Code (desktop, vscode.dev, Codespaces) enables a
 * proposal only for an extension that declares it in `enabledApiProposals`, which a published
 * extension cannot, and throws "CANNOT use API proposal" otherwise. The tests run a copy of the
 * install with the stock body back, in both extension hosts (testing-in-the-editor.md).
 */
export const proposedApiHostFiles = [
  'lib/vscode/out/vs/workbench/api/node/extensionHostProcess.js',
  'lib/vscode/out/vs/workbench/api/worker/extensionHostWorkerMain.js',
] as const;

/** The check as code-server ships it, then its caller (which says the error): found by that pair, not by minified names. */
const patchedCheck = /function ([\w$]+)\(([\w$]+),([\w$]+)\)\{return!0\}(function [\w$]+\(\2,\3\)\{if\(!\1\(\2,\3\)\)throw new Error\(`Extension '\$\{\2\.identifier\.value\}' CANNOT use API proposal)/g;

/** The host script with upstream's check; throws unless code-server's patched check is there exactly once. */
export function restoreStockProposedApiCheck(script: string, file: string): string {
  const found = [...script.matchAll(patchedCheck)];
  if (found.length !== 1) {
    throw new Error(`${file}: expected code-server's always-true proposed-API check once, found it ${found.length} times (a new code-server build?)`);
  }
  return script.replace(patchedCheck, (_whole, name: string, extension: string, proposal: string, caller: string) =>
    `function ${name}(${extension},${proposal}){return!!(${extension}.enabledApiProposals&&${extension}.enabledApiProposals.includes(${proposal}))}${caller}`,
  );
}

/**
 * `<target>`: a hard-linked copy of the code-server package at `source` (seconds, no extra
 * disk) whose two extension host scripts are new files with the stock check; the originals,
 * which share the other files' inodes, stay as they were.
 */
export function writeStockCopy(source: string, target: string): void {
  const staging = `${target}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(target, { recursive: true, force: true });
  const copied = spawnSync('cp', ['-al', source, staging], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`cp -al ${source} ${staging} failed: ${copied.stderr}`);
  for (const relative of proposedApiHostFiles) {
    const file = path.join(staging, relative);
    const stock = restoreStockProposedApiCheck(fs.readFileSync(file, 'utf8'), relative);
    fs.rmSync(file); // unlink first: writing through the hard link would change the original too
    fs.writeFileSync(file, stock);
  }
  fs.renameSync(staging, target);
}
