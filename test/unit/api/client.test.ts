import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLucaroServer } from '../../server/index';
import { CancelledError, NetworkError, RateLimitedError } from '../../../src/core/http/errors';
import type { RateLimitInfo } from '../../../src/core/http/rate-limit';
import type { Logger } from '../../../src/core/log/logger';
import { fixedTokens, makeClient } from './fixture';
import { useLocalLucaro } from '../../support/local-lucaro';
import { describeEachDispatcher } from '../http/dispatchers';

describeEachDispatcher('LucaroApiClient', (kind) => {
  const lucaro = useLocalLucaro({ projects: 3 }, kind.create);

  test('100 sequential calls share one keep-alive connection', async () => {
    const own = kind.create();
    try {
      const client = makeClient(lucaro.server.apiUrl, own, fixedTokens(lucaro.server.apiTokens.all));
      lucaro.server.resetCounters();
      for (let i = 0; i < 100; i++) await client.getMe();
      assert.equal(lucaro.server.counters.apiRequests, 100);
      assert.equal(lucaro.server.counters.apiConnections, 1);
    } finally {
      await own.close();
    }
  });

  test('getMe() returns the user and the token scopes from X-OAuth-Scopes', async () => {
    const token = lucaro.server.addApiToken(['read:projects', 'read:metrics']);
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(token));

    const { user, scopes } = await client.getMe();

    assert.match(user.id, /^usr_/);
    assert.equal(typeof user.name, 'string');
    assert.deepEqual(scopes, ['read:projects', 'read:metrics']);
  });

  test('rate-limit headers are reported on every response', async () => {
    const limited = await startLucaroServer({ projects: 1, rateLimit: { limit: 3, windowSeconds: 60 } });
    try {
      const seen: RateLimitInfo[] = [];
      const client = makeClient(limited.apiUrl, lucaro.dispatcher, fixedTokens(limited.apiTokens.all), {
        onRateLimit: (info) => seen.push(info),
      });

      await client.getMe();
      const first = seen[0] ?? assert.fail('no rate limit reported');
      assert.equal(first.limit, 3);
      assert.equal(first.remaining, 2);
      assert.ok(first.resetAt.getTime() > Date.now());

      await client.getMe();
      await client.getMe();
      // The fourth call is over the limit; waiting for the 60 s window exceeds the 30 s budget.
      const error = await client.getMe().catch((e: unknown) => e);
      assert.ok(error instanceof RateLimitedError);
      assert.deepEqual(seen.map((info) => info.remaining), [2, 1, 0, 0]);
    } finally {
      await limited.close();
    }
  });

  test('resources round-trip through the schemas', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));

    const created = await client.createProject({ name: 'Client test', description: 'made by a test' });
    assert.equal(created.name, 'Client test');
    const updated = await client.updateProject(created.id, { description: 'changed' });
    assert.equal(updated.description, 'changed');
    assert.equal((await client.getProject(created.id)).description, 'changed');

    const dashboard = await client.createDashboard(created.id, { name: 'Board' });
    assert.equal(dashboard.project_id, created.id);
    const boards = (await client.listDashboards(created.id)).items.map((board) => board.id);
    assert.ok(boards.includes(dashboard.id));
  });

  test('a seeded project lists dashboards with their widgets, and metrics', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    const project = (await client.listProjects({ limit: 1 })).items[0] ?? assert.fail('no project');
    const dashboards = (await client.listDashboards(project.id)).items;
    assert.ok(dashboards.length > 0);
    for (const dashboard of dashboards) assert.ok(Array.isArray(dashboard.widgets));
    const metrics = (await client.listMetrics(project.id)).items;
    assert.ok(metrics.length > 0);
    for (const metric of metrics) assert.equal(typeof metric.unit, 'string');
  });

  test('a slow lucaro.server trips the headers timeout: NetworkError with the timeout flag', async () => {
    const slow = await startLucaroServer({ projects: 1, latencyMs: 1500 });
    try {
      const client = makeClient(slow.apiUrl, lucaro.dispatcher, fixedTokens(slow.apiTokens.all), {
        headersTimeoutMs: 200,
        bodyTimeoutMs: 200,
        retry: { maxRetries: 0 },
      });
      const error = await client.getMe().catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError);
      assert.equal(error.timeout, true);
    } finally {
      await slow.close();
    }
  });

  test('a signal aborted during a backoff cancels the call', async () => {
    const controller = new AbortController();
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all), {
      retry: {
        sleep: () => {
          controller.abort();
          return Promise.reject(new Error('aborted'));
        },
      },
    });
    lucaro.server.failNext(1);
    await assert.rejects(client.listProjects({ signal: controller.signal }), CancelledError);
  });

  test('the Authorization header and the token never reach the log', async () => {
    const lines: string[] = [];
    const record = (message: unknown, ...args: unknown[]) => {
      lines.push([message, ...args].map((part) => (part instanceof Error ? `${part.message} ${String(part.cause)}` : String(part))).join(' '));
    };
    const logger: Logger = { trace: record, debug: record, info: record, warn: record, error: record };
    const token = lucaro.server.apiTokens.all;
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(token), { logger });
    lucaro.server.failNext(1);

    await client.listProjects();
    await client.getProject('missing').catch(() => undefined);

    assert.ok(lines.some((line) => line.includes('GET /v2/projects')));
    assert.ok(lines.every((line) => !line.includes(token) && !/authorization|bearer/i.test(line)), lines.join('\n'));
  });
});
