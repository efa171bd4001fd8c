/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Undici from 'undici';

export interface UndiciClasses {
  readonly Agent: typeof Undici.Agent;
  readonly ProxyAgent: typeof Undici.ProxyAgent;
  readonly Pool: typeof Undici.Pool;
}

/**
 * undici's pool classes, loaded when first called (Node caches the module), so activating
 * the extension does not load the HTTP stack: in the bundle this is a second file.
 */
export function loadUndici(): UndiciClasses {
  return require('./undici-modules');
}
