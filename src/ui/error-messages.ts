import * as vscode from 'vscode';
import { ApiTokenLacksScopesError } from '../core/auth/api-token-sign-in';
import { BrowserNotOpenedError } from '../core/auth/browser-sign-in';
import {
  MalformedTokenResponseError,
  OAuthError,
  SignInCancelledError,
  SignInTimeoutError,
  TokenEndpointUnreachableError,
} from '../core/auth/oauth-errors';
import { ForeignOriginError, LucaroApiError, NetworkError, type ApiFailure } from '../core/http/errors';
import type { NetworkFailureKind } from '../core/http/network-failure';
import { SecretStorageError } from '../core/session/secret-store';
import { LucaroUnreachableError, SessionEndedError, UnconfirmedRejectionError } from '../core/session/session-errors';
import { InvalidServiceUrlError } from '../core/settings/service-url';

/**
 * The one place for the sentences users read: what happened and what to do next. The core's
 * errors carry data and short developer messages; never show `error.message`. Never holds a secret.
 */
export function describeForUser(error: unknown): string {
  if (error instanceof InvalidServiceUrlError) {
    return vscode.l10n.t(
      'The setting {0} must be an https: URL with a plain path (http: only for 127.0.0.1, [::1] or localhost), with no user, query or fragment. Fix it in your user settings.',
      error.setting,
    );
  }
  if (error instanceof OAuthError) {
    if (error.code === 'access_denied') return vscode.l10n.t('Sign-in was denied in the browser. Sign in again to grant access.');
    if (error.code === 'invalid_client') {
      return vscode.l10n.t('Lucaro did not accept the OAuth client. Check lucaro.oauth.clientId and the client secret.');
    }
    return vscode.l10n.t('Lucaro refused the sign-in ({0}). Try signing in again.', error.code);
  }
  if (error instanceof MalformedTokenResponseError) {
    return vscode.l10n.t('The Lucaro sign-in server sent an unusable answer. Try again later; the log has details.');
  }
  if (error instanceof TokenEndpointUnreachableError) {
    if (error.cause instanceof NetworkError && error.cause.failure !== 'unreachable' && error.cause.failure !== 'timeout') {
      return networkFailureMessage(error.cause.failure);
    }
    return vscode.l10n.t('The Lucaro sign-in server could not be reached. Check your connection and lucaro.authUrl.');
  }
  if (error instanceof SignInTimeoutError) {
    return vscode.l10n.t('Sign-in timed out waiting for the browser. Sign in again when you are ready.');
  }
  if (error instanceof SignInCancelledError) return vscode.l10n.t('Sign-in was cancelled.');
  if (error instanceof BrowserNotOpenedError) {
    return vscode.l10n.t('The browser could not be opened. Sign in with an API token instead.');
  }
  if (error instanceof ApiTokenLacksScopesError) {
    return vscode.l10n.t(
      'The API token lacks these scopes: {0}. Create a token with them in Lucaro (Settings > API Tokens).',
      error.missing.join(', '),
    );
  }
  if (error instanceof SessionEndedError) {
    return vscode.l10n.t('Your Lucaro session for {0} has ended. Sign in again.', error.accountLabel);
  }
  if (error instanceof LucaroUnreachableError) {
    return vscode.l10n.t('Lucaro cannot be reached right now; you are still signed in. Check your connection and try again.');
  }
  if (error instanceof UnconfirmedRejectionError) {
    return vscode.l10n.t('Lucaro refused this request, but your API token is still valid, so you are still signed in. Try again.');
  }
  if (error instanceof SecretStorageError) {
    return vscode.l10n.t(
      "The editor's secret storage failed, so your Lucaro sign-in will not be kept after this window closes.",
    );
  }
  if (error instanceof ForeignOriginError) {
    return vscode.l10n.t(
      'A Lucaro request to {0} was stopped: the extension only talks to {1}. Check lucaro.apiUrl and lucaro.authUrl.',
      error.actualOrigin,
      error.expectedOrigin,
    );
  }
  if (error instanceof LucaroApiError) return apiErrorMessage(error as ApiFailure);
  return vscode.l10n.t('Something went wrong with Lucaro. The log (Lucaro: Show Log) has details.');
}

