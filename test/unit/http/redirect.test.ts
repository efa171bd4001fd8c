import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { UnexpectedStatusError } from '../../../src/core/http/errors';
import { fixedTokens, makeClient } from '../api/fixture';
import { startLocalServer, type LocalServer } from './local-server';
import { describeEachDispatcher } from './dispatchers';

describeEachDispatcher('redirects', (kind) => {
  const dispatcher = kind.create();
  let elsewhere: LocalServer;
  let api: LocalServer;

  before(async () => {
    elsewhere = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"usr_x","name":"X","email":"x@example.com"}');
    });
    api = await startLocalServer((req, res) => {
      const status = req.url?.startsWith('/v2/me') ? 302 : 307;
      res.writeHead(status, { location: `${elsewhere.url}${req.url ?? '/'}` }).end();
    });
  });

  after(async () => {
    await Promise.all([elsewhere.close(), api.close(), dispatcher.close()]);
  });

  test('a redirect to another origin is not followed and never carries Authorization there', async () => {
    const client = makeClient(api.url, dispatcher, fixedTokens('secret-token-value'));

    const meError = await client.getMe().catch((error: unknown) => error);
    const postError = await client.createProject({ name: 'x' }).catch((error: unknown) => error);

    assert.ok(meError instanceof UnexpectedStatusError);
    assert.equal(meError.status, 302);
    assert.ok(postError instanceof UnexpectedStatusError);
    assert.equal(postError.status, 307);
    assert.doesNotMatch(meError.message, /secret-token-value/);
    assert.equal(api.requests[0]?.headers.authorization, 'Bearer secret-token-value');
    assert.equal(api.requests.length, 2);
    assert.deepEqual(elsewhere.requests.filter((request) => request.headers.authorization !== undefined), []);
    assert.equal(elsewhere.requests.length, 0);
  });
});
