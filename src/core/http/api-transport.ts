import type * as v from 'valibot';
import type { Logger } from '../log/logger';
import { InvalidServiceUrlError, validateServiceUrl } from '../settings/service-url';
import type { AccessTokenSource } from './access-token-source';
import type { HttpDispatcher } from './dispatcher';
import { CancelledError, LucaroApiError, RateLimitedError, type RequestDescription } from './errors';
import type { ResponseHeaders } from './headers';
import { parseGrantedScopes, parseRateLimit, type RateLimitInfo } from './rate-limit';
import { errorFromResponse } from './response-errors';
import { resolveRetryOptions, retryDelay, type ResolvedRetryOptions, type RetryOptions } from './retry-policy';
import { urlBelow, type QueryValues } from './request-url';
import { parseJsonBody } from './response-body';
import { send, type RawResponse } from './send';

export interface ApiTransportOptions {
  /** The API base, e.g. `https://api.lucaro.dev` (validated by the caller). */
  baseUrl: string;
  dispatcher: HttpDispatcher;
  tokens: AccessTokenSource;
  logger: Logger;
  retry?: RetryOptions;
  /** Time allowed until the response headers arrive. Default 30 s. */
  headersTimeoutMs?: number;
  /** Time allowed between two chunks of the body. Default 30 s. */
  bodyTimeoutMs?: number;
  /** Time allowed for one attempt, headers and body together. Default 60 s. */
  totalTimeoutMs?: number;
  /** Bodies beyond this are refused as malformed. Default 16 MiB. */
  maxBodyBytes?: number;
  userAgent?: string;
  /** Every response that carried `X-RateLimit-*`. */
  onRateLimit?: (info: RateLimitInfo) => void;
  /** Before waiting out a 429 (only safe requests wait). */
  onRateLimitWait?: (waitMs: number, until: Date) => void;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

export interface ApiCall<T> {
  method: HttpMethod;
  /** Path below the base, starting with `/`; ids already encoded. */
  path: string;
  query?: QueryValues;
  body?: unknown;
  schema: v.GenericSchema<unknown, T>;
  /** Safe calls are retried on 5xx, network failures and 429. Default: GET only. */
  safe?: boolean;
  signal?: AbortSignal;
}

export interface ApiResult<T> {
  data: T;
  /** This response's `X-OAuth-Scopes`. */
  scopes: string[] | undefined;
}

/** Authorization, retries, error mapping, rate-limit tracking and validation for every API call. */
export class ApiTransport {
  readonly #options: ApiTransportOptions;
  readonly #retry: ResolvedRetryOptions;
  readonly #base: URL | InvalidServiceUrlError;

  constructor(options: ApiTransportOptions) {
    this.#options = options;
    this.#retry = resolveRetryOptions(options.retry);
    // Checked again here: a stored session may carry a URL from before today's rules.
    this.#base = serviceBase(options.baseUrl);
  }

  async call<T>(call: ApiCall<T>): Promise<ApiResult<T>> {
    const url = urlBelow(this.#baseUrl(), call.path, call.query);
    const request: RequestDescription = { method: call.method, path: url.pathname + url.search };
    const safe = call.safe ?? call.method === 'GET';
    const state = { refreshed: false };
    let waitedMs = 0;
    for (let retry = 0; ; retry++) {
      if (call.signal?.aborted) throw new CancelledError({ request });
      try {
        return await this.#attempt(call, url, request, state);
      } catch (error) {
        const wait = safe ? retryDelay(error, retry, waitedMs, this.#retry) : undefined;
        if (wait === undefined) throw error;
        this.#options.logger.info(
          `${request.method} ${request.path} failed (${describe(error)}); retry ${retry + 1} of ${this.#retry.maxRetries} in ${wait} ms`,
        );
        if (error instanceof RateLimitedError) {
          this.#notify(() => this.#options.onRateLimitWait?.(wait, new Date(this.#retry.now() + wait)));
        }
        try {
          await this.#retry.sleep(wait, call.signal);
        } catch (sleepError) {
          throw new CancelledError({ request, cause: sleepError });
        }
        waitedMs += wait;
      }
    }
  }

  async #attempt<T>(
    call: ApiCall<T>,
    url: URL,
    request: RequestDescription,
    state: { refreshed: boolean },
  ): Promise<ApiResult<T>> {
    const token = await this.#options.tokens.getAccessToken();
    let response = await this.#exchange(call, url, token);
    // The server refused before doing anything, so one retry with a fresh token is safe for any method.
    if (response.status === 401 && !state.refreshed) {
      state.refreshed = true;
      const fresh = await this.#options.tokens.handleUnauthorized(token);
      if (fresh !== undefined) response = await this.#exchange(call, url, fresh);
    }
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse(response, request, this.#retry.now());
    }
    return { data: parseJsonBody(response, call.schema, request), scopes: parseGrantedScopes(response.headers) };
  }

  async #exchange(call: ApiCall<unknown>, url: URL, token: string): Promise<RawResponse> {
    const started = performance.now();
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'content-type': 'application/json',
    };
    if (this.#options.userAgent) headers['user-agent'] = this.#options.userAgent;
    const path = url.pathname + url.search;
    try {
      const response = await send(this.#options.dispatcher, {
        url,
        origin: this.#baseUrl().origin,
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        headersTimeoutMs: this.#options.headersTimeoutMs ?? 30_000,
        bodyTimeoutMs: this.#options.bodyTimeoutMs ?? 30_000,
        totalTimeoutMs: this.#options.totalTimeoutMs ?? 60_000,
        maxBodyBytes: this.#options.maxBodyBytes ?? 16 * 1024 * 1024,
        signal: call.signal,
      });
      this.#options.logger.debug(`${call.method} ${path} -> ${response.status} (${elapsed(started)} ms)`);
      this.#observe(response.headers);
      return response;
    } catch (error) {
      this.#options.logger.debug(`${call.method} ${path} failed: ${describe(error)} (${elapsed(started)} ms)`);
      throw error;
    }
  }

  /** An invalid base fails every call with its typed error, never the constructor. */
  #baseUrl(): URL {
    if (this.#base instanceof InvalidServiceUrlError) throw this.#base;
    return this.#base;
  }

  #observe(headers: ResponseHeaders): void {
    const rateLimit = parseRateLimit(headers);
    if (rateLimit) this.#notify(() => this.#options.onRateLimit?.(rateLimit));
  }

  /** A listener's failure is logged, never allowed to fail the request. */
  #notify(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.#options.logger.warn('A rate-limit listener failed', error);
    }
  }
}

function serviceBase(baseUrl: string): URL | InvalidServiceUrlError {
  try {
    return new URL(validateServiceUrl('lucaro.apiUrl', baseUrl));
  } catch (error) {
    if (error instanceof InvalidServiceUrlError) return error;
    throw error;
  }
}

function describe(error: unknown): string {
  if (error instanceof LucaroApiError) return error.status === undefined ? error.name : `${error.name} ${error.status}`;
  return error instanceof Error ? error.name : 'unknown error';
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