function apiErrorMessage(error: ApiFailure): string {
  switch (error.kind) {
    case 'unauthorized':
      return vscode.l10n.t('Lucaro did not accept the token: it is invalid, expired or revoked. Sign in again.');
    case 'insufficient-scope':
      return vscode.l10n.t('Your Lucaro sign-in lacks a permission this needs. Grant it and try again.');
    case 'rate-limited':
      return error.retryAfterMs === undefined
        ? vscode.l10n.t('Lucaro is rate limiting requests. Wait a moment and try again.')
        : vscode.l10n.t('Lucaro is rate limiting requests. Try again in {0} s.', Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    case 'not-found':
      return vscode.l10n.t('That Lucaro item was not found; it may have been deleted. Refresh to update the list.');
    case 'bad-request':
      return error.serverMessage
        ? vscode.l10n.t('Lucaro rejected the request: {0}. Correct it and try again.', error.serverMessage.replace(/[.\s]+$/, ''))
        : vscode.l10n.t('Lucaro rejected the request as invalid. Check what you entered and try again.');
    case 'server':
      return vscode.l10n.t('The Lucaro API had a problem (HTTP {0}). Try again in a moment.', String(error.status ?? ''));
    case 'network':
      return networkFailureMessage(error.failure);
    case 'malformed-response':
      return vscode.l10n.t('Lucaro sent an answer the extension could not read. Try again; the log has details.');
    case 'cancelled':
      return vscode.l10n.t('The request was cancelled.');
    case 'unexpected-status':
      return error.status !== undefined && error.status >= 300 && error.status < 400
        ? vscode.l10n.t('Lucaro answered with a redirect (HTTP {0}), which the extension does not follow. Check lucaro.apiUrl.', String(error.status))
        : vscode.l10n.t('Lucaro answered unexpectedly (HTTP {0}). Try again.', String(error.status ?? ''));
  }
  // A kind added to the core without a sentence here yet: still one sentence, never undefined.
  return vscode.l10n.t('Something went wrong with Lucaro. The log (Lucaro: Show Log) has details.');
}

function networkFailureMessage(failure: NetworkFailureKind): string {
  switch (failure) {
    case 'certificate':
      return vscode.l10n.t(
        "Lucaro's server certificate is not trusted by this machine; a proxy or company network may be inspecting TLS. Ask your IT team for the company's CA certificate, add it to the system certificate store with http.systemCertificates on, then try again.",
      );
    case 'proxy-auth':
      return vscode.l10n.t('The proxy refused to connect to Lucaro: it asks for authentication (HTTP 407). Check http.proxyAuthorization, then try again.');
    case 'proxy-refused':
      return vscode.l10n.t('The proxy refused to connect to Lucaro. Check http.proxy and http.noProxy, or ask your IT team whether the proxy allows Lucaro.');
    case 'timeout':
      return vscode.l10n.t('Lucaro did not answer in time. Check your connection and proxy, then try again.');
    case 'unreachable':
      return vscode.l10n.t('Lucaro could not be reached. Check your connection, proxy and lucaro.apiUrl.');
  }
}

/** A log line's account of a failure: its type, status and request; never a token or a body. */
export function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  if (!(error instanceof LucaroApiError)) return error.name;
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  const request = error.request ? ` on ${error.request.method} ${error.request.path}` : '';
  return `${error.name}${status}${request}`;
}

export function isCancellation(error: unknown): boolean {
  return (
    error instanceof SignInCancelledError ||
    error instanceof vscode.CancellationError ||
    (error instanceof LucaroApiError && error.kind === 'cancelled')
  );
}
