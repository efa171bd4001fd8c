import { request, type HttpDispatcher, type ResponseData } from '../http/undici';
import * as v from 'valibot';
import type { Logger } from '../log/logger';
import { withTrailingSlash } from './authorization-request';
import { MalformedTokenResponseError, OAuthError, TokenEndpointUnreachableError } from './oauth-errors';
import { tokenErrorSchema, tokenResponseSchema, type TokenResponse } from './token-response';

export interface TokenClientOptions {
  readonly authUrl: string;
  readonly clientId: string;
  /** Read when needed: the user may set or clear it at any time. */
  readonly getClientSecret: () => Promise<string | undefined>;
  readonly dispatcher: HttpDispatcher;
  readonly logger: Logger;
  readonly timeoutMs?: number;
}

export interface CodeExchange {
  readonly code: string;
  readonly redirectUri: string;
  readonly codeVerifier: string;
}

/** The client side of `{auth}/oauth/token` and `{auth}/oauth/revoke`. */
export class TokenClient {
  constructor(private readonly options: TokenClientOptions) {}

  async exchangeCode(exchange: CodeExchange, signal?: AbortSignal): Promise<TokenResponse> {
    return this.requestTokens(
      {
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
      },
      signal,
    );
  }

  async refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenResponse> {
    return this.requestTokens({ grant_type: 'refresh_token', refresh_token: refreshToken }, signal);
  }

  /** RFC 7009. Best effort: the caller deletes its record whatever happens here. */
  async revoke(token: string, hint: 'access_token' | 'refresh_token', timeoutMs = 3000): Promise<void> {
    const body = new URLSearchParams({ token, token_type_hint: hint, client_id: this.options.clientId });
    const response = await this.post('oauth/revoke', body, AbortSignal.timeout(timeoutMs));
    await response.body.dump();
    if (response.statusCode !== 200) {
      throw new OAuthError('revocation_failed', `HTTP ${response.statusCode}`, response.statusCode);
    }
  }

  private async requestTokens(grant: Record<string, string>, signal?: AbortSignal): Promise<TokenResponse> {
    const body = new URLSearchParams({ ...grant, client_id: this.options.clientId });
    const secret = await this.options.getClientSecret();
    if (secret) body.set('client_secret', secret);
    const response = await this.post('oauth/token', body, signal);
    const text = await response.body.text();
    const json = parseJson(text);
    if (response.statusCode === 200) {
      const parsed = v.safeParse(tokenResponseSchema, json);
      if (!parsed.success) {
        throw new MalformedTokenResponseError(json === undefined ? 'not JSON' : describeIssue(parsed.issues), 200);
      }
      return parsed.output;
    }
    const error = v.safeParse(tokenErrorSchema, json);
    if (error.success) {
      throw new OAuthError(error.output.error, error.output.error_description, response.statusCode);
    }
    throw new MalformedTokenResponseError(json === undefined ? 'not JSON' : 'unknown error body', response.statusCode);
  }

  private async post(path: string, body: URLSearchParams, signal?: AbortSignal): Promise<ResponseData> {
    const url = new URL(path, withTrailingSlash(this.options.authUrl));
    const started = Date.now();
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.options.dispatcher,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      this.options.logger.debug(`POST ${url.pathname} -> ${response.statusCode} (${Date.now() - started} ms)`);
      return response;
    } catch (error) {
      if (signal?.aborted) throw error;
      const detail = timeout.aborted ? 'timed out' : errorCode(error);
      this.options.logger.warn(`POST ${url.pathname} failed: ${detail}`);
      throw new TokenEndpointUnreachableError(detail, { cause: error });
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  const key = first?.path?.map((item) => String(item.key)).join('.');
  return key ? `bad or missing ${key}` : 'unexpected shape';
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown error';
}
