import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultClientId, noServer, parseLucaroSettings, type RawLucaroSettings } from '../../../src/core/settings/lucaro-settings';
import { InvalidServiceUrlError, validateServiceUrl } from '../../../src/core/settings/service-url';

const runs = { numRuns: 2000 };

/** Anything a settings.json value can be. */
const jsonValue = fc.jsonValue();
const urlLike = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['http', 'https', 'ftp'] }),
  fc.constantFrom('https://api.lucaro.dev', 'http://127.0.0.1:7070/', 'http://localhost:1/x/', 'not a url', ''),
  fc.string(),
);
const rawSettings: fc.Arbitrary<RawLucaroSettings> = fc.record({
  apiUrl: fc.oneof(urlLike, jsonValue),
  authUrl: fc.oneof(urlLike, jsonValue),
  clientId: fc.oneof(fc.string(), jsonValue),
  redirect: fc.oneof(fc.constantFrom('auto', 'uriHandler', 'loopback', 'other'), jsonValue),
});

function accepted(setting: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return validateServiceUrl(setting, value);
  } catch {
    return undefined;
  }
}

describe('parseLucaroSettings', () => {
  test('the production defaults are a valid snapshot', () => {
    const snapshot = parseLucaroSettings({ apiUrl: 'https://api.lucaro.dev', authUrl: 'https://auth.lucaro.dev', clientId: 'lucaro-vscode', redirect: 'auto' });
    assert.ok(snapshot.valid);
    assert.deepEqual(snapshot.server, { apiUrl: 'https://api.lucaro.dev', authUrl: 'https://auth.lucaro.dev' });
  });

  test('a number where a URL belongs is an invalid snapshot naming the setting, not a crash', () => {
    const snapshot = parseLucaroSettings({ apiUrl: 42, authUrl: 'https://auth.lucaro.dev', clientId: undefined, redirect: undefined });
    assert.ok(!snapshot.valid);
    assert.ok(snapshot.error instanceof InvalidServiceUrlError);
    assert.equal(snapshot.error.setting, 'lucaro.apiUrl');
    assert.deepEqual(snapshot.server, noServer);
  });

  test('an object with its own toString where a URL belongs is an invalid snapshot too (found by the property below)', () => {
    const snapshot = parseLucaroSettings({ apiUrl: { toString: false }, authUrl: [], clientId: null, redirect: 'auto' });
    assert.ok(!snapshot.valid);
    assert.equal(snapshot.error.setting, 'lucaro.apiUrl');
  });

  test('property: never throws; valid exactly when both URLs validate, and then holds exactly the validated URLs', () => {
    fc.assert(
      fc.property(rawSettings, (raw) => {
        const snapshot = parseLucaroSettings(raw);
        const apiUrl = accepted('lucaro.apiUrl', raw.apiUrl);
        const authUrl = accepted('lucaro.authUrl', raw.authUrl);
        assert.equal(snapshot.valid, apiUrl !== undefined && authUrl !== undefined);
        if (snapshot.valid) {
          assert.deepEqual(snapshot.server, { apiUrl, authUrl });
          assert.equal(snapshot.settings.apiUrl, apiUrl);
          assert.equal(snapshot.settings.authUrl, authUrl);
        }
      }),
      runs,
    );
  });

  test('property: an invalid snapshot points at no server and names the first bad setting', () => {
    fc.assert(
      fc.property(rawSettings, (raw) => {
        const snapshot = parseLucaroSettings(raw);
        if (snapshot.valid) return;
        assert.deepEqual(snapshot.server, noServer);
        const expected = accepted('lucaro.apiUrl', raw.apiUrl) === undefined ? 'lucaro.apiUrl' : 'lucaro.authUrl';
        assert.equal(snapshot.error.setting, expected);
      }),
      runs,
    );
  });

  test('property: the client id is the trimmed value or the default, and the redirect mode one of three', () => {
    const valid = { apiUrl: 'https://api.lucaro.dev', authUrl: 'https://auth.lucaro.dev' };
    fc.assert(
      fc.property(fc.oneof(fc.string(), jsonValue), fc.oneof(fc.string(), jsonValue), (clientId, redirect) => {
        const snapshot = parseLucaroSettings({ ...valid, clientId, redirect });
        assert.ok(snapshot.valid);
        const trimmed = typeof clientId === 'string' ? clientId.trim() : '';
        assert.equal(snapshot.settings.clientId, trimmed || defaultClientId);
        assert.equal(snapshot.settings.redirectMode, redirect === 'uriHandler' || redirect === 'loopback' ? redirect : 'auto');
      }),
      runs,
    );
  });
});
