import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MalformedResponseError } from '../../../src/core/http/errors';
import { MAX_PAGES_PER_WALK, paginate, type Page } from '../../../src/core/api/paging';
import { fixedTokens, makeClient } from './fixture';
import { useLocalLucaro } from '../../support/local-lucaro';
import { describeEachDispatcher } from '../http/dispatchers';
import { startLocalServer } from '../http/local-server';

describeEachDispatcher('paging', (kind) => {
  const lucaro = useLocalLucaro({ projects: 250 }, kind.create);

  test('projects() walks 250 projects in ceil(250/100) requests', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    lucaro.server.resetCounters();

    const ids: string[] = [];
    for await (const project of client.projects()) ids.push(project.id);

    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    assert.equal(lucaro.server.counters.requestsByPath['GET /v2/projects'], 3);
  });

  test('projectPages() fetches one page per next(), for "Load more"', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    lucaro.server.resetCounters();

    const pages = client.projectPages({ limit: 40 });
    const first = await pages.next();
    assert.equal(lucaro.server.counters.apiRequests, 1);
    assert.equal(first.done, false);
    assert.equal(first.value?.items.length, 40);

    let sizes = [40];
    for await (const page of pages) sizes = [...sizes, page.items.length];
    assert.deepEqual(sizes, [40, 40, 40, 40, 40, 40, 10]);
  });

  test('listProjects() hands back the cursor to continue from', async () => {
    const client = makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.apiTokens.all));
    const first = await client.listProjects({ limit: 100 });
    const second = await client.listProjects({ limit: 100, cursor: first.nextCursor });
    const third = await client.listProjects({ limit: 500, cursor: second.nextCursor });

    assert.equal(first.items.length, 100);
    assert.notEqual(first.items[0]?.id, second.items[0]?.id);
    assert.equal(third.items.length, 50);
    assert.equal(third.nextCursor, undefined);
  });

  test('a lucaro.server that repeats a cursor ends the walk with an error instead of looping', async () => {
    const looping = (): Promise<Page<number>> => Promise.resolve({ items: [1], nextCursor: 'same' });
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const item of paginate(looping)) seen.push(item);
    }, MalformedResponseError);
    assert.deepEqual(seen, [1, 1]);
  });

  test('a server that names a new cursor on every page, items and all, is stopped after MAX_PAGES_PER_WALK pages', async (t) => {
    let served = 0;
    const endless = await startLocalServer((_req, res) => {
      served += 1;
      const project = { id: `prj_${served}`, name: 'p', description: '', created_at: '', updated_at: '', web_url: '' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [project], next_cursor: `c${served}` }));
    });
    t.after(() => endless.close());
    const dispatcher = kind.create();
    t.after(() => dispatcher.close());
    const client = makeClient(endless.url, dispatcher, fixedTokens('t'));

    let items = 0;
    const error = await (async () => {
      for await (const project of client.projects()) if (project) items += 1;
    })().catch((e: unknown) => e);

    assert.ok(error instanceof MalformedResponseError, String(error));
    assert.match(error.message, new RegExp(`past ${MAX_PAGES_PER_WALK} pages`));
    assert.equal(served, MAX_PAGES_PER_WALK);
    assert.equal(items, MAX_PAGES_PER_WALK);
  });
});
