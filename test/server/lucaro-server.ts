import { createHash } from 'node:crypto';
import { createApiApp } from './api-app';
import type { ApiDeps } from './api-context';
import { createAuthApp } from './auth-app';
import { Catalog } from './catalog';
import { createClients } from './clients';
import { addCrowdedDashboard } from './crowded-dashboard';
import { createCounters, resetCounters, type ServerCounters } from './counters';
import { FaultInjector } from './faults';
import { addHostileProject } from './hostile-project';
import { closeServer, listen } from './listener';
import { createOAuthModel } from './oauth-model';
import { resolveOptions, validateRuntimeOptions, type LucaroServerOptions, type RuntimeOptions } from './options';
import { RateLimiter } from './rate-limiter';
import { ScopeFaults } from './scope-faults';
import { SecretMint } from './secret-mint';
import { allScopes, isKnownScope } from './scopes';
import { TokenFaults, type TokenFault } from './token-faults';
import { TokenStore, type SecretsSeen } from './token-store';
import { demoUsers, findUserById, type DemoUser } from './users';

export interface StaticApiTokens {
  /** Every scope except admin, for the demo user. */
  readonly all: string;
  readonly readProjects: string;
  /** Everything but read:dashboards and write:dashboards. */
  readonly noDashboards: string;
  readonly admin: string;
  /** Every scope except admin, for the second user (grace). */
  readonly secondUser: string;
}

export interface LucaroServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly apiUrl: string;
  readonly authUrl: string;
  readonly users: readonly DemoUser[];
  readonly apiTokens: StaticApiTokens;
  /** The PEM certificate when the server speaks HTTPS (`tls`): what a client must trust to call it. */
  readonly certificate: string | undefined;
  /** Seeds the codes and tokens this server issues: pass it as `secretSeed` to issue the same ones again. */
  readonly secretSeed: number;
  /** Live: read it at any time. */
  readonly counters: ServerCounters;
  configure(changes: Partial<RuntimeOptions>): void;
  /** The next `count` API requests get `status` (default 503) with the error body. */
  failNext(count: number, status?: number): void;
  /** The next `count` API requests get a 200 with a garbage (non-JSON) body. */
  malformNext(count: number): void;
  /** The next `count` API requests get a 429 with that Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /**
   * The next `count` authenticated API requests (only those whose path matches `path`, when
   * given) get the contract's 403 `insufficient_scope` naming `requiredScopes`, whatever the
   * token may do: a grant narrowed behind the client's back. Checked after authentication
   * and the rate limit, like the real scope check.
   */
  insufficientScopeNext(count: number, requiredScopes: readonly string[], path?: RegExp): void;
  /**
   * The next `count` token-endpoint requests (any grant) get a 200 that is not a token:
   * 'not-json' (an HTML page, the default) or 'no-access-token' (JSON without access_token).
   * Counted in `tokenRequests.failed`; the code or refresh token sent is not spent.
   */
  malformNextToken(count: number, fault?: TokenFault): void;
  /**
   * The next `count` token-endpoint requests (any grant) get a 200 with exactly this JSON
   * body, instead of running the grant: a token response as odd as a test needs. Counted
   * in `tokenRequests.failed`; the code or refresh token sent is not spent.
   */
  answerNextTokenWith(body: Record<string, unknown>, count?: number, status?: number): void;
  /** Revokes every OAuth access and refresh token of the user (default the demo user); answers how many were alive. */
  revokeAllTokens(userId?: string): number;
  /**
   * Every OAuth secret value that crossed the wire so far: issued access and refresh tokens
   * and authorization codes, and the state, code_verifier and client_secret values received.
   */
  secretsSeen(): SecretsSeen;
  /** A new API token (`lct_...`, b64token) for the user (default the demo user). */
  addApiToken(scopes: string[], userId?: string): string;
  /** An access, refresh or API token that is still valid (not revoked, rotated or expired). */
  isTokenActive(token: string): boolean;
  resetCounters(): void;
  /** Closes both listeners and every keep-alive socket. */
  close(): Promise<void>;
}

