import { identityFetcher } from '../api/identity';
import type { HttpDispatcher } from '../http/dispatcher';
import { LucaroApiError } from '../http/errors';
import type { Logger } from '../log/logger';
import type { SessionRecord } from './session-record';
import { sleep } from './session-timing';

/** What `GET /v2/me` says of a token the API just refused: 'unknown' when it gave no answer. */
export type TokenVerdict = 'valid' | 'rejected' | 'unknown';

export type ConfirmToken = (record: SessionRecord) => Promise<TokenVerdict>;

/** Asks the API the session is bound to (never the current settings) whether its token still works. */
export function confirmTokenWithIdentity(dispatcher: HttpDispatcher, logger: Logger, timeoutMs = 10_000): ConfirmToken {
  return async (record) => {
    try {
      await identityFetcher(record.server.apiUrl, dispatcher, logger)(record.accessToken, AbortSignal.timeout(timeoutMs));
      return 'valid';
    } catch (error) {
      return error instanceof LucaroApiError && error.kind === 'unauthorized' ? 'rejected' : 'unknown';
    }
  };
}

/**
 * One 401 is no proof that an API token is dead (a proxy, a glitch): asks `confirm` after a
 * short wait, and again after each of the later `delaysMs` while it gives no answer.
 */
export async function confirmAfterRefusal(
  record: SessionRecord,
  confirm: ConfirmToken,
  delaysMs: readonly number[],
  signal: AbortSignal,
): Promise<TokenVerdict> {
  let verdict: TokenVerdict = 'unknown';
  for (const delay of delaysMs) {
    await sleep(delay, signal);
    if (signal.aborted) break;
    verdict = await confirm(record).catch((): TokenVerdict => 'unknown');
    if (verdict !== 'unknown') break;
  }
  return verdict;
}
