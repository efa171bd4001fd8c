import { setImmediate as nextTurn } from 'node:timers/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Agent, Dispatcher } from 'undici';
import type { HttpDispatcher, HttpExchangeRequest, HttpExchangeResponse } from '../http/dispatcher';
import { joinHeaders, type ResponseHeaders } from '../http/headers';
import { compileProxyRoute, type NetworkOptions } from './proxy-route';
import { refusalAwareProxyClient } from './proxy-refusal';
import { nodeCaCertificateReader, trustedCertificates, type CaCertificateReader } from './trusted-certificates';
import { loadUndici } from './undici';

export interface HttpDispatcherOptions extends NetworkOptions {
  connectTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Where the OS certificate store is read from; defaults to this Node's `tls.getCACertificates`. */
  readCaCertificates?: CaCertificateReader;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30_000;
/** Per origin: a burst of calls queues on a few sockets instead of opening one each. */
const MAX_CONNECTIONS_PER_ORIGIN = 8;

/**
 * The Node dispatcher for one set of network settings: an undici keep-alive pool, per origin
 * direct or through the proxy the settings name (`compileProxyRoute`), trusting the
 * certificates the editor trusts. Built again, not changed, when a setting changes.
 */
export function createHttpDispatcher(options: HttpDispatcherOptions = {}): HttpDispatcher {
  const route = compileProxyRoute(options);
  const agents = new RoutedAgents(options);
  return {
    exchange: async (request) => {
      const way = route(request.url);
      return exchange(way.kind === 'direct' ? agents.direct() : agents.proxied(way.proxyUrl), request);
    },
    close: () => agents.close(),
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

/** At most two undici dispatchers for one set of settings, each made when first needed: direct, and through the one proxy. */
class RoutedAgents {
  private directAgent: Dispatcher | undefined;
  private proxyAgent: Dispatcher | undefined;
  private closed = false;
  private readonly agentOptions: Agent.Options;
  private readonly tls: ConnectTls;

  constructor(private readonly options: HttpDispatcherOptions) {
    const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.tls = connectTls(options, connectTimeout);
    this.agentOptions = {
      connections: MAX_CONNECTIONS_PER_ORIGIN,
      connectTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      connect: this.tls,
    };
  }

  direct(): Dispatcher {
    this.throwIfClosed();
    return (this.directAgent ??= new (loadUndici().Agent)(this.agentOptions));
  }

  /** The settings name one proxy at most, so one proxy agent serves every proxied origin. */
  proxied(proxyUrl: string): Dispatcher {
    this.throwIfClosed();
    if (this.proxyAgent) return this.proxyAgent;
    const { ProxyAgent, Pool } = loadUndici();
    const token = nonEmpty(this.options.proxyAuthorization);
    return (this.proxyAgent = new ProxyAgent({
      ...this.agentOptions,
      uri: proxyUrl,
      // Sent on the CONNECT to the proxy only; the Lucaro request inside the tunnel never carries it.
      ...(token ? { token } : {}),
      requestTls: this.tls,
      proxyTls: this.tls,
      clientFactory: (origin, clientOptions) => refusalAwareProxyClient(new Pool(origin, clientOptions)),
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.directAgent?.close(), this.proxyAgent?.close()]);
  }

  /** As undici says it of a closed pool: the code `send` reports. */
  private throwIfClosed(): void {
    if (this.closed) throw Object.assign(new Error('the dispatcher is closed'), { code: 'UND_ERR_CLOSED' });
  }
}

type ConnectTls = { timeout: number; rejectUnauthorized?: false; secureContext?: SecureContext };

/** One TLS context for the dispatcher's life: the trusted certificates are parsed once, not per connection. */
function connectTls(options: HttpDispatcherOptions, timeout: number): ConnectTls {
  const ca = trustedCertificates(options.systemCertificates ?? true, options.readCaCertificates ?? nodeCaCertificateReader());
  return {
    timeout,
    ...(options.proxyStrictSSL === false ? { rejectUnauthorized: false as const } : {}),
    ...(ca ? { secureContext: createSecureContext({ ca }) } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
