import type { ClientSecretStore } from '../auth/client-secret-store';
import { TokenClient } from '../core/auth/token-client';
import type { HttpDispatcher } from '../core/http/dispatcher';
import type { Logger } from '../core/log/logger';
import { readLucaroSettings } from './lucaro-settings';

/** A token client for the settings in force when it is asked for: the user may change them at any time. */
export function tokenClientFactory(deps: {
  clientSecret: ClientSecretStore;
  dispatcher: HttpDispatcher;
  logger: Logger;
}): () => TokenClient {
  return () => {
    const settings = readLucaroSettings();
    return new TokenClient({
      authUrl: settings.authUrl,
      clientId: settings.clientId,
      getClientSecret: () => deps.clientSecret.get(),
      dispatcher: deps.dispatcher,
      logger: deps.logger,
    });
  };
}
