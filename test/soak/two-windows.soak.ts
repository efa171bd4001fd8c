/**
 * The two-window soak: two SessionManagers over one fault-free but slow secret store
 * (0-50 ms a call), access tokens of 1-2 s at the local Lucaro server, rotation on, several
 * seeds, thousands of operations. Asserts 0 lost sessions, 0 refresh-token reuse at the
 * server and 0 API requests with an expired token. `npm run soak [-- --seeds 1,2,3,4 --ops 45]` (ops per worker).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createHttpDispatcher } from '../../src/core/node/undici-dispatcher';
import { LucaroApiClient } from '../../src/core/api/api-client';
import { silentLogger } from '../../src/core/log/logger';
import { SessionManager } from '../../src/core/session/session-manager';
import type { SessionRecord } from '../../src/core/session/session-record';
import { SessionStore, sessionsSecretKey } from '../../src/core/session/session-store';
import { sessionTokenSource } from '../../src/core/session/session-token-source';
import { confirmTokenWithIdentity } from '../../src/core/session/token-confirmation';
import { startLucaroServer, type LucaroServer } from '../server/index';
import { mulberry32 } from '../server/prng';
import { FaultySecretStore } from '../support/faulty-secret-store';
import { signInThroughConsent, tokenClientFor } from '../support/oauth-session';

const windowCount = 2;
const workersPerWindow = 8;

interface SeedResult {
  seed: number;
  tokenLifetimeSeconds: number;
  operations: number;
  failedOperations: Record<string, number>;
  refreshes: number;
  refreshTokenReuse: number;
  expiredTokenRequests: number;
  unauthorizedRequests: number;
  apiRequests: number;
  lostSessions: number;
  endedEvents: number;
  storeCalls: number;
  durationMs: number;
  /** How late timers ran in this process (the machine may be busy): p99 and max, ms. */
  eventLoopDelayMs: { p99: number; max: number };
}

interface SoakWindow {
  readonly manager: SessionManager;
  readonly apis: Map<string, LucaroApiClient>;
}

async function soakSeed(seed: number, operationsPerWorker: number): Promise<SeedResult> {
  const started = performance.now();
  const tokenLifetimeSeconds = seed % 2 === 1 ? 1 : 2;
  const server = await startLucaroServer({ seed, accessTokenLifetimeSeconds: tokenLifetimeSeconds });
  const dispatcher = createHttpDispatcher({ env: {} });
  const secrets = new FaultySecretStore({ seed, latencyMs: [0, 50] });
  const subscriptions: Array<{ dispose(): void }> = [];
  let endedEvents = 0;
  const openWindow = (index: number): SoakWindow => {
    const manager = new SessionManager({
      store: new SessionStore(secrets),
      tokenClient: (urls) => tokenClientFor(urls.authUrl, dispatcher),
      confirmToken: confirmTokenWithIdentity(dispatcher, silentLogger),
      logger: silentLogger,
      server: () => ({ apiUrl: server.apiUrl, authUrl: server.authUrl }),
      windowId: `window-${index}`,
    });
    // As extension.ts wires it: every landed write reaches every window.
    subscriptions.push(secrets.onDidChange((key) => key === sessionsSecretKey && void manager.reloadFromStore()));
    subscriptions.push(manager.onDidEndSession(() => endedEvents++));
    return { manager, apis: new Map() };
  };
  const windows = Array.from({ length: windowCount }, (_, index) => openWindow(index));
  try {
    const signedIn: SessionRecord[] = [];
    for (const username of ['demo', 'grace']) {
      const record = await signInThroughConsent(server, dispatcher, { scopes: ['read:projects'], username });
      signedIn.push(await windows[0]!.manager.add(record));
    }
    for (const window of windows) {
      await window.manager.list();
      for (const record of signedIn) {
        window.apis.set(
          record.id,
          new LucaroApiClient({ baseUrl: server.apiUrl, dispatcher, tokens: sessionTokenSource(window.manager, record.id), logger: silentLogger }),
        );
      }
    }
    server.resetCounters();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const failedOperations: Record<string, number> = {};
    let operations = 0;
    const workers = windows.flatMap((window, windowIndex) =>
      Array.from({ length: workersPerWindow }, async (_, worker) => {
        const random = mulberry32(seed * 1000 + windowIndex * 10 + worker);
        for (let i = 0; i < operationsPerWorker; i++) {
          const record = signedIn[Math.floor(random() * signedIn.length)]!;
          try {
            await operation(window, record.id, random());
          } catch (error) {
            const name = error instanceof Error ? error.name : 'unknown';
            failedOperations[name] = (failedOperations[name] ?? 0) + 1;
          }
          operations++;
          await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 10)));
        }
      }),
    );
    await Promise.all(workers);
    lag.disable();
    const lostSessions = await countLost(windows, signedIn, secrets, server);
    return {
      seed,
      tokenLifetimeSeconds,
      operations,
      failedOperations,
      refreshes: server.counters.tokenRequests.refresh_token,
      refreshTokenReuse: server.counters.refreshTokenReuse,
      expiredTokenRequests: server.counters.expiredTokenRequests,
      unauthorizedRequests: server.counters.unauthorizedRequests,
      apiRequests: server.counters.apiRequests,
      lostSessions,
      endedEvents,
      storeCalls: secrets.counts.reads + secrets.counts.writes,
      durationMs: Math.round(performance.now() - started),
      eventLoopDelayMs: { p99: Math.round(lag.percentile(99) / 1e6), max: Math.round(lag.max / 1e6) },
    };
  } finally {
    for (const subscription of subscriptions) subscription.dispose();
    for (const window of windows) window.manager.dispose();
    await dispatcher.close();
    await server.close();
  }
}

