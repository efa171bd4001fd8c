import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { LucaroServer } from '../test/server/index';
import { benchProjects } from './memory-walk';
import type { Row } from './report';

interface ChildResult {
  model: { bytes: number; items: number; pages: number };
  raw: { bytes: number; items: number };
}

const childTimeoutMs = 120_000;

/**
 * Benchmark 7: heap growth of a CatalogModel after loading 20,000 projects, per project,
 * against the same projects kept as plain `JSON.parse` output. Each run is a fresh
 * `node --expose-gc` process; the server stays in this one.
 */
export async function memoryBenchmark(server: LucaroServer, runs: number): Promise<Row[]> {
  const results: ChildResult[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await runChild(server.apiUrl, server.apiTokens.all, run % 2 === 0 ? 'model-first' : 'raw-first');
    if (result.model.items !== benchProjects || result.raw.items !== benchProjects) {
      throw new Error(`memory run loaded ${result.model.items} / ${result.raw.items} projects, expected ${benchProjects}`);
    }
    results.push(result);
  }
  return [
    {
      benchmark: '7 Memory',
      metric: `CatalogModel heap growth per project (${benchProjects.toLocaleString('en-US')} loaded)`,
      unit: 'bytes',
      samples: results.map((r) => Math.round(r.model.bytes / r.model.items)),
      baseline: { label: 'same projects as plain JSON.parse objects', samples: results.map((r) => Math.round(r.raw.bytes / r.raw.items)) },
      note: `total model growth (MB): ${results.map((r) => (r.model.bytes / 1e6).toFixed(1)).join(', ')}; heapUsed after 6x gc(), child process per run`,
    },
  ];
}

function runChild(apiUrl: string, token: string, order: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'memory-child.ts'), apiUrl, token, order], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), childTimeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`memory child exited with ${code}: ${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
      } catch (error) {
        reject(new Error(`memory child printed no result: ${stdout}${stderr} (${String(error)})`));
      }
    });
  });
}
