import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Row } from '../report';
import { timeRow, timeRuns } from '../support/time-runs';

/**
 * A control for benchmark 2: the editor activates GitHub Authentication during startup (busy)
 * and Lucaro after it (quiet), so their recorded times are not taken under equal load. Here
 * each main file is `require`d in a fresh process of the extension host's own Node, with a
 * stand-in `vscode` module, alternating the two, so only the code's own loading cost differs.
 */
const script = `
const Module = require('module');
const names = JSON.parse(process.env.VSCODE_API_NAMES || '[]');
const stub = () => new Proxy(function () {}, { get: (_t, key) => (key === 'then' ? undefined : stub()), apply: () => stub(), construct: () => stub() });
// Bundlers copy a CommonJS module's own keys (esbuild's __toESM), so the top level has real keys.
const vscode = {};
for (const name of names) vscode[name] = typeof name === 'string' && /^[A-Z]/.test(name) ? class { constructor() { return stub(); } } : stub();
const load = Module._load;
Module._load = function (request) { return request === 'vscode' ? vscode : load.apply(this, arguments); };
const started = process.hrtime.bigint();
require(process.argv[2]);
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`;

/** The top-level names of the vscode API (namespaces, classes, enums), from its typings. */
function vscodeApiNames(): string[] {
  const typings = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...typings.matchAll(/^\texport (?:class|enum|namespace|const|function|let) (\w+)/gm)].map((match) => match[1]!);
}

export async function requireTimeRows(nodeBinary: string, ours: string, github: string, runs: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-bench-require-'));
  const file = path.join(dir, 'require-time.cjs');
  fs.writeFileSync(file, script);
  const env = { ...process.env, VSCODE_API_NAMES: JSON.stringify(vscodeApiNames()) };
  const measure = (main: string) => {
    const result = spawnSync(nodeBinary, [file, main], { encoding: 'utf8', timeout: 30_000, env });
    const ms = Number(result.stdout);
    if (result.status !== 0 || !Number.isFinite(ms)) throw new Error(`require of ${main} failed: ${result.stderr.slice(-2000)}`);
    return ms;
  };
  const times = await timeRuns(runs, { ours: () => ({ ms: measure(ours) }), github: () => ({ ms: measure(github) }) }).finally(() =>
    fs.rmSync(dir, { recursive: true, force: true }),
  );
  const nodeVersion = spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return [
    timeRow('2 Activation', 'control: require() in a fresh Node, equal load', times.ours, { label: 'github-authentication dist/extension.js', times: times.github }, {
      note: `the extension host's Node ${nodeVersion}, vscode module stubbed, alternating; no editor, so no startup contention for either`,
    }),
  ];
}
