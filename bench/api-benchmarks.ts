import { Agent, request } from 'undici';
import { LucaroApiClient } from '../src/core/api/api-client';
import type { AccessTokenSource } from '../src/core/http/access-token-source';
import type { HttpDispatcher } from '../src/core/http/dispatcher';
import { createFetchDispatcher } from '../src/core/http/fetch-dispatcher';
import { createHttpDispatcher } from '../src/core/node/undici-dispatcher';
import { silentLogger } from '../src/core/log/logger';
import { SessionManager } from '../src/core/session/session-manager';
import type { SessionRecord } from '../src/core/session/session-record';
import { SessionStore } from '../src/core/session/session-store';
import { sessionTokenSource } from '../src/core/session/session-token-source';
import { confirmTokenWithIdentity } from '../src/core/session/token-confirmation';
import { CatalogModel } from '../src/core/tree/catalog-model';
import type { LucaroServer } from '../test/server/index';
import { MemorySecretStore } from '../test/support/memory-secret-store';
import { signInThroughConsent, tokenClientFor } from '../test/support/oauth-session';
import { benchProjects } from './memory-walk';
import type { Row } from './report';
import { timed, timeRow, timeRuns, type RunTimes } from './support/time-runs';

export const pageSize = 100;
/** Every loop is bounded: twice the pages 20,000 projects need. */
const maxPages = (2 * benchProjects) / pageSize;
const scopes = ['read:projects', 'read:dashboards'];
const fetchStandIn = "the web worker's dispatcher, Node's global fetch standing in for the browser's";

/**
 * A dispatcher as the extension builds it, with no proxy from this machine's environment:
 * undici as on Node, or fetch as in the web worker (Node's global fetch standing in).
 */
function extensionDispatcher(kind: 'undici' | 'fetch' = 'undici'): HttpDispatcher {
  return kind === 'fetch' ? createFetchDispatcher() : createHttpDispatcher({ env: {} });
}

function staticTokens(token: string): AccessTokenSource {
  return { getAccessToken: () => Promise.resolve(token), handleUnauthorized: () => Promise.resolve(undefined) };
}

function client(server: LucaroServer, dispatcher: HttpDispatcher, tokens: AccessTokenSource): LucaroApiClient {
  return new LucaroApiClient({ baseUrl: server.apiUrl, dispatcher, tokens, logger: silentLogger });
}

