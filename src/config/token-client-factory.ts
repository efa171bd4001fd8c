import type { ClientSecretStore } from '../auth/client-secret-store';
import { TokenClient } from '../core/auth/token-client';
import type { HttpDispatcher } from '../core/http/dispatcher';
import type { Logger } from '../core/log/logger';
import type { LucaroServerUrls } from '../core/session/session-record';

/**
 * A token client for the token and revocation endpoints of `server`: the server a session
 * is bound to, or the one a new sign-in goes to. The client id and secret are read when
 * asked for, since the user may change them at any time.
 */
export function tokenClientFactory(deps: {
  clientSecret: ClientSecretStore;
  dispatcher: HttpDispatcher;
  logger: Logger;
  /** The client id in force; read per client since the user may change it. */
  clientId: () => string;
}): (server: LucaroServerUrls) => TokenClient {
  return (server) =>
    new TokenClient({
      authUrl: server.authUrl,
      clientId: deps.clientId(),
      getClientSecret: () => deps.clientSecret.get(),
      dispatcher: deps.dispatcher,
      logger: deps.logger,
    });
}
