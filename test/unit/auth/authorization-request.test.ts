import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildAuthorizationUrl } from '../../../src/core/auth/authorization-request';
import { createPkcePair } from '../../../src/core/auth/pkce';

describe('buildAuthorizationUrl', () => {
  test('carries exactly the parameters of the contract', async () => {
    const pkce = await createPkcePair();
    const redirectUri =
      'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=lucaro.lucaro&vscode-path=%2Fauth%2Fcallback';
    const url = new URL(
      buildAuthorizationUrl({
        authUrl: 'https://auth.lucaro.dev',
        clientId: 'lucaro-vscode',
        redirectUri,
        scopes: ['read:projects', 'read:dashboards'],
        state: 'the-state',
        pkce,
      }),
    );
    assert.equal(url.origin + url.pathname, 'https://auth.lucaro.dev/oauth/authorize');
    assert.deepEqual([...url.searchParams.keys()].sort(), [
      'client_id',
      'code_challenge',
      'code_challenge_method',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
    ]);
    assert.equal(url.searchParams.get('redirect_uri'), redirectUri);
    assert.equal(url.searchParams.get('scope'), 'read:projects read:dashboards');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('code_challenge'), pkce.challenge);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('client_id'), 'lucaro-vscode');
    assert.equal(url.searchParams.get('state'), 'the-state');
  });

  test('keeps a base path of the auth URL', async () => {
    const pkce = await createPkcePair();
    const url = buildAuthorizationUrl({
      authUrl: 'https://sso.example.com/lucaro',
      clientId: 'c',
      redirectUri: 'vscode://lucaro.lucaro/auth/callback',
      scopes: [],
      state: 's',
      pkce,
    });
    assert.ok(url.startsWith('https://sso.example.com/lucaro/oauth/authorize?'));
  });
});
