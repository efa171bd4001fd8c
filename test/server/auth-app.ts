import type { IncomingHttpHeaders } from 'node:http';
import express, { type Express, type Response as ExpressResponse } from 'express';
import OAuth2Server, { OAuthError, Request as OAuthRequest, Response as OAuthResponse } from '@node-oauth/oauth2-server';
import { checkAuthorizeRequest, single, type AuthorizeCheck } from './authorize-request';
import { renderConsentPage, renderErrorPage } from './consent-page';
import type { ServerCounters } from './counters';
import { cors } from './cors';
import { delay } from './delay';
import type { LucaroOAuthModel } from './oauth-model';
import type { RuntimeOptions } from './options';
import { appendQuery } from './redirect-uri';
import type { TokenFaults } from './token-faults';
import type { TokenStore } from './token-store';
import { findUserByCredentials } from './users';

export interface AuthAppDeps {
  readonly model: LucaroOAuthModel;
  readonly store: TokenStore;
  readonly counters: ServerCounters;
  readonly runtime: RuntimeOptions;
  readonly tokenFaults: TokenFaults;
}

const authorizationCodeLifetimeSeconds = 10 * 60;
const refreshTokenLifetimeSeconds = 30 * 24 * 3600;

/** The auth origin: consent page, token and revocation endpoints. */
export function createAuthApp({ model, store, counters, runtime, tokenFaults }: AuthAppDeps): Express {
  const oauth = new OAuth2Server({
    model,
    authorizationCodeLifetime: authorizationCodeLifetimeSeconds,
    refreshTokenLifetime: refreshTokenLifetimeSeconds,
    alwaysIssueNewRefreshToken: true,
    // Per grant type, not per client: the public client has no secret, and the model's
    // getClient still demands the secret of a confidential client. Grants no client may
    // use are listed too, so they fail as unauthorized_client rather than invalid_client.
    requireClientAuthentication: { authorization_code: false, refresh_token: false, password: false, client_credentials: false },
  });
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    // Consent pages and token answers must never be cached (RFC 6749 §5.1).
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The endpoints extension code calls with `fetch`; the consent page is a navigation.
  app.use(['/oauth/token', '/oauth/revoke'], cors(['POST'], () => (counters.corsPreflights += 1)));

  app.get('/oauth/authorize', async (req, res) => {
    const check = await checkAuthorizeRequest(req.query, model);
    if (check.kind !== 'ok') return sendCheckFailure(res, check);
    store.remember('states', check.params.state);
    res.type('html').send(renderConsentPage({ params: check.params, requestedScopes: check.requestedScopes }));
  });

  app.post('/oauth/authorize', form, async (req, res) => {
    const body = formBody(req.body);
    const check = await checkAuthorizeRequest({ ...body, scope: body['requested_scope'] }, model);
    if (check.kind !== 'ok') return sendCheckFailure(res, check);
    const { params, requestedScopes } = check;
    const deny = (description: string) =>
      redirect(res, appendQuery(params.redirect_uri, { error: 'access_denied', error_description: description, state: params.state }));

    if (body['action'] === 'deny') return deny('The user denied the request.');

    const ticked = toList(body['scope']).filter((scope) => requestedScopes.includes(scope));
    const user = findUserByCredentials(single(body, 'username') ?? '', single(body, 'password') ?? '');
    if (!user) {
      res.type('html').send(
        renderConsentPage({
          params,
          requestedScopes,
          checkedScopes: ticked,
          username: single(body, 'username'),
          error: 'Wrong username or password.',
        }),
      );
      return;
    }
    if (ticked.length === 0) return deny('No permission was granted.');

    const request = libraryRequest(req.headers, { ...params, scope: ticked.join(' ') });
    try {
      const code = await oauth.authorize(request, new OAuthResponse(), {
        authenticateHandler: { handle: () => store.newGrantUser(user.id) },
      });
      // Not the library's Location: it re-serialises the existing query (and drops it
      // entirely on errors), while the browser-editor form needs it byte-for-byte.
      redirect(res, appendQuery(params.redirect_uri, { code: code.authorizationCode, state: params.state }));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      redirect(
        res,
        appendQuery(params.redirect_uri, { error: error.name, error_description: error.message, state: params.state }),
      );
    }
  });

  app.post('/oauth/token', form, async (req, res) => {
    const body = formBody(req.body);
    const grantType = body['grant_type'];
    if (grantType === 'authorization_code' || grantType === 'refresh_token') counters.tokenRequests[grantType] += 1;
    if (grantType === 'refresh_token' && store.isSpentRefreshToken(String(body['refresh_token'] ?? ''))) counters.refreshTokenReuse += 1;
    store.remember('codeVerifiers', body['code_verifier']);
    store.remember('clientSecrets', body['client_secret']);

    const scheduled = tokenFaults.take();
    if (scheduled) {
      counters.tokenRequests.failed += 1;
      await delay(runtime.latencyMs);
      if ('body' in scheduled) res.status(scheduled.status).json(scheduled.body);
      else if (scheduled.fault === 'not-json') res.status(200).type('html').send('<html><body>502 Bad Gateway</body></html>');
      else res.status(200).json({ token_type: 'Bearer', expires_in: runtime.accessTokenLifetimeSeconds, scope: 'read:projects' });
      return;
    }

    const request = libraryRequest(req.headers, body);
    const response = new OAuthResponse();
    try {
      const token = await oauth.token(request, response, { accessTokenLifetime: runtime.accessTokenLifetimeSeconds });
      // The library floors the remaining lifetime, so a fresh 3600 s token would say 3599
      // and a 1 s token would lose expires_in altogether.
      const expiresIn = token.accessTokenExpiresAt
        ? Math.max(0, Math.round((token.accessTokenExpiresAt.getTime() - Date.now()) / 1000))
        : undefined;
      await delay(runtime.latencyMs);
      res.status(200).set(response.headers).json({ ...(response.body as object), expires_in: expiresIn });
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      counters.tokenRequests.failed += 1;
      const status = error.name === 'invalid_client' ? 401 : error.code;
      if (status === 401 && !response.get('www-authenticate')) response.set('WWW-Authenticate', 'Basic realm="Lucaro"');
      await delay(runtime.latencyMs);
      res
        .status(status)
        .set(response.headers)
        .json({ error: error.name, error_description: describeTokenError(error, body, runtime) });
    }
  });

  app.post('/oauth/revoke', form, async (req, res) => {
    counters.revocations += 1;
    const token = single(formBody(req.body), 'token');
    if (token) store.revoke(token);
    await delay(runtime.latencyMs);
    res.status(200).end();
  });

  app.use((_req, res) => {
    res.status(404).type('html').send(renderErrorPage('Not found.'));
  });

  return app;
}

