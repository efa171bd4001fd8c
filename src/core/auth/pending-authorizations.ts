import type { Logger } from '../log/logger';
import { parseLoopbackCallback, type AuthorizationCallback, type CallbackQueryParser } from './callback-params';
import { InvalidCallbackError, SignInCancelledError, SignInTimeoutError } from './oauth-errors';

export type CallbackOutcome = 'accepted' | 'denied' | 'ignored';

interface Waiter {
  resolve(code: string): void;
  reject(error: Error): void;
}

/**
 * Sign-ins waiting for the browser to come back, keyed by their `state`. A callback is
 * accepted once, and only for a state that is still pending; anything else is ignored.
 */
export class PendingAuthorizations {
  private readonly waiters = new Map<string, Waiter>();

  constructor(private readonly logger: Logger) {}

  /** Resolves with the authorization code, or rejects on denial, timeout or cancellation. */
  waitForCode(state: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(state);
      };
      const onAbort = () => {
        settle();
        reject(new SignInCancelledError());
      };
      const timer = setTimeout(() => {
        settle();
        reject(new SignInTimeoutError(options.timeoutMs));
      }, options.timeoutMs);
      if (options.signal?.aborted) {
        onAbort();
        return;
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(state, {
        resolve: (code) => {
          settle();
          resolve(code);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
    });
  }

  get size(): number {
    return this.waiters.size;
  }

  /**
   * Routes the query of a redirect to the sign-in that is waiting for it. `parse` reads the
   * form the route delivers; the default is the raw query a browser sends, as the loopback
   * server receives it. Never throws: anything that is not a pending sign-in's answer is
   * ignored, and the sign-ins waiting go on waiting.
   */
  handleCallbackQuery(query: string, parse: CallbackQueryParser = parseLoopbackCallback): CallbackOutcome {
    const callback = this.parseOrIgnore(query, parse);
    if (!callback) return 'ignored';
    const waiter = this.waiters.get(callback.state);
    if (!waiter) {
      this.logger.warn('Ignored a sign-in callback whose state is not pending (unknown, expired or already used).');
      return 'ignored';
    }
    if ('error' in callback) {
      this.logger.warn(`The authorization server refused the sign-in: ${callback.error.code}.`);
      waiter.reject(callback.error);
      return 'denied';
    }
    waiter.resolve(callback.code);
    return 'accepted';
  }

  private parseOrIgnore(query: string, parse: CallbackQueryParser): AuthorizationCallback | undefined {
    try {
      return parse(query);
    } catch (error) {
      const reason = error instanceof InvalidCallbackError ? error.reason : error instanceof Error ? error.name : 'unreadable';
      this.logger.warn(`Ignored a sign-in callback: ${reason}.`);
      return undefined;
    }
  }
}
