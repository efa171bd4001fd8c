import type { ResponseHeaders } from './headers';

/**
 * The platform seam of the HTTP layer: the one thing `send` needs from a platform. undici on
 * Node (`src/core/node/undici-dispatcher.ts`), `fetch` in a web worker (`fetch-dispatcher.ts`).
 * Deadlines, timeouts, the body cap, the origin check and the error types live once, in
 * `send.ts`, above it.
 */
export interface HttpExchangeRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborting it stops the exchange wherever it is and frees its connection. */
  readonly signal: AbortSignal;
}

export interface HttpExchangeResponse {
  readonly status: number;
  /** Lower-case names; a repeated header's values joined with ", ", as `fetch` gives them. */
  readonly headers: ResponseHeaders;
  /** The body as it arrives. Not redirected: a 3xx comes back as it is. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Stops reading the body and frees the connection. */
  cancel(): void;
}

/**
 * The connection pool every Lucaro request goes through, API and OAuth alike, so that
 * proxy settings and keep-alive apply to both. Whoever creates it closes it.
 */
export interface HttpDispatcher {
  /** Resolves with the status and headers; rejects when no answer came (the error's `code` says why, where the platform tells). */
  exchange(request: HttpExchangeRequest): Promise<HttpExchangeResponse>;
  close(): Promise<void>;
}

/**
 * The one pool in use, made on the first request (activation loads no HTTP stack) and made
 * again after `rebuild()`: a network setting changed. The pool it replaces takes no new
 * request and closes once the requests it carries have finished.
 */
export class RebuildableHttpDispatcher implements HttpDispatcher {
  private current: HttpDispatcher | undefined;
  private readonly retiring = new Set<Promise<void>>();

  constructor(private readonly create: () => HttpDispatcher) {}

  exchange(request: HttpExchangeRequest): Promise<HttpExchangeResponse> {
    return (this.current ??= this.create()).exchange(request);
  }

  rebuild(): void {
    const old = this.current;
    this.current = undefined;
    if (old) this.retire(old);
  }

  async close(): Promise<void> {
    this.rebuild();
    await Promise.all(this.retiring);
  }

  private retire(old: HttpDispatcher): void {
    const closing = old.close().catch(() => undefined).finally(() => this.retiring.delete(closing));
    this.retiring.add(closing);
  }
}
