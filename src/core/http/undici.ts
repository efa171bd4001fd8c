/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Undici from 'undici';

// `import 'undici'` bundles fetch, WebSocket, caches and mocks too (about 530 KB minified).
// The extension needs the keep-alive Agent, the proxy agent and `request`, so it loads
// just those modules; the types still come from the package. esbuild.js stubs the parts
// these modules load but never use here (see `undiciStubs`).
export const Agent: typeof Undici.Agent = require('undici/lib/dispatcher/agent');
export const EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent');

export type Dispatcher = Undici.Dispatcher;
export type ResponseData = Undici.Dispatcher.ResponseData;

type DispatcherMethods = Pick<Undici.Dispatcher, 'request' | 'connect'>;
const dispatcherPrototype: DispatcherMethods = require('undici/lib/dispatcher/dispatcher').prototype;
// undici's own index attaches these to every dispatcher; the proxy agent's CONNECT needs `connect`.
dispatcherPrototype.request ??= require('undici/lib/api/api-request');
dispatcherPrototype.connect ??= require('undici/lib/api/api-connect');

export type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher };

/** `undici.request(url, options)`, without the package's index. */
export function request(url: URL, { dispatcher, ...options }: RequestOptions): Promise<ResponseData> {
  return dispatcher.request({ ...options, origin: url.origin, path: url.pathname + url.search });
}
