import { after, beforeEach } from 'node:test';
import type { HttpDispatcher } from '../../../src/core/http/dispatcher';
import { silentLogger } from '../../../src/core/log/logger';
import { SessionManager, type SessionManagerOptions } from '../../../src/core/session/session-manager';
import type { LucaroServerUrls, SessionRecord } from '../../../src/core/session/session-record';
import { SessionStore } from '../../../src/core/session/session-store';
import type { SessionTiming } from '../../../src/core/session/session-timing';
import { confirmTokenWithIdentity } from '../../../src/core/session/token-confirmation';
import type { LucaroServer } from '../../server/index';
import { FaultySecretStore, type FaultySecretStoreOptions } from '../../support/faulty-secret-store';
import { useLocalLucaro } from '../../support/local-lucaro';
import { signInThroughConsent, tokenClientFor } from '../../support/oauth-session';

export const scopes = ['read:projects', 'read:dashboards'];

/** The waits of the session layer, shortened so a test takes milliseconds, not seconds. */
export const fastTiming: Partial<SessionTiming> = {
  leaseSettleMs: 5,
  pollMs: 20,
  rotationWaitMs: 800,
  refreshRetryDelaysMs: [20, 60],
  writeRetryDelaysMs: [10, 20, 40],
  confirmDelaysMs: [10, 40],
};

export interface SessionFixture {
  readonly server: LucaroServer;
  readonly dispatcher: HttpDispatcher;
  secrets: FaultySecretStore;
  clock: { now: number };
  /** One editor window: its own manager over the shared secret store. */
  window(overrides?: Partial<SessionManagerOptions> & { realClock?: boolean }): SessionManager;
  signedIn(manager: SessionManager, grant?: string[]): Promise<SessionRecord>;
  /** An API-token session as the paste-a-token sign-in stores it. */
  apiTokenSession(token: string): SessionRecord;
  urls(): LucaroServerUrls;
  expire(record: SessionRecord): void;
}

/**
 * One local Lucaro server for the file, a fresh secret store and clock for each test.
 * `storeOptions` shapes the secret store of every test (latency, faults).
 */
export function useSessionFixture(storeOptions: FaultySecretStoreOptions = {}): SessionFixture {
  const managers: SessionManager[] = [];
  after(() => {
    for (const manager of managers.splice(0)) manager.dispose();
  });
  const lucaro = useLocalLucaro();
  const fixture: SessionFixture = {
    get server() {
      return lucaro.server;
    },
    dispatcher: lucaro.dispatcher,
    secrets: new FaultySecretStore(storeOptions),
    clock: { now: Date.now() },
    window(overrides = {}) {
      const { realClock, ...options } = overrides;
      const manager = new SessionManager({
        store: new SessionStore(fixture.secrets),
        tokenClient: (server) => tokenClientFor(server.authUrl, fixture.dispatcher),
        confirmToken: confirmTokenWithIdentity(fixture.dispatcher, silentLogger),
        logger: silentLogger,
        server: () => fixture.urls(),
        now: realClock ? Date.now : () => fixture.clock.now,
        timing: fastTiming,
        ...options,
      });
      managers.push(manager);
      return manager;
    },
    async signedIn(manager, grant = scopes) {
      const record = await manager.add(await signInThroughConsent(fixture.server, fixture.dispatcher, { scopes, grant }));
      // The sign-in ran on the real clock; the test clock must not run behind it.
      fixture.clock.now = Math.max(fixture.clock.now, record.receivedAt ?? 0);
      return record;
    },
    apiTokenSession(token) {
      return {
        id: `api-${token.slice(-6)}`,
        kind: 'apiToken',
        server: fixture.urls(),
        account: { id: 'usr_demo', label: 'Ada Lovelace' },
        accessToken: token,
        scopes: ['read:projects'],
      };
    },
    urls: () => ({ apiUrl: fixture.server.apiUrl, authUrl: fixture.server.authUrl }),
    expire(record) {
      fixture.clock.now = record.expiresAt! + 1;
    },
  };
  beforeEach(() => {
    for (const manager of managers.splice(0)) manager.dispose();
    fixture.secrets = new FaultySecretStore(storeOptions);
    fixture.clock = { now: Date.now() };
    fixture.server.configure({ accessTokenLifetimeSeconds: 3600, latencyMs: 0 });
    fixture.server.resetCounters();
  });
  return fixture;
}
