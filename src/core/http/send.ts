import type { HttpDispatcher, HttpExchangeResponse } from './dispatcher';
import { errorCode } from './error-code';
import { CancelledError, ForeignOriginError, MalformedResponseError, NetworkError, type RequestDescription } from './errors';
import { ExchangeLimits, type ExpiredLimit } from './exchange-limits';
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
/** `NetworkError.errorCode` when no response headers came in time (the name undici gave it first). */
export const HEADERS_TIMEOUT = 'UND_ERR_HEADERS_TIMEOUT';
/** `NetworkError.errorCode` when the body went quiet for too long (the name undici gave it first). */
export const BODY_TIMEOUT = 'UND_ERR_BODY_TIMEOUT';

const EXPIRED_CODES: Record<ExpiredLimit, string> = {
  deadline: DEADLINE_EXCEEDED,
  headers: HEADERS_TIMEOUT,
  idle: BODY_TIMEOUT,
};

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', ...Object.values(EXPIRED_CODES)]);

/** Statuses without a body (fetch's null-body statuses): whatever bytes a server sends anyway are not read. */
const BODYLESS_STATUSES = new Set([204, 205, 304]);

/** Kept as sent (a leading BOM too), replacement characters for bytes that are not UTF-8. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * One HTTP exchange, body read in full, the same on every platform: the dispatcher only
 * moves bytes. Redirects are never followed (each dispatcher hands a 3xx back as it is), so
 * Authorization can never travel to another origin. When a limit passes the exchange is
 * aborted, which closes its connection and frees its slot in the pool.
 */
export async function send(dispatcher: HttpDispatcher, raw: RawRequest): Promise<RawResponse> {
  if (raw.url.origin !== raw.origin) throw new ForeignOriginError(raw.origin, raw.url.origin);
  const description: RequestDescription = { method: raw.method, path: raw.url.pathname + raw.url.search };
  const limits = new ExchangeLimits(raw, raw.signal);
  try {
    const response = await dispatcher.exchange({
      url: raw.url,
      method: raw.method,
      headers: raw.headers,
      body: raw.body,
      signal: limits.signal,
    });
    limits.headersArrived(() => response.cancel());
    const text = await readText(response, raw.maxBodyBytes, description, limits);
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    throw transportError(error, raw, description, limits.expired);
  } finally {
    limits.stop();
  }
}

async function readText(
  response: HttpExchangeResponse,
  maxBytes: number,
  request: RequestDescription,
  limits: ExchangeLimits,
): Promise<string> {
  if (BODYLESS_STATUSES.has(response.status)) {
    response.cancel();
    return '';
  }
  const tooLarge = () => {
    response.cancel();
    return new MalformedResponseError(response.status, `response larger than ${maxBytes} bytes`, { request });
  };
  // Refused before a byte of it is read when the server says so up front.
  if (Number(headerValue(response.headers, 'content-length')) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    limits.signal.throwIfAborted();
    limits.chunkArrived();
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  limits.signal.throwIfAborted();
  return utf8.decode(concatenate(chunks, size));
}

function concatenate(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

function transportError(error: unknown, raw: RawRequest, request: RequestDescription, expired: ExpiredLimit | undefined): unknown {
  if (error instanceof MalformedResponseError) return error;
  if (raw.signal?.aborted) return new CancelledError({ request, cause: error });
  const code = expired ? EXPIRED_CODES[expired] : errorCode(error);
  // An invalid argument is a bug in this code, not the network's doing.
  if (code === undefined || code === 'UND_ERR_INVALID_ARG') return error;
  return new NetworkError(raw.url.origin, { timeout: TIMEOUT_CODES.has(code), errorCode: code }, { request, cause: error });
}
