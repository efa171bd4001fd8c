import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLucaroServer, type LucaroServer } from './index';
import {
  authorizeUrl,
  callbackParams,
  consent,
  loopbackRedirect,
  newPkce,
  publicClientId,
  signIn,
  tokenRequest,
  type TokenSet,
} from './oauth-test-client';

describe('switches the in-editor tests use', () => {
  let server: LucaroServer;
  before(async () => {
    server = await startLucaroServer();
  });
  after(() => server.close());

  async function codeExchange(): Promise<{ form: Record<string, string>; state: string }> {
    const pkce = newPkce();
    const state = `state-${Math.random().toString(36).slice(2)}`;
    const code = callbackParams(
      await consent(server, authorizeUrl(server, { redirectUri: loopbackRedirect, scopes: ['read:projects'], pkce, state })),
    ).get('code')!;
    return {
      state,
      form: {
        grant_type: 'authorization_code',
        client_id: publicClientId,
        code,
        redirect_uri: loopbackRedirect,
        code_verifier: pkce.verifier,
      },
    };
  }

  test('malformNextToken answers non-JSON, then JSON without access_token, then real tokens again', async () => {
    const { form } = await codeExchange();
    const failedBefore = server.counters.tokenRequests.failed;
    server.malformNextToken(1);
    server.malformNextToken(1, 'no-access-token');

    const notJson = await tokenRequest(server, form);
    assert.equal(notJson.status, 200);
    const text = await notJson.text();
    assert.throws(() => JSON.parse(text), SyntaxError);

    const noAccessToken = await tokenRequest(server, form);
    assert.equal(noAccessToken.status, 200);
    const body = (await noAccessToken.json()) as Record<string, unknown>;
    assert.equal(body['access_token'], undefined);
    assert.equal(body['token_type'], 'Bearer');

    assert.equal(server.counters.tokenRequests.failed, failedBefore + 2);
    const tokens = (await (await tokenRequest(server, form)).json()) as TokenSet;
    assert.ok(tokens.access_token, 'the code was not spent by the faults');
    assert.throws(() => server.malformNextToken(1, 'nonsense' as never), RangeError);
    assert.throws(() => server.malformNextToken(-1), RangeError);
  });

  test('answerNextTokenWith serves exactly the body given, then real tokens again', async () => {
    const { form } = await codeExchange();
    const odd = { access_token: 'has\r\nnewline', token_type: 'Bearer', expires_in: 0, scope: '' };
    server.answerNextTokenWith(odd, 2);
    for (let i = 0; i < 2; i++) {
      const answer = await tokenRequest(server, form);
      assert.equal(answer.status, 200);
      assert.deepEqual(await answer.json(), odd);
    }
    const tokens = (await (await tokenRequest(server, form)).json()) as TokenSet;
    assert.ok(tokens.access_token, 'the code was not spent');
    assert.throws(() => server.answerNextTokenWith([] as never), RangeError);
    assert.throws(() => server.answerNextTokenWith({}, 1.5), RangeError);
    assert.throws(() => server.answerNextTokenWith({}, 1, 99), RangeError);
  });

  test('answerNextTokenWith serves an error body with the status given', async () => {
    const { form } = await codeExchange();
    const error = { error: 'invalid_request', error_description: 'not from here' };
    server.answerNextTokenWith(error, 1, 400);
    const answer = await tokenRequest(server, form);
    assert.equal(answer.status, 400);
    assert.deepEqual(await answer.json(), error);
    assert.equal((await tokenRequest(server, form)).status, 200, 'then the real grant, the code unspent');
  });

  test('echoRefreshTokenInErrors repeats the presented refresh token in error_description, only when on', async () => {
    const { refresh_token: refreshToken } = await signIn(server, ['read:projects']);
    const refresh = async (token: string) => {
      const answer = await tokenRequest(server, { grant_type: 'refresh_token', client_id: publicClientId, refresh_token: token });
      assert.equal(answer.status, 400);
      return { text: await answer.clone().text(), body: (await answer.json()) as { error: string; error_description: string } };
    };
    const unknown = `${refreshToken!}-not-issued`;
    assert.doesNotMatch((await refresh(unknown)).body.error_description, /not-issued/);
    server.configure({ echoRefreshTokenInErrors: true });
    try {
      const echoed = await refresh(unknown);
      assert.equal(echoed.body.error, 'invalid_grant');
      assert.ok(echoed.body.error_description.includes(unknown), 'the token is in the decoded description');
      assert.ok(echoed.text.includes(JSON.stringify(unknown).slice(1, -1)), 'and JSON-escaped in the raw body');
    } finally {
      server.configure({ echoRefreshTokenInErrors: false });
    }
    assert.throws(() => server.configure({ echoRefreshTokenInErrors: 'yes' as never }), RangeError);
  });

  test('revokeAllTokens ends every OAuth token of the user, not API tokens or other users', async () => {
    const first = await signIn(server, ['read:projects']);
    const second = await signIn(server, ['read:metrics']);
    const grace = await signIn(server, ['read:projects'], { username: 'grace', password: 'grace' });
    const tokens = [first.access_token, first.refresh_token!, second.access_token, second.refresh_token!];
    for (const token of tokens) assert.equal(server.isTokenActive(token), true);

    assert.ok(server.revokeAllTokens() >= 4);
    for (const token of tokens) assert.equal(server.isTokenActive(token), false, token);
    assert.equal(server.isTokenActive(grace.access_token), true);
    assert.equal(server.isTokenActive(grace.refresh_token!), true);
    assert.equal(server.isTokenActive(server.apiTokens.all), true);

    const refresh = await tokenRequest(server, { grant_type: 'refresh_token', client_id: publicClientId, refresh_token: first.refresh_token! });
    assert.equal(refresh.status, 400);
    assert.equal(((await refresh.json()) as { error: string }).error, 'invalid_grant');
    assert.equal(server.revokeAllTokens(), 0);
    assert.throws(() => server.revokeAllTokens('usr_nobody'), RangeError);
  });

  test('secretsSeen lists every code, token, state, verifier and client secret that crossed the wire', async () => {
    const { form, state } = await codeExchange();
    const tokens = (await (await tokenRequest(server, { ...form, client_secret: 'sent-by-a-public-client' })).json()) as TokenSet;
    const seen = server.secretsSeen();
    assert.ok(seen.states.includes(state));
    assert.ok(seen.authorizationCodes.includes(form['code']!));
    assert.ok(seen.codeVerifiers.includes(form['code_verifier']!));
    assert.ok(seen.clientSecrets.includes('sent-by-a-public-client'));
    assert.equal(seen.accessTokens.at(-1), tokens.access_token);
    assert.equal(seen.refreshTokens.at(-1), tokens.refresh_token);
    assert.ok(!seen.accessTokens.includes(server.apiTokens.all), 'static API tokens are not OAuth secrets');
  });
  test('insufficientScopeNext answers the contract 403 for matching requests only, then the real answers again', async () => {
    const token = server.apiTokens.all;
    const get = (path: string) => fetch(`${server.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const projects = (await (await get('/v2/projects')).json()) as { data: { id: string }[] };
    const dashboards = `/v2/projects/${projects.data[0]!.id}/dashboards`;

    server.insufficientScopeNext(2, ['read:dashboards'], /\/dashboards$/);
    assert.equal((await get('/v2/projects')).status, 200, 'a path that does not match is served');
    for (let i = 0; i < 2; i++) {
      const refused = await get(dashboards);
      assert.equal(refused.status, 403);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer error="insufficient_scope", scope="read:dashboards"');
      assert.equal(refused.headers.get('x-oauth-scopes'), 'read:projects write:projects write:dashboards read:metrics write:metrics');
      const body = (await refused.json()) as { error: { code: string; message: string; required_scopes: string[] } };
      assert.equal(body.error.code, 'insufficient_scope');
      assert.deepEqual(body.error.required_scopes, ['read:dashboards']);
      assert.equal(typeof body.error.message, 'string');
    }
    assert.equal((await get(dashboards)).status, 200, 'only the next two');

    // Without a path, any authenticated request; an invalid token still gets its 401 first.
    server.insufficientScopeNext(1, ['read:projects']);
    const unauthenticated = await fetch(`${server.apiUrl}/v2/projects`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(unauthenticated.status, 401);
    assert.equal((await get('/v2/me')).status, 403);
    assert.equal((await get('/v2/me')).status, 200);

    assert.throws(() => server.insufficientScopeNext(1, []), RangeError);
    assert.throws(() => server.insufficientScopeNext(1, ['read:everything']), RangeError);
    assert.throws(() => server.insufficientScopeNext(-1, ['read:projects']), RangeError);
  });
});
