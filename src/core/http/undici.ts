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
 * undici's pool classes, loaded when first called (Node caches the module), so activating
 * the extension does not load the HTTP stack: in the bundle this is a second file.
 */
export function loadUndici(): UndiciClasses {
  return require('./undici-modules');
}

/** `undici.request(url, options)`, without the package's index. */
export function request(
  url: URL,
  { dispatcher, ...options }: Omit<RequestOptions, 'origin' | 'path'> & { dispatcher: HttpDispatcher },
): Promise<ResponseData> {
  return dispatcher.request({ ...options, origin: url.origin, path: url.pathname + url.search });
}
