import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLucaroServer, type LucaroServer } from './index';
import {
  api,
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

const confidential = { clientId: 'lucaro-confidential', clientSecret: 's3cret-value' };

describe('OAuth endpoints', () => {
  let server: LucaroServer;
  before(async () => {
    server = await startLucaroServer({ confidentialClient: confidential });
  });
  after(() => server.close());

  /** Consent for `scopes` and answer the code plus what the exchange needs. */
  async function codeFor(scopes: string[], redirectUri = loopbackRedirect, clientId = publicClientId) {
    const pkce = newPkce();
    const response = await consent(server, authorizeUrl(server, { redirectUri, scopes, pkce, clientId }));
    const code = callbackParams(response).get('code');
    assert.ok(code, `no code in ${response.headers.get('location')}`);
    return { code, pkce, redirectUri };
  }

  test('the consent page has the form the in-editor tests drive', async () => {
    const response = await fetch(authorizeUrl(server, { redirectUri: loopbackRedirect, scopes: ['read:projects', 'write:metrics'] }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    for (const fragment of [
      '<input type="text" id="username"',
      '<input id="password" name="password" type="password"',
      '<input type="checkbox" id="scope-read-projects" name="scope" value="read:projects" checked>',
      '<input type="checkbox" id="scope-write-metrics" name="scope" value="write:metrics" checked>',
      '<button id="approve"',
      '<button id="deny"',
    ]) {
      assert.ok(html.includes(fragment), `missing ${fragment}`);
    }
    assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)=/);
  });

  test('full PKCE flow grants only the ticked scopes', async () => {
    const before = server.counters.tokenRequests.authorization_code;
    const tokens = await signIn(server, ['read:projects', 'read:dashboards', 'read:metrics'], {
      ticked: ['read:projects', 'read:metrics'],
    });
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.equal(typeof tokens.scope, 'string');
    assert.equal(tokens.scope, 'read:projects read:metrics');
    assert.match(tokens.access_token, /^\S+$/);
    assert.ok(tokens.refresh_token);
    assert.equal(server.counters.tokenRequests.authorization_code, before + 1);

    const me = await api(server, '/v2/me', tokens.access_token);
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('x-oauth-scopes'), 'read:projects read:metrics');
    assert.deepEqual(await me.json(), { id: 'usr_demo', name: 'Ada Lovelace', email: 'ada@example.com' });
    const dashboards = await api(server, '/v2/dashboards/dsh_0000000', tokens.access_token);
    assert.equal(dashboards.status, 403);
  });

  test('the callback carries code and state; the token answer is not cacheable', async () => {
    const pkce = newPkce();
    const response = await consent(server, authorizeUrl(server, { redirectUri: loopbackRedirect, scopes: ['read:projects'], pkce, state: 'st-42' }));
    assert.equal(response.status, 302);
    const location = response.headers.get('location')!;
    assert.match(location, /^http:\/\/127\.0\.0\.1:53682\/callback\?code=[^&]+&state=st-42$/);
    const token = await tokenRequest(server, {
      grant_type: 'authorization_code',
      client_id: publicClientId,
      code: callbackParams(response).get('code')!,
      redirect_uri: loopbackRedirect,
      code_verifier: pkce.verifier,
    });
    assert.equal(token.status, 200);
    assert.equal(token.headers.get('cache-control'), 'no-store');
  });

  test('a code without its verifier, or with a wrong one, is invalid_grant and burnt', async () => {
    for (const verifier of [undefined, newPkce().verifier]) {
      const { code, pkce } = await codeFor(['read:projects']);
      const failedBefore = server.counters.tokenRequests.failed;
      const form: Record<string, string> = { grant_type: 'authorization_code', client_id: publicClientId, code, redirect_uri: loopbackRedirect };
      if (verifier) form['code_verifier'] = verifier;
      const bad = await tokenRequest(server, form);
      assert.equal(bad.status, 400);
      const body = (await bad.json()) as { error: string; error_description: string };
      assert.equal(body.error, 'invalid_grant');
      assert.equal(typeof body.error_description, 'string');
      assert.equal(server.counters.tokenRequests.failed, failedBefore + 1);

      const retry = await tokenRequest(server, { ...form, code_verifier: pkce.verifier });
      assert.equal(retry.status, 400);
      assert.equal(((await retry.json()) as { error: string }).error, 'invalid_grant');
    }
  });

  test('a code works once', async () => {
    const { code, pkce } = await codeFor(['read:projects']);
    const form = { grant_type: 'authorization_code', client_id: publicClientId, code, redirect_uri: loopbackRedirect, code_verifier: pkce.verifier };
    assert.equal((await tokenRequest(server, form)).status, 200);
    const reused = await tokenRequest(server, form);
    assert.equal(reused.status, 400);
    assert.equal(((await reused.json()) as { error: string }).error, 'invalid_grant');
  });

  test('the redirect_uri at the token endpoint must match the authorize one', async () => {
    const { code, pkce } = await codeFor(['read:projects']);
    const response = await tokenRequest(server, {
      grant_type: 'authorization_code',
      client_id: publicClientId,
      code,
      redirect_uri: 'http://127.0.0.1:1/callback',
      code_verifier: pkce.verifier,
    });
    assert.equal(response.status, 400);
  });

  test('refresh rotates: the old refresh token dies, the new one works', async () => {
    const first = await signIn(server, ['read:projects', 'write:projects']);
    const refresh = (token: string) =>
      tokenRequest(server, { grant_type: 'refresh_token', client_id: publicClientId, refresh_token: token });

    const second = (await (await refresh(first.refresh_token!)).json()) as TokenSet;
    assert.ok(second.refresh_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    assert.equal(second.scope, 'read:projects write:projects');
    assert.equal(second.expires_in, 3600);
    assert.equal(server.isTokenActive(first.refresh_token!), false);
    assert.equal(server.isTokenActive(second.refresh_token), true);

    const replay = await refresh(first.refresh_token!);
    assert.equal(replay.status, 400);
    assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');

    const third = await refresh(second.refresh_token);
    assert.equal(third.status, 200);
    const thirdTokens = (await third.json()) as TokenSet;
    assert.equal((await api(server, '/v2/me', thirdTokens.access_token)).status, 200);
  });

  test('revoking an access token ends it; revoking a refresh token ends its grant', async () => {
    const revoke = (token: string, hint?: string) =>
      fetch(new URL('/oauth/revoke', server.authUrl), {
        method: 'POST',
        body: new URLSearchParams({ token, client_id: publicClientId, ...(hint && { token_type_hint: hint }) }),
      });
    const revocations = server.counters.revocations;

    const a = await signIn(server, ['read:projects']);
    assert.equal((await revoke(a.access_token, 'access_token')).status, 200);
    const me = await api(server, '/v2/me', a.access_token);
    assert.equal(me.status, 401);
    assert.equal(me.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    assert.equal(server.isTokenActive(a.access_token), false);
    assert.equal(server.isTokenActive(a.refresh_token!), true);

    const b = await signIn(server, ['read:projects']);
    assert.equal((await revoke(b.refresh_token!, 'refresh_token')).status, 200);
    assert.equal(server.isTokenActive(b.refresh_token!), false);
    assert.equal(server.isTokenActive(b.access_token), false);
    assert.equal((await api(server, '/v2/me', b.access_token)).status, 401);

    assert.equal((await revoke('never-issued')).status, 200);
    assert.equal(server.counters.revocations, revocations + 3);
  });

  test('authorize requires PKCE S256, a known client, a known scope and a registered redirect URI', async () => {
    const go = (params: Record<string, string | undefined>, redirectUri = loopbackRedirect) =>
      fetch(authorizeUrl(server, { redirectUri, scopes: ['read:projects'], state: 'xyz', params }), { redirect: 'manual' });
    const redirectedError = async (response: Response) => {
      const params = callbackParams(response);
      assert.equal(params.get('state'), 'xyz');
      return params.get('error');
    };

    assert.equal(await redirectedError(await go({ code_challenge: undefined })), 'invalid_request');
    assert.equal(await redirectedError(await go({ code_challenge_method: undefined })), 'invalid_request');
    assert.equal(await redirectedError(await go({ code_challenge_method: 'plain' })), 'invalid_request');
    assert.equal(await redirectedError(await go({ scope: 'read:projects fly:rockets' })), 'invalid_scope');
    assert.equal(await redirectedError(await go({ response_type: 'token' })), 'unsupported_response_type');

    for (const response of [
      await go({ client_id: 'nobody' }),
      await go({}, 'https://evil.example.com/callback'),
      await go({}, 'https://lucaro.lucaro/auth/callback'),
      await go({}, 'http://lucaro.lucaro/auth/callback'),
      await go({}, 'http://127.0.0.1:5000/elsewhere'),
      await go({}, 'http://localhost:8080/callback?vscode-authority=someone.else&vscode-path=%2Fauth%2Fcallback'),
      await go({}, 'http://192.168.1.5:8080/callback?vscode-authority=lucaro.lucaro&vscode-path=%2Fauth%2Fcallback'),
      await go({ redirect_uri: undefined }),
    ]) {
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(await response.text(), /id="error"/);
    }
  });

  test('editor URI handlers under any scheme and loopback on any port are accepted', async () => {
    for (const redirectUri of [
      'vscode://lucaro.lucaro/auth/callback',
      'vscode-insiders://lucaro.lucaro/auth/callback',
      'code-oss://lucaro.lucaro/auth/callback',
      'cursor://lucaro.lucaro/auth/callback',
      'http://127.0.0.1:1/callback',
      'http://127.0.0.1:65535/callback',
      'http://127.0.0.1:49152/callback',
    ]) {
      const { code, pkce } = await codeFor(['read:projects'], redirectUri);
      const token = await tokenRequest(server, {
        grant_type: 'authorization_code',
        client_id: publicClientId,
        code,
        redirect_uri: redirectUri,
        code_verifier: pkce.verifier,
      });
      assert.equal(token.status, 200, redirectUri);
    }
  });

  test('the browser-editor callback keeps its query byte-for-byte and gets code and state appended', async () => {
    const redirectUri =
      'http://localhost:8080/stable-0123abc/callback?vscode-reqid=42&vscode-scheme=code-oss&vscode-authority=lucaro.lucaro&vscode-path=%2Fauth%2Fcallback';
    const pkce = newPkce();
    const response = await consent(server, authorizeUrl(server, { redirectUri, scopes: ['read:projects'], pkce, state: 'abc.DEF-123_~' }));
    const location = response.headers.get('location')!;
    assert.ok(location.startsWith(`${redirectUri}&code=`), location);
    assert.ok(location.endsWith('&state=abc.DEF-123_~'), location);
    const code = new URL(location).searchParams.get('code')!;
    const token = await tokenRequest(server, {
      grant_type: 'authorization_code',
      client_id: publicClientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: pkce.verifier,
    });
    assert.equal(token.status, 200);

    const denied = await consent(server, authorizeUrl(server, { redirectUri, scopes: ['read:projects'], state: 's1' }), { action: 'deny' });
    const deniedLocation = denied.headers.get('location')!;
    assert.ok(deniedLocation.startsWith(`${redirectUri}&error=access_denied&error_description=`), deniedLocation);
    assert.ok(deniedLocation.endsWith('&state=s1'));
  });

  test('deny, nothing ticked and wrong credentials', async () => {
    const url = () => authorizeUrl(server, { redirectUri: loopbackRedirect, scopes: ['read:projects'], state: 'q' });

    const denied = callbackParams(await consent(server, url(), { action: 'deny' }));
    assert.equal(denied.get('error'), 'access_denied');
    assert.ok(denied.get('error_description'));
    assert.equal(denied.get('state'), 'q');
    assert.equal(denied.get('code'), null);

    const none = callbackParams(await consent(server, url(), { ticked: [] }));
    assert.equal(none.get('error'), 'access_denied');

    const wrong = await consent(server, url(), { password: 'nope' });
    assert.equal(wrong.status, 200);
    const html = await wrong.text();
    assert.match(html, /<p id="error"[^>]*>Wrong username or password\.<\/p>/);
    assert.match(html, /id="approve"/);
  });

  test('the second user signs in as themself', async () => {
    const tokens = await signIn(server, ['read:projects'], { username: 'grace', password: 'grace' });
    const me = (await (await api(server, '/v2/me', tokens.access_token)).json()) as { id: string; name: string };
    assert.deepEqual(me, { id: 'usr_grace', name: 'Grace Hopper', email: 'grace@example.com' });
  });

  test('a confidential client must present its secret', async () => {
    const exchange = async (secret?: string) => {
      const { code, pkce } = await codeFor(['read:projects'], loopbackRedirect, confidential.clientId);
      return tokenRequest(server, {
        grant_type: 'authorization_code',
        client_id: confidential.clientId,
        code,
        redirect_uri: loopbackRedirect,
        code_verifier: pkce.verifier,
        ...(secret !== undefined && { client_secret: secret }),
      });
    };
    for (const secret of [undefined, 'wrong']) {
      const response = await exchange(secret);
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
    }
    const ok = await exchange(confidential.clientSecret);
    assert.equal(ok.status, 200);
    const tokens = (await ok.json()) as TokenSet;

    const refreshWithout = await tokenRequest(server, { grant_type: 'refresh_token', client_id: confidential.clientId, refresh_token: tokens.refresh_token! });
    assert.equal(refreshWithout.status, 401);
    const refreshWith = await tokenRequest(server, {
      grant_type: 'refresh_token',
      client_id: confidential.clientId,
      client_secret: confidential.clientSecret,
      refresh_token: tokens.refresh_token!,
    });
    assert.equal(refreshWith.status, 200);
  });

  test('unsupported grant types and unknown clients are refused', async () => {
    const password = await tokenRequest(server, { grant_type: 'password', client_id: publicClientId, username: 'demo', password: 'demo' });
    assert.equal(password.status, 400);
    assert.equal(((await password.json()) as { error: string }).error, 'unauthorized_client');
    const unknown = await tokenRequest(server, { grant_type: 'refresh_token', client_id: 'nobody', refresh_token: 'x' });
    assert.equal(((await unknown.json()) as { error: string }).error, 'invalid_client');
  });
});

describe('access-token expiry', () => {
  test('an expired access token is a 401 and is counted', async () => {
    const server = await startLucaroServer({ accessTokenLifetimeSeconds: 1 });
    try {
      const tokens = await signIn(server, ['read:projects']);
      assert.equal(tokens.expires_in, 1);
      assert.equal((await api(server, '/v2/me', tokens.access_token)).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const expired = await api(server, '/v2/me', tokens.access_token);
      assert.equal(expired.status, 401);
      assert.equal(expired.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      assert.equal(server.counters.expiredTokenRequests, 1);
      assert.equal(server.isTokenActive(tokens.access_token), false);

      assert.equal((await api(server, '/v2/me', 'never-issued')).status, 401);
      assert.equal(server.counters.expiredTokenRequests, 1);
      assert.equal(server.counters.unauthorizedRequests, 2);

      server.configure({ accessTokenLifetimeSeconds: 7200 });
      const refreshed = (await (
        await tokenRequest(server, { grant_type: 'refresh_token', client_id: publicClientId, refresh_token: tokens.refresh_token! })
      ).json()) as TokenSet;
      assert.equal(refreshed.expires_in, 7200);
    } finally {
      await server.close();
    }
  });
});