export async function startLucaroServer(options: LucaroServerOptions = {}): Promise<LucaroServer> {
  const resolved = resolveOptions(options);
  const runtime: RuntimeOptions = resolved;
  const counters = createCounters();
  const store = new TokenStore();
  const clients = createClients(resolved.confidentialClient);
  const mint = new SecretMint(resolved.secretSeed);
  const model = createOAuthModel(store, clients, mint);
  const limiter = new RateLimiter(() => runtime.rateLimit);
  const faults = new FaultInjector(resolved.seed);
  const scopeFaults = new ScopeFaults();
  const tokenFaults = new TokenFaults();
  const catalog = new Catalog(resolved);
  if (resolved.hostileProject) addHostileProject(catalog);
  if (resolved.crowdedDashboardWidgets > 0) addCrowdedDashboard(catalog, resolved.crowdedDashboardWidgets);
  const apiDeps: ApiDeps = { seed: resolved.seed, catalog, store, counters, runtime, limiter, faults, scopeFaults };

  const apiTokens = createStaticTokens(store, resolved.seed);

  const api = await listen(createApiApp(apiDeps), resolved.host, resolved.apiPort, () => {
    counters.apiConnections += 1;
  }, resolved.tls);
  const auth = await listen(createAuthApp({ model, store, counters, runtime, tokenFaults }), resolved.host, resolved.authPort, () => {
    counters.authConnections += 1;
  }, resolved.tls).catch(async (error: unknown) => {
    await closeServer(api.server);
    throw error;
  });

  return {
    apiUrl: api.url,
    authUrl: auth.url,
    users: demoUsers,
    certificate: resolved.tls?.cert,
    apiTokens,
    secretSeed: resolved.secretSeed,
    counters,
    configure(changes) {
      validateRuntimeOptions(changes);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      Object.assign(runtime, defined);
      if (changes.rateLimit) {
        runtime.rateLimit = { ...changes.rateLimit };
        limiter.reset();
      }
    },
    failNext(count, status = 503) {
      if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError('status must be 4xx or 5xx');
      faults.schedule({ kind: 'fail', status }, count);
    },
    malformNext(count) {
      faults.schedule({ kind: 'malform' }, count);
    },
    rateLimitNext(count, retryAfterSeconds) {
      if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
        throw new RangeError('retryAfterSeconds must be a non-negative integer');
      }
      faults.schedule({ kind: 'rateLimit', retryAfterSeconds }, count);
    },
    insufficientScopeNext(count, requiredScopes, path) {
      scopeFaults.schedule(count, requiredScopes, path);
    },
    malformNextToken(count, fault = 'not-json') {
      tokenFaults.schedule(fault, count);
    },
    answerNextTokenWith(body, count = 1, status = 200) {
      tokenFaults.scheduleBody(body, count, status);
    },
    revokeAllTokens(userId = 'usr_demo') {
      if (!findUserById(userId)) throw new RangeError(`unknown user: ${userId}`);
      return store.revokeAllOAuthTokens(userId);
    },
    secretsSeen: () => store.secretsSeen(),
    addApiToken(scopes, userId = 'usr_demo') {
      const unknown = scopes.filter((scope) => !isKnownScope(scope));
      if (unknown.length > 0) throw new RangeError(`unknown scope(s): ${unknown.join(' ')}`);
      if (!findUserById(userId)) throw new RangeError(`unknown user: ${userId}`);
      return store.addApiToken(scopes, userId, mint.accessToken('lct_'));
    },
    isTokenActive: (token) => store.isActive(token),
    resetCounters: () => resetCounters(counters),
    async close() {
      await Promise.all([closeServer(api.server), closeServer(auth.server)]);
    },
  };
}

/**
 * Derived from the seed, so `npm run server` prints the same token after a restart and
 * an editor configured with it keeps working.
 */
function createStaticTokens(store: TokenStore, seed: number): StaticApiTokens {
  const token = (name: string) =>
    'lct_' + createHash('sha256').update(`lucaro-local:${seed}:${name}`).digest('base64url').slice(0, 32);
  const withoutAdmin = allScopes.filter((scope) => scope !== 'admin');
  return {
    all: store.addApiToken(withoutAdmin, 'usr_demo', token('all')),
    readProjects: store.addApiToken(['read:projects'], 'usr_demo', token('readProjects')),
    noDashboards: store.addApiToken(
      withoutAdmin.filter((scope) => !scope.endsWith(':dashboards')),
      'usr_demo',
      token('noDashboards'),
    ),
    admin: store.addApiToken(['admin'], 'usr_demo', token('admin')),
    secondUser: store.addApiToken(withoutAdmin, 'usr_grace', token('secondUser')),
  };
}
