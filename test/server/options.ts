import { randomInt } from 'node:crypto';
import type { TlsIdentity } from './listener';

export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
}

export interface LucaroServerOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /**
   * Serve both origins over HTTPS with this certificate instead of HTTP: what a browser's
   * web worker may reach on `[::1]` (the editor's worker CSP allows `https:` anywhere but
   * plain `http:` only on `localhost` and `127.0.0.1`).
   */
  tls?: TlsIdentity;
  /** Default 0 (a random free port). */
  apiPort?: number;
  /** Default 0 (a random free port); API and auth are two separate origins. */
  authPort?: number;
  /** Seeds the demo data and the fault dice. Default 1. */
  seed?: number;
  /**
   * Seeds the codes and tokens the server issues (full RFC 6749 alphabets), to repeat a run
   * with the same values. Default: a new random seed per server, as two real servers never
   * issue the same token (read it back from `secretSeed`).
   */
  secretSeed?: number;
  /** Seeded projects, default 3. 20,000 is fine: they are generated on demand. */
  projects?: number;
  dashboardsPerProject?: number;
  metricsPerProject?: number;
  /** Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Per token. Default { limit: 5000, windowSeconds: 3600 }. */
  rateLimit?: RateLimitOptions;
  /** Default 'seconds'. */
  retryAfterFormat?: 'seconds' | 'http-date';
  /** Added to every API and token response. Default 0. */
  latencyMs?: number;
  /** 0..1: fraction of API requests answered 503 with the error body. Default 0. */
  failureRate?: number;
  /** 0..1: fraction of API 200 answers whose body is garbage non-JSON. Default 0. */
  malformedRate?: number;
  /** An extra client that must present its secret at the token endpoint. */
  confidentialClient?: { clientId: string; clientSecret: string };
  /**
   * Token-endpoint errors repeat the refresh token the request presented in their
   * `error_description`, as some servers do: what redaction must cope with. Default false.
   */
  echoRefreshTokenInErrors?: boolean;
  /** `POST /v2/metrics/query` for these metric names answers 503, until changed. Default none. */
  failingMetrics?: readonly string[];
  /**
   * `POST /v2/metrics/query` for these metric names answers far more than it was asked:
   * `floodPoints` points at times off the step grid, shuffled, with duplicates, points outside
   * the window and values that are not finite (see series-flood.ts). Default none.
   */
  floodedMetrics?: readonly string[];
  /** How many off-grid points inside the window a flooded answer holds. Default 700,000. */
  floodPoints?: number;
  /**
   * One more dashboard in the first project, with this many widgets (its metrics in turn):
   * more than a tab draws. Default 0 (none).
   */
  crowdedDashboardWidgets?: number;
  /**
   * One more project, after the seeded ones, whose dashboard, widget and metric names hold
   * markup, a `command:` link and a bidi override: what a client must show as text. Default false.
   */
  hostileProject?: boolean;
}

export type RuntimeOptionName =
  | 'accessTokenLifetimeSeconds'
  | 'rateLimit'
  | 'retryAfterFormat'
  | 'latencyMs'
  | 'failureRate'
  | 'malformedRate'
  | 'echoRefreshTokenInErrors'
  | 'failingMetrics'
  | 'floodedMetrics'
  | 'floodPoints';

/** The options `configure()` may change while the server runs. */
export type RuntimeOptions = Required<Pick<LucaroServerOptions, RuntimeOptionName>>;

export interface ResolvedOptions extends RuntimeOptions {
  host: string;
  apiPort: number;
  authPort: number;
  seed: number;
  secretSeed: number;
  projects: number;
  dashboardsPerProject: number;
  metricsPerProject: number;
  confidentialClient: { clientId: string; clientSecret: string } | undefined;
  hostileProject: boolean;
  crowdedDashboardWidgets: number;
  tls: TlsIdentity | undefined;
}

