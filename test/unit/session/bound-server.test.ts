import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LucaroServerUrls } from '../../../src/core/session/session-record';
import { FaultySecretStore } from '../../support/faulty-secret-store';
import { useLocalLucaroServer } from '../../support/local-lucaro';
import { tokenClientFor } from '../../support/oauth-session';
import { useSessionFixture } from './fixture';

describe('refresh and revocation use the server the session is bound to (hole 11)', () => {
  const fixture = useSessionFixture();
  const otherLucaro = useLocalLucaroServer({ seed: 2 });

  /** A window whose settings the test changes; the token client goes wherever it is told. */
  function windowWithSettings() {
    let settings: LucaroServerUrls = fixture.urls();
    const askedFor: string[] = [];
    const manager = fixture.window({
      server: () => settings,
      tokenClient: (server) => {
        askedFor.push(server.authUrl);
        return tokenClientFor(server.authUrl, fixture.dispatcher);
      },
    });
    return { manager, askedFor, point: (urls: LucaroServerUrls) => (settings = urls) };
  }

  const otherUrls = () => ({ apiUrl: otherLucaro.server.apiUrl, authUrl: otherLucaro.server.authUrl });

  test('settings changed during an in-flight refresh: the old server gets it, the new one sees nothing', async () => {
    fixture.secrets = new FaultySecretStore({ latencyMs: [30, 30] });
    const { manager, askedFor, point } = windowWithSettings();
    const record = await fixture.signedIn(manager);
    otherLucaro.server.resetCounters();
    fixture.server.resetCounters();
    fixture.expire(record);
    const refreshing = manager.getAccessToken(record.id);
    // The refresh reads the store and takes its lease first (30 ms a step): move the settings meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 10));
    point(otherUrls());
    const token = await refreshing;
    assert.notEqual(token, record.accessToken);
    assert.equal(fixture.server.counters.tokenRequests.refresh_token, 1, 'the issuing server refreshed');
    assert.equal(otherLucaro.server.counters.tokenRequests.refresh_token, 0, 'the new server saw no refresh token');
    assert.equal(otherLucaro.server.counters.authConnections, 0, 'nor any connection');
    assert.deepEqual(askedFor, [fixture.server.authUrl]);
  });

  test('sign-out revokes at the issuing server even if the settings change while it runs', async () => {
    fixture.secrets = new FaultySecretStore({ latencyMs: [30, 30] });
    const { manager, point } = windowWithSettings();
    const record = await fixture.signedIn(manager);
    otherLucaro.server.resetCounters();
    fixture.server.resetCounters();
    const removing = manager.remove(record.id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    point(otherUrls());
    await removing;
    assert.equal(fixture.server.counters.revocations, 2);
    assert.equal(otherLucaro.server.counters.revocations, 0);
    assert.equal(fixture.server.isTokenActive(record.refreshToken!), false);
  });
});
