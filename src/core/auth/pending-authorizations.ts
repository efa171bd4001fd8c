import type { Logger } from '../log/logger';
import { parseAuthorizationCallback } from './callback-params';
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

  /** Routes the query of a redirect to the sign-in that is waiting for it. */
  handleCallbackQuery(query: string): CallbackOutcome {
    let callback;
    try {
      callback = parseAuthorizationCallback(query);
    } catch (error) {
      if (error instanceof InvalidCallbackError) {
        this.logger.warn(`Ignored a sign-in callback: ${error.reason}.`);
        return 'ignored';
      }
      throw error;
    }
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
}
