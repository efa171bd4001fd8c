import type { AccessTokenSource } from '../http/access-token-source';
import type { HttpDispatcher } from '../http/dispatcher';
import { silentLogger, type Logger } from '../log/logger';
import { LucaroApiClient, type Identity } from './api-client';

/**
 * Who a token belongs to and what it may do, without a session: checks a pasted API token
 * or a freshly issued OAuth access token before it is stored. A 401 is final here.
 */
export function fetchIdentity(
  baseUrl: string,
  token: string,
  dispatcher: HttpDispatcher,
  signal?: AbortSignal,
  logger: Logger = silentLogger,
): Promise<Identity> {
  const tokens: AccessTokenSource = {
    getAccessToken: () => Promise.resolve(token),
    handleUnauthorized: () => Promise.resolve(undefined),
  };
  return new LucaroApiClient({ baseUrl, dispatcher, tokens, logger }).getMe({ signal });
}
