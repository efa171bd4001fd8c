/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Undici from 'undici';

export type ResponseData = Undici.Dispatcher.ResponseData;
export type RequestOptions = Undici.Dispatcher.RequestOptions;

/** What the extension asks of a connection pool: an undici Agent, or one made on first use. */
export interface HttpDispatcher {
  request(options: RequestOptions): Promise<ResponseData>;
  close(): Promise<void>;
}

export interface UndiciClasses {
  readonly Agent: typeof Undici.Agent;
  readonly EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent;
}

/**
 * undici's pool classes, loaded when first called (Node caches the modules), so activating
 * the extension does not pay for the HTTP stack.
 *
 * `import 'undici'` would bundle fetch, WebSocket, caches and mocks too (about 530 KB
 * minified); the extension needs the keep-alive Agent, the proxy agent and `request`, so it
 * loads just those modules, and esbuild.js stubs the parts they load but never use here.
 */
export function loadUndici(): UndiciClasses {
  const dispatcherPrototype: Pick<Undici.Dispatcher, 'request' | 'connect'> = require('undici/lib/dispatcher/dispatcher').prototype;
  // undici's own index attaches these to every dispatcher; the proxy agent's CONNECT needs `connect`.
  dispatcherPrototype.request ??= require('undici/lib/api/api-request');
  dispatcherPrototype.connect ??= require('undici/lib/api/api-connect');
  return {
    Agent: require('undici/lib/dispatcher/agent'),
    EnvHttpProxyAgent: require('undici/lib/dispatcher/env-http-proxy-agent'),
  };
}

/** `undici.request(url, options)`, without the package's index. */
export function request(
  url: URL,
  { dispatcher, ...options }: Omit<RequestOptions, 'origin' | 'path'> & { dispatcher: HttpDispatcher },
): Promise<ResponseData> {
  return dispatcher.request({ ...options, origin: url.origin, path: url.pathname + url.search });
}