/** One thing a window does: an API call (which refreshes and handles 401s), a token, a simulated 401, a reload. */
async function operation(window: SoakWindow, sessionId: string, dice: number): Promise<void> {
  if (dice < 0.7) {
    await window.apis.get(sessionId)!.getMe();
  } else if (dice < 0.85) {
    await window.manager.getAccessToken(sessionId);
  } else if (dice < 0.9) {
    const token = await window.manager.getAccessToken(sessionId);
    await window.manager.handleUnauthorized(sessionId, token);
  } else {
    await window.manager.reloadFromStore();
  }
}

/** Sessions missing from a window or the store, or whose stored refresh token the server no longer honours. */
async function countLost(windows: SoakWindow[], signedIn: SessionRecord[], secrets: FaultySecretStore, server: LucaroServer): Promise<number> {
  // Let the last writes land and reach every window.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const window of windows) await window.manager.reloadFromStore();
  const stored = (await new SessionStore(secrets).read()).records;
  let lost = 0;
  for (const record of signedIn) {
    const inStore = stored.find((candidate) => candidate.id === record.id);
    const inWindows = await Promise.all(windows.map(async (window) => (await window.manager.list()).find((candidate) => candidate.id === record.id)));
    const alive = inStore?.refreshToken !== undefined && server.isTokenActive(inStore.refreshToken);
    if (!inStore || !alive || inWindows.some((held) => held?.refreshToken !== inStore.refreshToken)) lost++;
  }
  return lost;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4' }, ops: { type: 'string', default: '45' } } });
  const seeds = values.seeds.split(',').map(Number);
  const operationsPerWorker = Number(values.ops);
  const results: SeedResult[] = [];
  const started = performance.now();
  for (const seed of seeds) {
    const result = await soakSeed(seed, operationsPerWorker);
    results.push(result);
    console.log(
      `seed ${seed}: ${result.operations} ops, tokens ${result.tokenLifetimeSeconds} s, ${result.refreshes} refreshes, ` +
        `${result.apiRequests} API requests, reuse ${result.refreshTokenReuse}, expired-token requests ${result.expiredTokenRequests}, ` +
        `401s ${result.unauthorizedRequests}, lost ${result.lostSessions}, ended ${result.endedEvents}, ` +
        `failed ops ${JSON.stringify(result.failedOperations)}, store calls ${result.storeCalls}, ` +
        `event-loop delay p99 ${result.eventLoopDelayMs.p99} ms max ${result.eventLoopDelayMs.max} ms, ${(result.durationMs / 1000).toFixed(1)} s`,
    );
  }
  const sum = (pick: (result: SeedResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const failed = sum((result) => Object.values(result.failedOperations).reduce((a, b) => a + b, 0));
  console.log(
    `\n${windowCount} windows x ${workersPerWindow} workers x ${operationsPerWorker} ops x ${seeds.length} seeds = ${sum((r) => r.operations)} operations, ` +
      `${sum((r) => r.refreshes)} refreshes, ${sum((r) => r.apiRequests)} API requests in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `lost sessions ${sum((r) => r.lostSessions)}, refresh-token reuse ${sum((r) => r.refreshTokenReuse)}, ` +
      `expired-token requests ${sum((r) => r.expiredTokenRequests)}, sessions ended ${sum((r) => r.endedEvents)}, failed operations ${failed}`,
  );
  const broken = sum((r) => r.lostSessions + r.refreshTokenReuse + r.expiredTokenRequests + r.endedEvents) + failed;
  if (broken > 0) {
    console.error('SOAK FAILED');
    process.exitCode = 1;
  } else {
    console.log('SOAK PASSED');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
