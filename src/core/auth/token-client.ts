import * as v from 'valibot';
import { CancelledError, ForeignOriginError, MalformedResponseError, NetworkError } from '../http/errors';
import type { HttpDispatcher } from '../http/dispatcher';
import { parseJsonText } from '../http/json-text';
import { urlBelow } from '../http/request-url';
import { send, type RawResponse } from '../http/send';
import type { Logger } from '../log/logger';
import { validateServiceUrl } from '../settings/service-url';
import { MalformedTokenResponseError, OAuthError, TokenEndpointUnreachableError } from './oauth-errors';
import { tokenErrorSchema, tokenResponseSchema, type TokenResponse } from './token-response';

export interface TokenClientOptions {
  readonly authUrl: string;
  readonly clientId: string;
  /** Read when needed: the user may set or clear it at any time. */
  readonly getClientSecret: () => Promise<string | undefined>;
  readonly dispatcher: HttpDispatcher;
  readonly logger: Logger;
  /** The whole exchange, headers and body. Default 30 s. */
  readonly timeoutMs?: number;
  /** Token endpoint answers beyond this are refused. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

export interface CodeExchange {
  readonly code: string;
  readonly redirectUri: string;
  readonly codeVerifier: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** A token answer is a few kilobytes; anything near this is not one. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

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
    const response = await this.post('oauth/revoke', body, { timeoutMs });
    if (response.status !== 200) {
      throw new OAuthError('revocation_failed', `HTTP ${response.status}`, response.status);
    }
  }

  private async requestTokens(grant: Record<string, string>, signal?: AbortSignal): Promise<TokenResponse> {
    const body = new URLSearchParams({ ...grant, client_id: this.options.clientId });
    const secret = await this.options.getClientSecret();
    if (secret) body.set('client_secret', secret);
    const response = await this.post('oauth/token', body, { timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal });
    const json = parseJson(response.text);
    if (response.status === 200) {
      const parsed = v.safeParse(tokenResponseSchema, json);
      if (!parsed.success) {
        throw new MalformedTokenResponseError(json === undefined ? 'not JSON' : describeIssue(parsed.issues), 200);
      }
      return parsed.output;
    }
    const error = v.safeParse(tokenErrorSchema, json);
    if (error.success) {
      throw new OAuthError(error.output.error, error.output.error_description, response.status);
    }
    throw new MalformedTokenResponseError(json === undefined ? 'not JSON' : 'unknown error body', response.status);
  }

  /**
   * Sent only to the configured origin, headers and body within one deadline, the body
   * capped: every way this can fail is one of the typed errors.
   */
  private async post(
    path: string,
    body: URLSearchParams,
    { timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<RawResponse> {
    const base = new URL(validateServiceUrl('lucaro.authUrl', this.options.authUrl));
    const url = urlBelow(base, path);
    const started = Date.now();
    try {
      const response = await send(this.options.dispatcher, {
        url,
        origin: base.origin,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        headersTimeoutMs: timeoutMs,
        bodyTimeoutMs: timeoutMs,
        totalTimeoutMs: timeoutMs,
        maxBodyBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        signal,
      });
      this.options.logger.debug(`POST ${url.pathname} -> ${response.status} (${Date.now() - started} ms)`);
      return response;
    } catch (error) {
      const failure = tokenEndpointFailure(error);
      this.options.logger.warn(`POST ${url.pathname} failed: ${failure.message} (${Date.now() - started} ms)`);
      throw failure;
    }
  }
}

function tokenEndpointFailure(error: unknown): Error {
  if (error instanceof CancelledError || error instanceof ForeignOriginError) return error;
  if (error instanceof MalformedResponseError) return new MalformedTokenResponseError(error.detail, error.status ?? 0);
  if (error instanceof NetworkError) {
    return new TokenEndpointUnreachableError(error.timeout ? 'timed out' : (error.errorCode ?? 'unreachable'), { cause: error });
  }
  return new TokenEndpointUnreachableError(error instanceof Error ? error.name : 'unknown error', { cause: error });
}

function parseJson(text: string): unknown {
  try {
    return parseJsonText(text);
  } catch {
    return undefined;
  }
}

function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  const key = first?.path?.map((item) => String(item.key)).join('.');
  return key ? `bad or missing ${key}` : 'unexpected shape';
}
