import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BadRequestError,
  InsufficientScopeError,
  MalformedResponseError,
  NotFoundError,
  UnauthorizedError,
} from '../../../src/core/http/errors';
import type { AccessTokenSource } from '../../../src/core/http/access-token-source';
import { fixedTokens, makeClient } from './fixture';
import { useLocalLucaro } from '../../support/local-lucaro';
import { describeEachDispatcher } from '../http/dispatchers';

describeEachDispatcher('API errors', (kind) => {
  const lucaro = useLocalLucaro({ projects: 3 }, kind.create);
  let projectId: string;

  before(async () => {
    const first = await makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all)).listProjects({ limit: 1 });
    projectId = first.items[0]?.id ?? assert.fail('the server has no project');
  });

  test('401 with a token that cannot be refreshed: UnauthorizedError after asking the source once', async () => {
    const tokens = fixedTokens('lct_not-a-real-token');
    lucaro.server.resetCounters();

    const error = await makeClient(lucaro.server.apiUrl, lucaro.dispatcher, tokens).listProjects().catch((e: unknown) => e);

    assert.ok(error instanceof UnauthorizedError);
    assert.equal(error.kind, 'unauthorized');
    assert.deepEqual(tokens.unauthorizedCalls, ['lct_not-a-real-token']);
    assert.equal(lucaro.server.counters.apiRequests, 1);
    assert.doesNotMatch(error.message, /lct_not-a-real-token/);
  });

  test('401 then a refreshed token: one retry with the new token succeeds', async () => {
    const calls = { get: 0, unauthorized: [] as string[] };
    const tokens: AccessTokenSource = {
      getAccessToken: () => {
        calls.get += 1;
        return Promise.resolve('stale-token');
      },
      handleUnauthorized: (rejected) => {
        calls.unauthorized.push(rejected);
        return Promise.resolve(lucaro.server.apiTokens.all);
      },
    };
    lucaro.server.resetCounters();

    const page = await makeClient(lucaro.server.apiUrl, lucaro.dispatcher, tokens).listProjects({ limit: 2 });

    assert.equal(page.items.length, 2);
    assert.deepEqual(calls, { get: 1, unauthorized: ['stale-token'] });
    assert.equal(lucaro.server.counters.unauthorizedRequests, 1);
    assert.equal(lucaro.server.counters.apiRequests, 2);
  });

  test('401 again after the refresh: UnauthorizedError, no loop', async () => {
    let refreshes = 0;
    const tokens: AccessTokenSource = {
      getAccessToken: () => Promise.resolve('stale-token'),
      handleUnauthorized: () => {
        refreshes += 1;
        return Promise.resolve('still-bad');
      },
    };
    lucaro.server.resetCounters();

    await assert.rejects(makeClient(lucaro.server.apiUrl, lucaro.dispatcher, tokens).createProject({ name: 'n' }), UnauthorizedError);
    assert.equal(refreshes, 1);
    assert.equal(lucaro.server.counters.apiRequests, 2);
  });

  test('403 carries the scopes the token lacks', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.noDashboards));

    const error = await client.listDashboards(projectId).catch((e: unknown) => e);

    assert.ok(error instanceof InsufficientScopeError);
    assert.equal(error.status, 403);
    assert.deepEqual(error.requiredScopes, ['read:dashboards']);
    assert.match(error.message, /read:dashboards/);
  });

  test('404 for an unknown id, with the id path-encoded', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    lucaro.server.resetCounters();

    const error = await client.getProject('no such/../project?x=1').catch((e: unknown) => e);

    assert.ok(error instanceof NotFoundError);
    assert.equal(error.request?.path, '/v2/projects/no%20such%2F..%2Fproject%3Fx%3D1');
    assert.equal(lucaro.server.counters.apiRequests, 1);
    await assert.rejects(client.getProject('..'), NotFoundError);
    assert.equal(lucaro.server.counters.apiRequests, 1);
  });

  test('400 keeps the server message for the user', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));

    const error = await client.createProject({ name: '' }).catch((e: unknown) => e);

    assert.ok(error instanceof BadRequestError);
    assert.equal(error.status, 400);
    assert.ok(error.serverMessage, 'the server explained what was wrong');
    assert.ok(error.message.includes(error.serverMessage));
  });

  test('a garbage body is a MalformedResponseError, not retried, body not echoed', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    lucaro.server.resetCounters();
    lucaro.server.malformNext(1);

    const error = await client.getProject(projectId).catch((e: unknown) => e);

    assert.ok(error instanceof MalformedResponseError);
    assert.equal(error.kind, 'malformed-response');
    assert.ok(error.message.length < 200);
    assert.equal(lucaro.server.counters.apiRequests, 1);
    assert.equal((await client.getProject(projectId)).id, projectId);
  });
});
