import { loadUndici, type HttpDispatcher } from './undici';

/**
 * The connection pool every Lucaro request goes through, API and OAuth alike, so that
 * proxy settings and keep-alive apply to both. Whoever creates it closes it.
 */
export type { HttpDispatcher };

export interface HttpDispatcherOptions {
  /** The editor's `http.proxy`; empty or absent falls back to HTTPS_PROXY / HTTP_PROXY. */
  proxyUrl?: string;
  /** The editor's `http.proxyStrictSSL`; `false` stops certificate verification, as it does in the editor. */
  proxyStrictSSL?: boolean;
  /** Hosts that bypass the proxy (NO_PROXY syntax, comma separated); defaults to NO_PROXY. */
  noProxy?: string;
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  connectTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30_000;
/** Per origin: a burst of calls queues on a few sockets instead of opening one each. */
const MAX_CONNECTIONS_PER_ORIGIN = 8;

export function createHttpDispatcher(options: HttpDispatcherOptions = {}): HttpDispatcher {
  const { Agent, EnvHttpProxyAgent } = loadUndici();
  const env = options.env ?? process.env;
  const explicitProxy = nonEmpty(options.proxyUrl);
  const httpProxy = explicitProxy ?? nonEmpty(env.HTTP_PROXY) ?? nonEmpty(env.http_proxy);
  const httpsProxy = explicitProxy ?? nonEmpty(env.HTTPS_PROXY) ?? nonEmpty(env.https_proxy) ?? httpProxy;
  const noProxy = options.noProxy ?? nonEmpty(env.NO_PROXY) ?? nonEmpty(env.no_proxy) ?? '';

  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const tls = options.proxyStrictSSL === false ? { rejectUnauthorized: false } : {};
  const agentOptions = {
    connections: MAX_CONNECTIONS_PER_ORIGIN,
    connectTimeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    connect: { timeout: connectTimeout, ...tls },
  };

  if (httpProxy === undefined && httpsProxy === undefined) {
    return new Agent(agentOptions);
  }
  // Values are passed explicitly (never undefined) so undici does not read process.env behind our back.
  return new EnvHttpProxyAgent({
    ...agentOptions,
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? '',
    noProxy,
    requestTls: { timeout: connectTimeout, ...tls },
    proxyTls: { timeout: connectTimeout, ...tls },
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * A dispatcher made on first request: the composition root can wire it at activation
 * without loading the HTTP stack until something is actually sent.
 */
export function lazyHttpDispatcher(create: () => HttpDispatcher): HttpDispatcher {
  let dispatcher: HttpDispatcher | undefined;
  return {
    request: (options) => (dispatcher ??= create()).request(options),
    close: () => dispatcher?.close() ?? Promise.resolve(),
  };
}
