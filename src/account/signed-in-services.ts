import * as vscode from 'vscode';
import { LucaroApiClient } from '../core/api/api-client';
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
 * and the sidebar's data. Disposed on sign-out or account switch.
 */
export class SignedInServices implements vscode.Disposable {
  readonly api: LucaroApiClient;
  readonly catalog: CatalogModel;
  private readonly rateLimitEmitter = new vscode.EventEmitter<RateLimitInfo>();
  private readonly waitEmitter = new vscode.EventEmitter<RateLimitWait>();

  readonly onDidSeeRateLimit = this.rateLimitEmitter.event;
  readonly onDidWaitForRateLimit = this.waitEmitter.event;

  constructor(
    readonly record: SessionRecord,
    deps: SignedInServicesDependencies,
  ) {
    this.api = new LucaroApiClient({
      // The server that issued the session's tokens, whatever the settings say later.
      baseUrl: record.server.apiUrl,
      dispatcher: deps.dispatcher,
      tokens: sessionTokenSource(deps.sessions, record.id),
      logger: deps.logger,
      onRateLimit: (info) => this.rateLimitEmitter.fire(info),
      onRateLimitWait: (_waitMs, until) => this.waitEmitter.fire({ until }),
    });
    this.catalog = new CatalogModel(this.api);
  }

  dispose(): void {
    this.catalog.dispose();
    this.rateLimitEmitter.dispose();
    this.waitEmitter.dispose();
  }
}
