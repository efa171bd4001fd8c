import { setImmediate as nextTurn } from 'node:timers/promises';
import { request } from './undici';
import type { HttpDispatcher } from './dispatcher';
import { CancelledError, ForeignOriginError, MalformedResponseError, NetworkError, type RequestDescription } from './errors';
import { headerValue, type ResponseHeaders } from './headers';

export interface RawRequest {
  url: URL;
  /** The origin the caller was configured for; a `url` anywhere else is refused unsent. */
  origin: string;
  method: 'GET' | 'POST' | 'PATCH';
  headers: Record<string, string>;
  body?: string;
  headersTimeoutMs: number;
  /** Idle time allowed between two chunks of the body. */
  bodyTimeoutMs: number;
  /** The whole exchange, headers and body: a body that drips a byte at a time ends here. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** `NetworkError.errorCode` when the total deadline of an exchange passed. */
export const DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  DEADLINE_EXCEEDED,
]);

/**
 * One HTTP exchange, body read in full. Redirects are not followed (undici's `request` never
 * does): a 3xx comes back as a response, so Authorization can never travel to another origin.
 * When the deadline passes the body is destroyed, which closes the socket and frees its slot
 * in the pool.
 */
export async function send(dispatcher: HttpDispatcher, raw: RawRequest): Promise<RawResponse> {
  if (raw.url.origin !== raw.origin) throw new ForeignOriginError(raw.origin, raw.url.origin);
  const description: RequestDescription = { method: raw.method, path: raw.url.pathname + raw.url.search };
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), raw.totalTimeoutMs);
  try {
    const response = await request(raw.url, {
      dispatcher,
      method: raw.method,
      headers: raw.headers,
      body: raw.body,
      signal: raw.signal ? AbortSignal.any([raw.signal, deadline.signal]) : deadline.signal,
      headersTimeout: raw.headersTimeoutMs,
      bodyTimeout: raw.bodyTimeoutMs,
    });
    const text = await readText(response.body, response.headers, raw.maxBodyBytes, response.statusCode, description);
    // undici hands a finished socket back to its pool one event-loop turn later; without
    // this pause the caller's next request would find it busy and open another connection.
    await nextTurn();
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    throw transportError(error, raw, description, deadline.signal.aborted);
  } finally {
    clearTimeout(timer);
  }
}

async function readText(
  body: AsyncIterable<Buffer> & { destroy(): void },
  headers: ResponseHeaders,
  maxBytes: number,
  status: number,
  request: RequestDescription,
): Promise<string> {
  const tooLarge = () => {
    body.destroy();
    return new MalformedResponseError(status, `response larger than ${maxBytes} bytes`, { request });
  };
  // Refused before a byte of it is read when the server says so up front.
  if (Number(headerValue(headers, 'content-length')) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportError(error: unknown, raw: RawRequest, request: RequestDescription, pastDeadline: boolean): unknown {
  if (error instanceof MalformedResponseError) return error;
  if (raw.signal?.aborted) return new CancelledError({ request, cause: error });
  const code = pastDeadline ? DEADLINE_EXCEEDED : errorCode(error);
  // An invalid argument is a bug in this code, not the network's doing.
  if (code === undefined || code === 'UND_ERR_INVALID_ARG') return error;
  return new NetworkError(raw.url.origin, { timeout: TIMEOUT_CODES.has(code), errorCode: code }, { request, cause: error });
}

/** System errors carry `code`; DNS and connect failures may arrive wrapped in an AggregateError or `cause`. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = errorCode(inner);
      if (innerCode) return innerCode;
    }
  }
  return errorCode((error as { cause?: unknown }).cause);
}
