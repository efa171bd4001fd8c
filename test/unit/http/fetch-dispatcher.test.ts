import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createFetchDispatcher, FETCH_FAILED } from '../../../src/core/http/fetch-dispatcher';
import { HIDDEN_REDIRECT_STATUS, NetworkError, UnexpectedStatusError } from '../../../src/core/http/errors';
import { fixedTokens, makeClient } from '../api/fixture';

const apiUrl = 'https://api.lucaro.example';

/** What a browser's fetch does that Node's does not: the parts no local server can provoke. */
function browserFetch(answer: () => Promise<Response>): { fetch: typeof fetch; calls: { url: string; init: RequestInit | undefined }[] } {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  return {
    calls,
    fetch: (input, init) => {
      calls.push({ url: String(input), init });
      return answer();
    },
  };
}

describe('the fetch dispatcher in a browser', () => {
  test('an opaque redirect becomes the UnexpectedStatusError a 3xx gives on undici, and is not followed', async () => {
    // Browsers answer redirect: 'manual' with a filtered response: status 0, no Location.
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null } as unknown as Response;
    const browser = browserFetch(() => Promise.resolve(opaque));
    const client = makeClient(apiUrl, createFetchDispatcher({ fetch: browser.fetch }), fixedTokens('secret-token-value'));

    const error = await client.getMe().catch((e: unknown) => e);

    assert.ok(error instanceof UnexpectedStatusError, String(error));
    assert.equal(error.status, HIDDEN_REDIRECT_STATUS);
    assert.match(error.message, /redirect not followed/);
    assert.doesNotMatch(error.message, /secret-token-value/);
    assert.equal(browser.calls.length, 1);
    assert.equal(browser.calls[0]?.init?.redirect, 'manual');
    assert.equal(browser.calls[0]?.init?.credentials, 'omit');
  });

  test('every request bypasses the browser HTTP cache (cache: no-store), whatever its method', async () => {
    const browser = browserFetch(() => Promise.resolve(new Response('{"id":"usr_1","name":"n","email":"e"}', { status: 200 })));
    const client = makeClient(apiUrl, createFetchDispatcher({ fetch: browser.fetch }), fixedTokens('t'));

    await client.getMe();
    await client.createProject({ name: 'p' }).catch(() => undefined);

    assert.ok(browser.calls.length >= 2);
    for (const call of browser.calls) assert.equal((call.init as { cache?: string } | undefined)?.cache, 'no-store', `${call.init?.method} ${call.url}`);
  });

  test('a failure the browser does not explain is a NetworkError, not a stray TypeError', async () => {
    const browser = browserFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const client = makeClient(apiUrl, createFetchDispatcher({ fetch: browser.fetch }), fixedTokens('t'), { retry: { maxRetries: 0 } });

    const error = await client.getMe().catch((e: unknown) => e);

    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.errorCode, FETCH_FAILED);
    assert.equal(error.timeout, false);
  });
});
