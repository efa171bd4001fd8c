import { createHash, randomBytes } from 'node:crypto';
import type { LucaroServer } from './lucaro-server';

/** Drives the server's OAuth endpoints the way the extension and a browser would, for tests. */

export const publicClientId = 'lucaro-vscode';

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeInput {
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly clientId?: string;
  readonly state?: string;
  readonly pkce?: Pkce;
  /** Overrides or removes (undefined) individual query parameters. */
  readonly params?: Record<string, string | undefined>;
}

export function authorizeUrl(server: LucaroServer, input: AuthorizeInput): string {
  const params: Record<string, string | undefined> = {
    client_id: input.clientId ?? publicClientId,
    redirect_uri: input.redirectUri,
    response_type: 'code',
    scope: input.scopes.join(' '),
    state: input.state ?? 'state-123',
    code_challenge: (input.pkce ?? newPkce()).challenge,
    code_challenge_method: 'S256',
    ...input.params,
  };
  const url = new URL('/oauth/authorize', server.authUrl);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/** The hidden fields of the consent form, as a browser would post them back. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]!] = decodeEntities(match[2]!);
  }
  return fields;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export interface ConsentInput {
  readonly action?: 'approve' | 'deny';
  readonly username?: string;
  readonly password?: string;
  /** The ticked boxes; default all requested ones. */
  readonly ticked?: readonly string[];
}

/** GET the consent page, then POST it; answers the POST response (a 302 unless re-rendered). */
export async function consent(server: LucaroServer, url: string, input: ConsentInput = {}): Promise<Response> {
  const page = await fetch(url, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const fields = hiddenFields(await page.text());
  const form = new URLSearchParams(fields);
  form.set('username', input.username ?? 'demo');
  form.set('password', input.password ?? 'demo');
  form.set('action', input.action ?? 'approve');
  const ticked = input.ticked ?? (fields['requested_scope'] ?? '').split(' ').filter(Boolean);
  for (const scope of ticked) form.append('scope', scope);
  return fetch(new URL('/oauth/authorize', server.authUrl), { method: 'POST', body: form, redirect: 'manual' });
}

export function callbackParams(response: Response): URLSearchParams {
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location).searchParams;
}

export async function tokenRequest(server: LucaroServer, form: Record<string, string>): Promise<Response> {
  return fetch(new URL('/oauth/token', server.authUrl), {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
}

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

export const loopbackRedirect = 'http://127.0.0.1:53682/callback';

/** A whole sign-in: consent for `scopes` (optionally ticking fewer) and the code exchange. */
export async function signIn(
  server: LucaroServer,
  scopes: readonly string[],
  options: { ticked?: readonly string[]; username?: string; password?: string } = {},
): Promise<TokenSet> {
  const pkce = newPkce();
  const response = await consent(server, authorizeUrl(server, { redirectUri: loopbackRedirect, scopes, pkce }), options);
  const code = callbackParams(response).get('code');
  if (!code) throw new Error(`no code: ${response.headers.get('location')}`);
  const token = await tokenRequest(server, {
    grant_type: 'authorization_code',
    client_id: publicClientId,
    code,
    redirect_uri: loopbackRedirect,
    code_verifier: pkce.verifier,
  });
  if (token.status !== 200) throw new Error(`token exchange answered ${token.status}: ${await token.text()}`);
  return (await token.json()) as TokenSet;
}

export function api(server: LucaroServer, path: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  return fetch(new URL(path, server.apiUrl), { ...init, headers, redirect: 'manual' });
}