/** The plain-undici reference: one GET, body parsed, nothing validated. */
async function rawGet(server: LucaroServer, dispatcher: Agent, token: string, query: Record<string, string>): Promise<{ data: unknown[]; next_cursor: string | null }> {
  const url = new URL('/v2/projects', server.apiUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await request(url, { dispatcher, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (response.statusCode !== 200) {
    await response.body.text();
    throw new Error(`GET ${url.pathname} -> ${response.statusCode}`);
  }
  return (await response.body.json()) as { data: unknown[]; next_cursor: string | null };
}

export async function rawWalk(server: LucaroServer, dispatcher: Agent, token: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const body = await rawGet(server, dispatcher, token, { limit: String(pageSize), ...(cursor ? { cursor } : {}) });
    count += body.data.length;
    cursor = body.next_cursor ?? undefined;
    if (!cursor) return count;
  }
  throw new Error(`the raw walk did not end within ${maxPages} pages`);
}

/** Page by page, as a "Load more" tree pulls: no per-item async iteration. */
async function clientPageWalk(api: LucaroApiClient): Promise<number> {
  let count = 0;
  let pages = 0;
  for await (const page of api.projectPages({ limit: pageSize })) {
    count += page.items.length;
    if (++pages > maxPages) throw new Error('the client page walk did not end');
  }
  return count;
}

async function clientWalk(api: LucaroApiClient): Promise<number> {
  let count = 0;
  for await (const project of api.projects({ limit: pageSize })) {
    if (project.id) count++;
    if (count > benchProjects * 2) throw new Error('the client walk did not end');
  }
  return count;
}

interface Measured {
  ms: number;
  requests: number;
  connections: number;
}

async function measure(server: LucaroServer, work: () => Promise<unknown>): Promise<Measured> {
  server.resetCounters();
  const { ms } = await timed(work);
  return { ms, requests: server.counters.apiRequests, connections: server.counters.apiConnections };
}

/** A row of what the server counted in our runs against the baseline's runs. */
function countRow(
  benchmark: string,
  metric: string,
  counted: 'requests' | 'sockets',
  ours: RunTimes<Measured>,
  baseline: { readonly label: string; readonly times: RunTimes<Measured> },
  extra: Pick<Row, 'goal' | 'note'> = {},
): Row {
  const count = (m: Measured) => (counted === 'requests' ? m.requests : m.connections);
  return { benchmark, metric, unit: counted, samples: ours.runs.map(count), baseline: { label: baseline.label, samples: baseline.times.runs.map(count) }, ...extra };
}

/** Benchmark 3: 20,000 projects through `projects()` against a plain undici loop, alternating which goes first. */
export async function pagingBenchmark(server: LucaroServer, runs: number): Promise<Row[]> {
  const token = server.apiTokens.all;
  const walkOnce = async (walk: (api: LucaroApiClient) => Promise<number>, kind: 'undici' | 'fetch' = 'undici') => {
    const dispatcher = extensionDispatcher(kind);
    try {
      return await measure(server, async () => expectCount(await walk(client(server, dispatcher, staticTokens(token)))));
    } finally {
      await dispatcher.close();
    }
  };
  const oursOnce = () => walkOnce(clientWalk);
  const pagesOnce = () => walkOnce(clientPageWalk);
  const fetchOnce = () => walkOnce(clientWalk, 'fetch');
  const rawOnce = async () => {
    const dispatcher = new Agent();
    try {
      return await measure(server, async () => expectCount(await rawWalk(server, dispatcher, token)));
    } finally {
      await dispatcher.close();
    }
  };
  // One untimed walk each warms the JIT, the server's page generation and the sockets' code paths.
  const times = await timeRuns(runs, { ours: oursOnce, pages: pagesOnce, fetch: fetchOnce, raw: rawOnce });
  const baseline = { label: 'plain undici request loop', times: times.raw };
  return [
    timeRow('3 Paging 20k', 'wall time, projects({limit:100})', times.ours, baseline, {
      goal: { kind: 'ratio', max: 1.2 },
      note: 'server in the same process, latency 0; fresh dispatcher per walk; one warm-up walk each; order alternates',
    }),
    timeRow('3 Paging 20k', 'wall time, projectPages({limit:100})', times.pages, baseline, {
      note: 'the same walk page by page (what a "Load more" tree does): isolates the per-item async-generator cost of projects()',
    }),
    timeRow('3 Paging 20k', 'wall time, projects({limit:100}), fetch dispatcher', times.fetch, baseline, { note: fetchStandIn }),
    countRow('3 Paging 20k', 'API requests', 'requests', times.ours, baseline, { goal: { kind: 'ratio', max: 1.1 } }),
    countRow('3 Paging 20k', 'sockets opened', 'sockets', times.ours, baseline),
  ];
}

function expectCount(count: number): void {
  if (count !== benchProjects) throw new Error(`walked ${count} projects, expected ${benchProjects}`);
}

/** One real sign-in (authorization code + PKCE through the consent page), as the extension stores it. */
async function signIn(server: LucaroServer, secrets: MemorySecretStore, authDispatcher: HttpDispatcher): Promise<{ record: SessionRecord; manager: () => SessionManager }> {
  const manager = () =>
    new SessionManager({
      store: new SessionStore(secrets),
      tokenClient: () => tokenClientFor(server.authUrl, authDispatcher),
      confirmToken: confirmTokenWithIdentity(authDispatcher, silentLogger),
      logger: silentLogger,
      server: () => ({ apiUrl: server.apiUrl, authUrl: server.authUrl }),
    });
  const record = await manager().add(await signInThroughConsent(server, authDispatcher, { scopes }));
  return { record, manager };
}

/**
 * Benchmark 4: from "signed in" (a window's SessionManager over stored secrets holding a
 * session) to the first page of projects in the CatalogModel: construction included.
 */
export async function firstPaintBenchmark(server: LucaroServer, runs: number): Promise<Row[]> {
  server.configure({ accessTokenLifetimeSeconds: 3600 });
  const authDispatcher = extensionDispatcher();
  const token = server.apiTokens.all;
  try {
    const secrets = new MemorySecretStore();
    const { record, manager } = await signIn(server, secrets, authDispatcher);
    const oursOnce = async () => {
      const dispatcher = extensionDispatcher();
      let model: CatalogModel | undefined;
      let sessions: SessionManager | undefined;
      try {
        const measured = await measure(server, async () => {
          sessions = manager();
          model = new CatalogModel(client(server, dispatcher, sessionTokenSource(sessions, record.id)));
          await model.projects.load();
          const state = model.projects.state;
          if (state.status !== 'loaded' || state.items.length !== pageSize) throw new Error(`first page not loaded: ${state.status}`);
        });
        return { ...measured, tokenRequests: server.counters.tokenRequests.refresh_token + server.counters.tokenRequests.authorization_code };
      } finally {
        model?.dispose();
        sessions?.dispose();
        await dispatcher.close();
      }
    };
    const rawOnce = async () => {
      const dispatcher = new Agent();
      try {
        return await measure(server, () => rawGet(server, dispatcher, token, { limit: String(pageSize) }));
      } finally {
        await dispatcher.close();
      }
    };
    const times = await timeRuns(runs, { ours: oursOnce, raw: rawOnce }, { order: 'fixed' });
    const baseline = { label: 'one plain undici GET (new socket)', times: times.raw };
    return [
      countRow('4 First paint', 'API requests to first page in the model', 'requests', times.ours, baseline, {
        goal: { kind: 'exact', value: 1 },
        note: `token endpoint calls during first paint: ${times.ours.runs.map((m) => m.tokenRequests).join(', ')}`,
      }),
      timeRow('4 First paint', 'time to first page in the model', times.ours, baseline, {
        note: 'new SessionManager over stored secrets + new dispatcher + CatalogModel, then projects.load(); latency 0',
      }),
    ];
  } finally {
    await authDispatcher.close();
  }
}

/**
 * Benchmark 5: 200 concurrent listProjects({limit:1}) through one client whose tokens come
 * from a SessionManager, fired once the 2-second access token has expired.
 */
export async function refreshBenchmark(server: LucaroServer, runs: number, concurrency = 200): Promise<Row[]> {
  const authDispatcher = extensionDispatcher();
  const burst = (api: LucaroApiClient) => measure(server, () => Promise.all(Array.from({ length: concurrency }, () => api.listProjects({ limit: 1 }))));
  const oursOnce = async () => {
    server.configure({ accessTokenLifetimeSeconds: 2 });
    const secrets = new MemorySecretStore();
    const { record, manager } = await signIn(server, secrets, authDispatcher);
    const sessions = manager();
    const waitMs = Math.max(0, record.expiresAt! - Date.now()) + 50;
    if (waitMs > 10_000) throw new Error(`the access token lives ${waitMs} ms, expected about 2 s`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    if (server.isTokenActive(record.accessToken)) throw new Error('the access token has not expired at the server yet');
    const dispatcher = extensionDispatcher();
    try {
      const measured = await burst(client(server, dispatcher, sessionTokenSource(sessions, record.id)));
      const { counters } = server;
      return { ...measured, refreshes: counters.tokenRequests.refresh_token, expired: counters.expiredTokenRequests, unauthorized: counters.unauthorizedRequests };
    } finally {
      sessions.dispose();
      await dispatcher.close();
    }
  };
  // Baseline: the same burst with a token that needs no refresh (a static API token).
  const rawOnce = async () => {
    const dispatcher = extensionDispatcher();
    try {
      return await burst(client(server, dispatcher, staticTokens(server.apiTokens.all)));
    } finally {
      await dispatcher.close();
    }
  };
  const times = await timeRuns(runs, { ours: oursOnce, raw: rawOnce }, { warmUps: 0, order: 'fixed' }).finally(async () => {
    server.configure({ accessTokenLifetimeSeconds: 3600 });
    await authDispatcher.close();
  });
  const ours = times.ours.runs;
  const baseline = { label: `same ${concurrency} calls, token needing no refresh`, times: times.raw };
  return [
    {
      benchmark: '5 Refresh under load',
      metric: 'refresh_token requests',
      unit: 'requests',
      samples: ours.map((m) => m.refreshes),
      goal: { kind: 'exact', value: 1 },
      note: `${concurrency} concurrent listProjects({limit:1}) fired 50 ms after the 2 s token expired at the server`,
    },
    {
      benchmark: '5 Refresh under load',
      metric: 'API requests sent with an expired token',
      unit: 'requests',
      samples: ours.map((m) => m.expired),
      goal: { kind: 'exact', value: 0 },
      note: `401s answered: ${ours.map((m) => m.unauthorized).join(', ')}`,
    },
    countRow('5 Refresh under load', 'API requests', 'requests', times.ours, baseline),
    timeRow('5 Refresh under load', `time for ${concurrency} calls incl. refresh`, times.ours, baseline),
    countRow('5 Refresh under load', `sockets opened for ${concurrency} concurrent calls`, 'sockets', times.ours, baseline),
  ];
}

/** Benchmark 6: sockets opened for 100 sequential calls through one client and dispatcher. */
export async function connectionsBenchmark(server: LucaroServer, runs: number, calls = 100): Promise<Row[]> {
  const token = server.apiTokens.all;
  const sequentialCalls = async (kind: 'undici' | 'fetch') => {
    const dispatcher = extensionDispatcher(kind);
    try {
      const api = client(server, dispatcher, staticTokens(token));
      return await measure(server, async () => {
        for (let call = 0; call < calls; call++) await api.listProjects({ limit: 1 });
      });
    } finally {
      await dispatcher.close();
    }
  };
  const rawOnce = async () => {
    const agent = new Agent();
    try {
      return await measure(server, async () => {
        for (let call = 0; call < calls; call++) await rawGet(server, agent, token, { limit: '1' });
      });
    } finally {
      await agent.close();
    }
  };
  const times = await timeRuns(runs, { ours: () => sequentialCalls('undici'), fetch: () => sequentialCalls('fetch'), raw: rawOnce }, { warmUps: 0, order: 'fixed' });
  const baseline = { label: 'plain undici loop, one Agent', times: times.raw };
  return [
    countRow('6 Connections', `sockets for ${calls} sequential calls`, 'sockets', times.ours, baseline, { goal: { kind: 'exact', value: 1 } }),
    timeRow('6 Connections', `time for ${calls} sequential calls`, times.ours, baseline),
    countRow('6 Connections', `sockets for ${calls} sequential calls, fetch dispatcher`, 'sockets', times.fetch, baseline, {
      note: "fetch's pool is the platform's and outlives the dispatcher: 0 when an earlier run's socket is still alive",
    }),
    timeRow('6 Connections', `time for ${calls} sequential calls, fetch dispatcher`, times.fetch, baseline, { note: fetchStandIn }),
  ];
}
