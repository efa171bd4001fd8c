import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidServiceUrlError, validateServiceUrl } from '../../../src/core/settings/service-url';

describe('validateServiceUrl', () => {
  test('accepts https and loopback http, without a trailing slash', () => {
    assert.equal(validateServiceUrl('lucaro.apiUrl', 'https://api.lucaro.dev/'), 'https://api.lucaro.dev');
    assert.equal(validateServiceUrl('lucaro.apiUrl', 'http://127.0.0.1:7070'), 'http://127.0.0.1:7070');
    assert.equal(validateServiceUrl('lucaro.apiUrl', 'http://localhost:7070/'), 'http://localhost:7070');
    assert.equal(validateServiceUrl('lucaro.apiUrl', 'http://[::1]:7070'), 'http://[::1]:7070');
    assert.equal(validateServiceUrl('lucaro.authUrl', 'https://sso.example.com/lucaro/'), 'https://sso.example.com/lucaro');
  });

  for (const [value, reason] of [
    ['http://api.lucaro.dev', 'insecure'],
    ['http://10.0.0.5:7070', 'insecure'],
    ['http://127.0.0.1.evil.com', 'insecure'],
    ['ftp://api.lucaro.dev', 'insecure'],
    ['not a url', 'unparsable'],
    ['https://user:pw@api.lucaro.dev', 'hasCredentials'],
    ['https://api.lucaro.dev/?x=1', 'hasQuery'],
  ] as const) {
    test(`rejects ${value} (${reason})`, () => {
      assert.throws(
        () => validateServiceUrl('lucaro.apiUrl', value),
        (error: unknown) => error instanceof InvalidServiceUrlError && error.reason === reason,
      );
    });
  }
});
