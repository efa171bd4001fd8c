import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MalformedResponseError, UnauthorizedError } from '../../../src/core/http/errors';
import { accountLabel, identityFetcher } from '../../../src/core/api/identity';
import { startLocalServer, type LocalServer } from '../http/local-server';
import { useLocalLucaro } from '../../support/local-lucaro';
import { describeEachDispatcher } from '../http/dispatchers';

describeEachDispatcher('identityFetcher against the local Lucaro server', (kind) => {
  const lucaro = useLocalLucaro({ projects: 1 }, kind.create);

  test('validates a pasted token without a session and learns its scopes', async () => {
    const identity = await identityFetcher(lucaro.server.apiUrl, lucaro.dispatcher)(lucaro.server.apiTokens.readProjects);
    assert.match(identity.user.id, /^usr_/);
    assert.deepEqual(identity.scopes, ['read:projects']);
  });

  test('a bad token is an UnauthorizedError, asked once', async () => {
    lucaro.server.resetCounters();
    await assert.rejects(identityFetcher(lucaro.server.apiUrl, lucaro.dispatcher)('lct_bogus'), UnauthorizedError);
    assert.equal(lucaro.server.counters.apiRequests, 1);
  });
});

/** Serves whatever `/v2/me` the current case asks for, over one keep-alive connection. */
describeEachDispatcher('identityFetcher on any /v2/me answer', (kind) => {
  const dispatcher = kind.create();
  const next: { body: string; scopes: string | undefined } = { body: '{}', scopes: undefined };
  let api: LocalServer;

  before(async () => {
    api = await startLocalServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (next.scopes !== undefined) res.setHeader('X-OAuth-Scopes', next.scopes);
      res.end(next.body);
    });
  });

  after(async () => {
    await api.close();
    await dispatcher.close();
  });

  const text = fc.string({ maxLength: 12 });
  const scope = fc.stringMatching(/^[a-z]{1,8}:[a-z]{1,8}$/);

  test('a user with string id, name and email is read exactly, unknown fields dropped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ id: text, name: text, email: text }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((key) => !['id', 'name', 'email'].includes(key)), fc.jsonValue()),
        fc.uniqueArray(scope, { maxLength: 5 }),
        async (user, extra, scopes) => {
          next.body = JSON.stringify({ ...extra, ...user });
          next.scopes = scopes.join(' ');
          const identity = await identityFetcher(api.url, dispatcher)('t');
          assert.deepEqual(identity, { user: { ...user }, scopes });
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('any other body is a MalformedResponseError, never a half-read user', async () => {
    // Each field a string, another JSON value or absent; at least one of them wrong.
    const field = fc.oneof(text, fc.jsonValue().filter((value) => typeof value !== 'string'));
    const notAUser = fc.oneof(
      fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
      fc
        .record({ id: field, name: field, email: field }, { requiredKeys: [] })
        .filter((user) => [user.id, user.name, user.email].some((value) => typeof value !== 'string')),
    );
    await fc.assert(
      fc.asyncProperty(notAUser, async (body) => {
        next.body = JSON.stringify(body);
        next.scopes = 'read:projects';
        await assert.rejects(identityFetcher(api.url, dispatcher)('t'), MalformedResponseError);
      }),
      { numRuns: 1000 },
    );
  });

  test('no X-OAuth-Scopes header means no scopes, not a crash', async () => {
    next.body = JSON.stringify({ id: 'usr_1', name: 'Ada', email: 'ada@example.com' });
    next.scopes = undefined;
    assert.deepEqual((await identityFetcher(api.url, dispatcher)('t')).scopes, []);
  });
});

describe('accountLabel', () => {
  test('is the name, else the email, else the id', () => {
    fc.assert(
      fc.property(fc.record({ id: fc.string(), name: fc.string(), email: fc.string() }), (user) => {
        const label = accountLabel({ user, scopes: [] });
        assert.equal(label, [user.name, user.email].find((field) => field !== '') ?? user.id);
      }),
      { numRuns: 1000 },
    );
  });
});
