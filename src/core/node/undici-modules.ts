/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Undici from 'undici';

// `import 'undici'` would bundle fetch, WebSocket, caches and mocks too (about 530 KB
// minified). The extension needs the keep-alive Agent, the proxy agent and `request`, so it
// loads just those modules; esbuild.js stubs the parts they load but never use here and
// builds this file as its own bundle (dist/undici-http.js), required on the first request.

const dispatcherPrototype: Pick<Undici.Dispatcher, 'request' | 'connect'> = require('undici/lib/dispatcher/dispatcher').prototype;
// undici's own index attaches these to every dispatcher; the proxy agent's CONNECT needs `connect`.
dispatcherPrototype.request ??= require('undici/lib/api/api-request');
dispatcherPrototype.connect ??= require('undici/lib/api/api-connect');

export const Agent: typeof Undici.Agent = require('undici/lib/dispatcher/agent');
export const ProxyAgent: typeof Undici.ProxyAgent = require('undici/lib/dispatcher/proxy-agent');
export const Pool: typeof Undici.Pool = require('undici/lib/dispatcher/pool');
