import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { HttpDispatcher, HttpExchangeRequest, HttpExchangeResponse } from '../http/dispatcher';
import { joinHeaders, type ResponseHeaders } from '../http/headers';
import { loadUndici } from './undici';

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

/** The Node dispatcher: an undici keep-alive pool, through the editor's proxy when there is one. */
export function createHttpDispatcher(options: HttpDispatcherOptions = {}): HttpDispatcher {
  return undiciHttpDispatcher(createUndiciAgent(options));
}

/** Any undici dispatcher (an Agent, a proxy agent) as the extension's `HttpDispatcher`. */
export function undiciHttpDispatcher(agent: Pick<Dispatcher, 'request' | 'close'>): HttpDispatcher {
  return {
    exchange: (request) => exchange(agent, request),
    close: () => agent.close(),
  };
}

async function exchange(agent: Pick<Dispatcher, 'request'>, request: HttpExchangeRequest): Promise<HttpExchangeResponse> {
  const { url } = request;
  const response = await agent.request({
    origin: url.origin,
    path: url.pathname + url.search,
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    // send() keeps the clocks, the same on every platform; undici's own would race them.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return {
    status: response.statusCode,
    headers: undiciHeaders(response.headers),
    body: bodyThenNextTurn(response.body),
    cancel: () => discard(response.body),
  };
}

/** undici gives a repeated header as an array: joined as fetch joins it. */
function undiciHeaders(headers: Record<string, string | string[] | undefined>): ResponseHeaders {
  return joinHeaders(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : Array.isArray(value) ? value.map((one) => [name, one] as const) : [[name, value] as const],
    ),
  );
}

/** A body cut before or while it is read: undici reports the cut as an 'error' event nobody else listens to. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

async function* bodyThenNextTurn(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* body;
  // undici hands a finished socket back to its pool one event-loop turn later; without
  // this pause the caller's next request would find it busy and open another connection.
  await nextTurn();
}

function createUndiciAgent(options: HttpDispatcherOptions): Dispatcher {
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
