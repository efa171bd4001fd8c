import type { AccessTokenSource } from '../../../src/core/http/access-token-source';
import { LucaroApiClient, type LucaroApiClientOptions } from '../../../src/core/api/api-client';
import type { HttpDispatcher } from '../../../src/core/http/dispatcher';
import { silentLogger } from '../../../src/core/log/logger';

/** A token source for a token that cannot be refreshed (an API token). */
export function fixedTokens(token: string): AccessTokenSource & { unauthorizedCalls: string[] } {
  const unauthorizedCalls: string[] = [];
  return {
    unauthorizedCalls,
    getAccessToken: () => Promise.resolve(token),
    handleUnauthorized: (rejected) => {
      unauthorizedCalls.push(rejected);
      return Promise.resolve(undefined);
    },
  };
}

/** Records every backoff instead of waiting it out, so retry tests take no time. */
export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

export function makeClient(
  apiUrl: string,
  dispatcher: HttpDispatcher,
  tokens: AccessTokenSource,
  overrides: Partial<LucaroApiClientOptions> = {},
): LucaroApiClient {
  return new LucaroApiClient({
    baseUrl: apiUrl,
    dispatcher,
    tokens,
    logger: silentLogger,
    ...overrides,
    retry: { random: () => 0.5, sleep: () => Promise.resolve(), ...overrides.retry },
  });
}
