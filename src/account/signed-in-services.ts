import { LucaroApiClient } from '../core/api/api-client';
import { DisposableOwner } from '../core/disposable';
import { Emitter } from '../core/events';
import type { HttpDispatcher } from '../core/http/dispatcher';
import type { RateLimitInfo } from '../core/http/rate-limit';
import type { Logger } from '../core/log/logger';
import type { SessionManager } from '../core/session/session-manager';
import type { SessionRecord } from '../core/session/session-record';
import { sessionTokenSource } from '../core/session/session-token-source';
import { CatalogModel } from '../core/tree/catalog-model';

export interface RateLimitWait {
  readonly until: Date;
}

export interface SignedInServicesDependencies {
  readonly sessions: SessionManager;
  readonly dispatcher: HttpDispatcher;
  readonly logger: Logger;
}

/**
 * Everything that lives exactly as long as one signed-in account is in use: its API client
 * and the sidebar's data. Every request goes through `run` (or the catalog), so `retire()`
 * can cancel them and dispose only once they have settled. Editor-free, so it is
 * unit-tested against the local server.
 */
export class SignedInServices extends DisposableOwner {
  readonly catalog: CatalogModel;
  private readonly api: LucaroApiClient;
  private readonly lifetime = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly rateLimitEmitter = this._register(new Emitter<RateLimitInfo>());
  private readonly waitEmitter = this._register(new Emitter<RateLimitWait>());

  readonly onDidSeeRateLimit = this.rateLimitEmitter.event;
  readonly onDidWaitForRateLimit = this.waitEmitter.event;

  constructor(
    readonly record: SessionRecord,
    deps: SignedInServicesDependencies,
  ) {
    super();
    this.api = new LucaroApiClient({
      // The server that issued the session's tokens, whatever the settings say later.
      baseUrl: record.server.apiUrl,
      dispatcher: deps.dispatcher,
      tokens: sessionTokenSource(deps.sessions, record.id),
      logger: deps.logger,
      onRateLimit: (info) => this.rateLimitEmitter.fire(info),
      onRateLimitWait: (_waitMs, until) => this.waitEmitter.fire({ until }),
    });
    const api = this.api;
    this.catalog = this._register(
      new CatalogModel(
        {
          listProjects: (options) => this.track(api.listProjects(options)),
          listDashboards: (projectId, options) => this.track(api.listDashboards(projectId, options)),
          listMetrics: (projectId, options) => this.track(api.listMetrics(projectId, options)),
        },
        { signal: this.lifetime.signal },
      ),
    );
  }

  /**
   * One piece of this account's API work: cancelled when the account goes out of use (as
   * well as by `signal`, say a progress notification's Cancel), awaited before disposal.
   */
  run<T>(task: (api: LucaroApiClient, signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const combined = signal ? AbortSignal.any([this.lifetime.signal, signal]) : this.lifetime.signal;
    return this.track(task(this.api, combined));
  }

  /** Cancels what is in flight, waits until it has settled, then disposes. */
  async retire(): Promise<void> {
    this.lifetime.abort();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    this.dispose();
  }

  override dispose(): void {
    this.lifetime.abort();
    super.dispose();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }
}
