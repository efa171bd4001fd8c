import type { Response } from 'express';
import type { Catalog } from './catalog';
import type { ServerCounters } from './counters';
import type { FaultInjector } from './faults';
import type { RuntimeOptions } from './options';
import type { RateLimiter } from './rate-limiter';
import type { ScopeFaults } from './scope-faults';
import type { TokenStore } from './token-store';

export interface ApiDeps {
  readonly seed: number;
  readonly catalog: Catalog;
  readonly store: TokenStore;
  readonly counters: ServerCounters;
  readonly runtime: RuntimeOptions;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly scopeFaults: ScopeFaults;
}

/** Who is calling: set by the gate once the bearer token checks out. */
export interface Caller {
  readonly userId: string;
  readonly scopes: readonly string[];
}

export function setCaller(res: Response, caller: Caller): void {
  res.locals['caller'] = caller;
}

export function callerOf(res: Response): Caller {
  const caller = res.locals['caller'] as Caller | undefined;
  if (!caller) throw new Error('route reached without passing the gate');
  return caller;
}
