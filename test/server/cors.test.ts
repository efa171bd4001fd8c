import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, fetch as trustedFetch } from 'undici';
import { throwawayCertificate } from '../harness/throwaway-certificate';
import { corsExposedHeaders } from './cors';
import { startLucaroServer, type LucaroServer } from './index';

/** Origins a browser-based editor's extension code calls from: any of them must be answered. */
const editorOrigins = ['http://127.0.0.1:8080', 'https://vscode.dev', 'https://github.dev', 'https://x--abc.code-server.example', 'null'];

function preflight(url: string, origin: string, method: string, headers: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
  });
}

function listed(header: string | null): string[] {
  return (header ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
}

function assertExposesContractHeaders(response: Response): void {
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  const exposed = listed(response.headers.get('access-control-expose-headers'));
  for (const name of ['x-oauth-scopes', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after', 'www-authenticate']) {
    assert.ok(exposed.includes(name), `${name} exposed (${exposed.join(', ')})`);
  }
}

describe('CORS for browser-based editors (contract "CORS"), over HTTP', () => {
  let server: LucaroServer;
  before(async () => {
    server = await startLucaroServer();
  });
  after(() => server.close());

  test('API preflights from any origin allow GET, POST and PATCH with Authorization and Content-Type, before auth and uncounted', async () => {
    server.resetCounters();
    for (const origin of editorOrigins) {
      for (const [path, method] of [['/v2/me', 'GET'], ['/v2/projects', 'POST'], ['/v2/projects/p1', 'PATCH'], ['/v2/metrics/query', 'POST']] as const) {
        const response = await preflight(`${server.apiUrl}${path}`, origin, method, 'authorization,content-type');
        assert.equal(response.status, 204, `${method} ${path} from ${origin}`);
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        assert.ok(listed(response.headers.get('access-control-allow-methods')).includes(method.toLowerCase()));
        assert.deepEqual(listed(response.headers.get('access-control-allow-headers')).sort(), ['authorization', 'content-type']);
        assert.ok(Number(response.headers.get('access-control-max-age')) > 0);
      }
    }
    assert.equal(server.counters.corsPreflights, editorOrigins.length * 4);
    assert.equal(server.counters.apiRequests, 0, 'a preflight is not an API request: no token, no rate limit');
    assert.equal(server.counters.unauthorizedRequests, 0);
  });

  test('API answers (200, 401, 403, 429) let the browser read the scope, rate-limit, Retry-After and WWW-Authenticate headers', async () => {
    const origin = { Origin: 'http://127.0.0.1:8080' };
    const ok = await fetch(`${server.apiUrl}/v2/me`, { headers: { ...origin, Authorization: `Bearer ${server.apiTokens.all}` } });
    assert.equal(ok.status, 200);
    assertExposesContractHeaders(ok);
    assert.ok(ok.headers.get('x-oauth-scopes'));

    const unauthorized = await fetch(`${server.apiUrl}/v2/me`, { headers: origin });
    assert.equal(unauthorized.status, 401);
    assertExposesContractHeaders(unauthorized);
    assert.equal(unauthorized.headers.get('www-authenticate'), 'Bearer error="invalid_token"');

    const forbidden = await fetch(`${server.apiUrl}/v2/projects`, { headers: { ...origin, Authorization: `Bearer ${server.apiTokens.noDashboards}` } });
    const project = ((await forbidden.json()) as { data: { id: string }[] }).data[0]!;
    const noScope = await fetch(`${server.apiUrl}/v2/projects/${project.id}/dashboards`, {
      headers: { ...origin, Authorization: `Bearer ${server.apiTokens.noDashboards}` },
    });
    assert.equal(noScope.status, 403);
    assertExposesContractHeaders(noScope);

    server.rateLimitNext(1, 7);
    const limited = await fetch(`${server.apiUrl}/v2/me`, { headers: { ...origin, Authorization: `Bearer ${server.apiTokens.all}` } });
    assert.equal(limited.status, 429);
    assertExposesContractHeaders(limited);
    assert.equal(limited.headers.get('retry-after'), '7');
  });

  test('token and revocation endpoints answer preflights and their answers carry the CORS headers', async () => {
    for (const path of ['/oauth/token', '/oauth/revoke']) {
      for (const origin of editorOrigins) {
        const response = await preflight(`${server.authUrl}${path}`, origin, 'POST', 'content-type');
        assert.equal(response.status, 204, `${path} from ${origin}`);
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        assert.ok(listed(response.headers.get('access-control-allow-methods')).includes('post'));
        assert.ok(listed(response.headers.get('access-control-allow-headers')).includes('content-type'));
      }
    }
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://vscode.dev' };
    const token = await fetch(`${server.authUrl}/oauth/token`, { method: 'POST', headers: form, body: 'grant_type=refresh_token&client_id=lucaro-vscode&refresh_token=nope' });
    assert.equal(token.status, 400);
    assertExposesContractHeaders(token);
    const revoke = await fetch(`${server.authUrl}/oauth/revoke`, { method: 'POST', headers: form, body: 'token=nope&client_id=lucaro-vscode' });
    assert.equal(revoke.status, 200);
    assertExposesContractHeaders(revoke);
  });

  test('the exposed list is exactly the contract\'s', () => {
    assert.deepEqual([...corsExposedHeaders], ['X-OAuth-Scopes', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'WWW-Authenticate']);
  });
});

describe('the local Lucaro over HTTPS (what a web worker reaches on [::1])', () => {
  const identity = throwawayCertificate();
  const trusting = new Agent({ connect: { ca: identity.cert } });
  let server: LucaroServer;
  before(async () => {
    server = await startLucaroServer({ host: '::1', tls: identity });
  });
  after(async () => {
    await server.close();
    await trusting.close();
  });

  test('both origins are https on [::1]; a client trusting the certificate gets answers with CORS headers, others are refused', async () => {
    assert.match(server.apiUrl, /^https:\/\/\[::1\]:\d+$/);
    assert.match(server.authUrl, /^https:\/\/\[::1\]:\d+$/);
    const me = await trustedFetch(`${server.apiUrl}/v2/me`, { dispatcher: trusting, headers: { Authorization: `Bearer ${server.apiTokens.all}` } });
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('access-control-allow-origin'), '*');
    const pre = await trustedFetch(`${server.authUrl}/oauth/token`, {
      method: 'OPTIONS',
      dispatcher: trusting,
      headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(pre.status, 204);
    await assert.rejects(fetch(`${server.apiUrl}/v2/me`), 'an untrusted self-signed certificate is refused');
  });
});
