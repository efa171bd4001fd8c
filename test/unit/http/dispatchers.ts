import { describe } from 'node:test';
import type { HttpDispatcher } from '../../../src/core/http/dispatcher';
import { createFetchDispatcher } from '../../../src/core/http/fetch-dispatcher';
import { createHttpDispatcher } from '../../../src/core/node/undici-dispatcher';

export interface DispatcherKind {
  readonly name: 'undici' | 'fetch';
  readonly create: () => HttpDispatcher;
}

/**
 * Both implementations of the HTTP seam: the HTTP and API test files run once per kind, so
 * the timeouts, caps and error types are shown to be the same. Node's global `fetch` stands
 * in for the web worker's.
 */
export const dispatcherKinds: readonly DispatcherKind[] = [
  { name: 'undici', create: () => createHttpDispatcher({ env: {} }) },
  { name: 'fetch', create: () => createFetchDispatcher() },
];

/** `describe(name, body)` once per dispatcher kind, the kind's name in front. */
export function describeEachDispatcher(name: string, body: (kind: DispatcherKind) => void, options: { concurrency?: boolean } = {}): void {
  for (const kind of dispatcherKinds) describe(`${kind.name}: ${name}`, options, () => body(kind));
}
