import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLucaroServer, type LucaroServer } from '../../server/index';
import { createHttpDispatcher } from '../../../src/core/http/dispatcher';
import { MalformedResponseError } from '../../../src/core/http/errors';
import { paginate, type Page } from '../../../src/core/api/paging';
import { fixedTokens, makeClient } from './fixture';

describe('paging', () => {
  const dispatcher = createHttpDispatcher({ env: {} });
  let server: LucaroServer;

  before(async () => {
    server = await startLucaroServer({ projects: 250 });
  });

  after(async () => {
    await server.close();
    await dispatcher.close();
  });

  test('projects() walks 250 projects in ceil(250/100) requests', async () => {
    const client = makeClient(server.apiUrl, dispatcher, fixedTokens(server.apiTokens.all));
    server.resetCounters();

    const ids: string[] = [];
    for await (const project of client.projects()) ids.push(project.id);

    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    assert.equal(server.counters.requestsByPath['GET /v2/projects'], 3);
  });

  test('projectPages() fetches one page per next(), for "Load more"', async () => {
    const client = makeClient(server.apiUrl, dispatcher, fixedTokens(server.apiTokens.all));
    server.resetCounters();

    const pages = client.projectPages({ limit: 40 });
    const first = await pages.next();
    assert.equal(server.counters.apiRequests, 1);
    assert.equal(first.done, false);
    assert.equal(first.value?.items.length, 40);

    let sizes = [40];
    for await (const page of pages) sizes = [...sizes, page.items.length];
    assert.deepEqual(sizes, [40, 40, 40, 40, 40, 40, 10]);
  });

  test('listProjects() hands back the cursor to continue from', async () => {
    const client = makeClient(server.apiUrl, dispatcher, fixedTokens(server.apiTokens.all));
    const first = await client.listProjects({ limit: 100 });
    const second = await client.listProjects({ limit: 100, cursor: first.nextCursor });
    const third = await client.listProjects({ limit: 500, cursor: second.nextCursor });

    assert.equal(first.items.length, 100);
    assert.notEqual(first.items[0]?.id, second.items[0]?.id);
    assert.equal(third.items.length, 50);
    assert.equal(third.nextCursor, undefined);
  });

  test('a server that repeats a cursor ends the walk with an error instead of looping', async () => {
    const looping = (): Promise<Page<number>> => Promise.resolve({ items: [1], nextCursor: 'same' });
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const item of paginate(looping)) seen.push(item);
    }, MalformedResponseError);
    assert.deepEqual(seen, [1, 1]);
  });
});