export function resolveOptions(options: LucaroServerOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    host: options.host ?? '127.0.0.1',
    apiPort: options.apiPort ?? 0,
    authPort: options.authPort ?? 0,
    seed: options.seed ?? 1,
    secretSeed: options.secretSeed ?? randomInt(2 ** 32),
    projects: options.projects ?? 3,
    dashboardsPerProject: options.dashboardsPerProject ?? 2,
    metricsPerProject: options.metricsPerProject ?? 3,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    rateLimit: { ...(options.rateLimit ?? { limit: 5000, windowSeconds: 3600 }) },
    retryAfterFormat: options.retryAfterFormat ?? 'seconds',
    latencyMs: options.latencyMs ?? 0,
    failureRate: options.failureRate ?? 0,
    malformedRate: options.malformedRate ?? 0,
    echoRefreshTokenInErrors: options.echoRefreshTokenInErrors ?? false,
    failingMetrics: [...(options.failingMetrics ?? [])],
    floodedMetrics: [...(options.floodedMetrics ?? [])],
    floodPoints: options.floodPoints ?? 700_000,
    confidentialClient: options.confidentialClient,
    hostileProject: options.hostileProject ?? false,
    crowdedDashboardWidgets: options.crowdedDashboardWidgets ?? 0,
    tls: options.tls,
  };
  validateRuntimeOptions(resolved);
  assertInteger('secretSeed', resolved.secretSeed, 0, 2 ** 32 - 1);
  for (const name of ['projects', 'dashboardsPerProject', 'metricsPerProject', 'crowdedDashboardWidgets'] as const) {
    assertInteger(name, resolved[name], 0, 1_000_000);
  }
  return resolved;
}

/** The runtime part of resolved options: what `configure()` sets back to start afresh. */
export function runtimeOptionsOf(options: ResolvedOptions): RuntimeOptions {
  const { accessTokenLifetimeSeconds, rateLimit, retryAfterFormat, latencyMs, failureRate, malformedRate, echoRefreshTokenInErrors, failingMetrics, floodedMetrics, floodPoints } =
    options;
  return { accessTokenLifetimeSeconds, rateLimit, retryAfterFormat, latencyMs, failureRate, malformedRate, echoRefreshTokenInErrors, failingMetrics, floodedMetrics, floodPoints };
}

export function validateRuntimeOptions(options: Partial<RuntimeOptions>): void {
  if (options.accessTokenLifetimeSeconds !== undefined) {
    assertInteger('accessTokenLifetimeSeconds', options.accessTokenLifetimeSeconds, 1, Number.MAX_SAFE_INTEGER);
  }
  if (options.rateLimit !== undefined) {
    assertInteger('rateLimit.limit', options.rateLimit.limit, 1, Number.MAX_SAFE_INTEGER);
    assertInteger('rateLimit.windowSeconds', options.rateLimit.windowSeconds, 1, Number.MAX_SAFE_INTEGER);
  }
  if (options.retryAfterFormat !== undefined && !['seconds', 'http-date'].includes(options.retryAfterFormat)) {
    throw new RangeError(`retryAfterFormat must be 'seconds' or 'http-date'`);
  }
  if (options.latencyMs !== undefined) assertInteger('latencyMs', options.latencyMs, 0, 600_000);
  for (const name of ['failureRate', 'malformedRate'] as const) {
    const rate = options[name];
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be within 0..1`);
  }
  if (options.echoRefreshTokenInErrors !== undefined && typeof options.echoRefreshTokenInErrors !== 'boolean') {
    throw new RangeError('echoRefreshTokenInErrors must be true or false');
  }
  for (const name of ['failingMetrics', 'floodedMetrics'] as const) {
    const metrics = options[name];
    if (metrics !== undefined && !metrics.every((metric) => typeof metric === 'string')) throw new RangeError(`${name} must be metric names`);
  }
  if (options.floodPoints !== undefined) assertInteger('floodPoints', options.floodPoints, 0, 5_000_000);
}

function assertInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer within ${min}..${max}, got ${value}`);
  }
}
