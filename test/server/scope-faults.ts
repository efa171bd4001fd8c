import { isKnownScope } from './scopes';

interface QueuedScopeFault {
  readonly requiredScopes: readonly string[];
  readonly path: RegExp | undefined;
  remaining: number;
}

/**
 * `insufficientScopeNext`: authenticated API requests answered with a 403
 * `insufficient_scope` although the token has the scope, as when the server has narrowed a
 * grant the client still believes in. Served after authentication and the rate limit, where
 * the real scope check sits; an optional path pattern limits which requests count.
 */
export class ScopeFaults {
  private readonly queue: QueuedScopeFault[] = [];

  schedule(count: number, requiredScopes: readonly string[], path?: RegExp): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    if (requiredScopes.length === 0) throw new RangeError('requiredScopes must name at least one scope');
    const unknown = requiredScopes.filter((scope) => !isKnownScope(scope));
    if (unknown.length > 0) throw new RangeError(`unknown scope(s): ${unknown.join(' ')}`);
    if (count > 0) this.queue.push({ requiredScopes: [...requiredScopes], path, remaining: count });
  }

  /** The scopes the request at `path` (no query) is to be refused for, if any. */
  take(path: string): readonly string[] | undefined {
    const index = this.queue.findIndex((fault) => !fault.path || fault.path.test(path));
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    return fault.requiredScopes;
  }
}