/** With `echoRefreshTokenInErrors`, the presented refresh token comes back in the description, as careless servers do. */
function describeTokenError(error: OAuthError, body: Record<string, unknown>, runtime: RuntimeOptions): string {
  const presented = single(body, 'refresh_token');
  if (!runtime.echoRefreshTokenInErrors || presented === undefined) return error.message;
  return `${error.message} (refresh_token: ${presented})`;
}

function sendCheckFailure(res: ExpressResponse, check: Exclude<AuthorizeCheck, { kind: 'ok' }>): void {
  if (check.kind === 'page-error') {
    res.status(400).type('html').send(renderErrorPage(check.message));
    return;
  }
  redirect(
    res,
    appendQuery(check.redirectUri, { error: check.error, error_description: check.description, state: check.state }),
  );
}

/** express.redirect would re-encode the URL; the redirect URI must go out exactly as registered. */
function redirect(res: ExpressResponse, location: string): void {
  res.status(302).setHeader('Location', location);
  res.end();
}

/** The library reads parameters from body or query; the query is left out so only the form counts. */
function libraryRequest(headers: IncomingHttpHeaders, body: Record<string, unknown>): OAuthRequest {
  return new OAuthRequest({ headers: headers as Record<string, string>, method: 'POST', query: {}, body });
}

function formBody(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

function toList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
