import type { HttpDispatcher, HttpExchangeRequest, HttpExchangeResponse } from './dispatcher';
import { errorCode } from './error-code';
import { HIDDEN_REDIRECT_STATUS } from './errors';
import { joinHeaders } from './headers';

export interface FetchDispatcherOptions {
  /** Defaults to the global `fetch`; the worker has no other. */
  readonly fetch?: typeof fetch;
}

/** `NetworkError.errorCode` when fetch failed and the platform did not say why (browsers never do). */
export const FETCH_FAILED = 'FETCH_FAILED';

/**
 * The web worker's dispatcher: the platform's `fetch`, which has its own connection pool
 * and no proxy settings to take (the browser applies its own). No cookies go with a request,
 * and the browser's HTTP cache is neither read nor written.
 */
export function createFetchDispatcher(options: FetchDispatcherOptions = {}): HttpDispatcher {
  const fetchOnce = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    exchange: (request) => exchange(fetchOnce, request),
    close: () => Promise.resolve(),
  };
}

async function exchange(fetchOnce: typeof fetch, request: HttpExchangeRequest): Promise<HttpExchangeResponse> {
  // Its own controller too: cancelling the body must close the connection even when the caller's signal never fires.
  const controller = new AbortController();
  const signal = AbortSignal.any([request.signal, controller.signal]);
  // `cache` is missing from Node's RequestInit type (undici has no HTTP cache); browsers honour it.
  const init: RequestInit & { readonly cache: 'no-store' } = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal,
    redirect: 'manual',
    credentials: 'omit',
    // Answers carry the user's data under their token: the browser's HTTP cache must
    // neither keep them nor answer a request from them (as undici, which has no cache).
    cache: 'no-store',
  };
  let response: Response;
  try {
    response = await fetchOnce(request.url, init);
  } catch (error) {
    throw failure(error, signal);
  }
  const cancel = () => controller.abort(new Error('body not wanted'));
  // A browser hides a redirect it did not follow: no status, no headers, no body.
  if (response.type === 'opaqueredirect') {
    return { status: HIDDEN_REDIRECT_STATUS, headers: joinHeaders([]), body: noChunks(), cancel };
  }
  return { status: response.status, headers: joinHeaders(response.headers), body: chunksOf(response, signal), cancel };
}

async function* chunksOf(response: Response, signal: AbortSignal): AsyncIterable<Uint8Array> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const next = await reader.read().catch((error: unknown) => {
        throw failure(error, signal);
      });
      if (next.done) {
        // Node's fetch hands a finished socket back to its pool a turn later; a request sent
        // before then opens another connection. A browser pays the same one timer turn.
        await nextTurn();
        return;
      }
      yield next.value;
    }
  } finally {
    // Stopped early (body cap, a limit): the rest is not wanted. Cancelling a finished stream is a no-op.
    reader.cancel().catch(() => undefined);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function* noChunks(): AsyncIterable<Uint8Array> {}

/** fetch says "fetch failed" or "terminated" and, on Node, the system code in `cause`. */
function failure(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted || errorCode(error) !== undefined) return error;
  return Object.assign(new Error('fetch failed', { cause: error }), { code: FETCH_FAILED });
}
