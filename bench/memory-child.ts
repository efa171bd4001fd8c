import { Agent } from 'undici';
import { LucaroApiClient } from '../src/core/api/api-client';
import { createHttpDispatcher } from '../src/core/node/undici-dispatcher';
import { silentLogger } from '../src/core/log/logger';
import { CatalogModel } from '../src/core/tree/catalog-model';
import { benchProjects, rawWalkRetaining } from './memory-walk';

/**
 * Benchmark 7, the measuring side: runs in its own process under `node --expose-gc` so the
 * heap holds nothing but what is measured (the server runs in the parent). Prints one JSON line.
 * argv: <apiUrl> <token> <order: model-first | raw-first>
 */
const gc = (globalThis as { gc?: () => void }).gc;

function settledHeap(): number {
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 6; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function modelGrowth(apiUrl: string, token: string): Promise<{ bytes: number; items: number; pages: number }> {
  const dispatcher = createHttpDispatcher({ env: {} });
  const api = new LucaroApiClient({
    baseUrl: apiUrl,
    dispatcher,
    tokens: { getAccessToken: () => Promise.resolve(token), handleUnauthorized: () => Promise.resolve(undefined) },
    logger: silentLogger,
  });
  try {
    // Warm-up: module state, JIT and the socket exist before the baseline is taken.
    const warm = new CatalogModel(api);
    await warm.projects.load();
    warm.dispose();
    const before = settledHeap();
    const model = new CatalogModel(api);
    await model.projects.load();
    let pages = 1;
    for (; pages < 2 * (benchProjects / 100); pages++) {
      const state = model.projects.state;
      if (state.status !== 'loaded') throw new Error(`the model is ${state.status}`);
      if (!state.hasMore) break;
      await model.projects.loadMore();
    }
    const after = settledHeap();
    const state = model.projects.state;
    const items = state.status === 'loaded' ? state.items.length : 0;
    model.dispose();
    return { bytes: after - before, items, pages };
  } finally {
    await dispatcher.close();
  }
}

async function rawGrowth(apiUrl: string, token: string): Promise<{ bytes: number; items: number }> {
  const agent = new Agent();
  try {
    await rawWalkRetaining(apiUrl, agent, token, 1);
    const before = settledHeap();
    const items = await rawWalkRetaining(apiUrl, agent, token);
    const after = settledHeap();
    return { bytes: after - before, items: items.length };
  } finally {
    await agent.close();
  }
}

async function main(): Promise<void> {
  const [apiUrl, token, order] = process.argv.slice(2);
  if (!apiUrl || !token) throw new Error('usage: memory-child <apiUrl> <token> [model-first|raw-first]');
  let model;
  let raw;
  if (order === 'raw-first') {
    raw = await rawGrowth(apiUrl, token);
    model = await modelGrowth(apiUrl, token);
  } else {
    model = await modelGrowth(apiUrl, token);
    raw = await rawGrowth(apiUrl, token);
  }
  process.stdout.write(`${JSON.stringify({ model, raw, node: process.version })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
