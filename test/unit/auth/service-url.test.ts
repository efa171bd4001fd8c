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
    assert.equal(validateServiceUrl('lucaro.authUrl', ' HTTPS://SSO.Example.com:443/a/b '), 'https://sso.example.com/a/b');
  });

  for (const [value, reason] of [
    ['http://api.lucaro.dev', 'insecure'],
    ['http://10.0.0.5:7070', 'insecure'],
    ['http://127.0.0.1.evil.com', 'insecure'],
    ['ftp://api.lucaro.dev', 'insecure'],
    ['not a url', 'unparsable'],
    ['https:/evil.test', 'unparsable'],
    ['https:///evil.test', 'unparsable'],
    ['https://user:pw@api.lucaro.dev', 'hasCredentials'],
    ['https://https://evil.test@api.lucaro.dev', 'hasCredentials'],
    ['https://https://api.lucaro.dev@evil.test', 'hasCredentials'],
    ['https://api.lucaro.dev/?x=1', 'hasQuery'],
    ['https://api.lucaro.dev/#top', 'hasQuery'],
    ['https://api.lucaro.dev//evil.test', 'unsafePath'],
    ['http://127.0.0.1:7070//evil.test', 'unsafePath'],
    ['https://api.lucaro.dev/v2/../..', 'unsafePath'],
    ['https://api.lucaro.dev/./v2', 'unsafePath'],
    ['https://api.lucaro.dev/\\evil.test', 'unsafeCharacters'],
    ['https://api.lucaro.dev/%2F%2Fevil.test', 'unsafeCharacters'],
    ['https://api.lucaro.dev/%5Cevil.test', 'unsafeCharacters'],
    ['https://api.lucaro.dev/%2e%2e', 'unsafeCharacters'],
    ['https://api.lucaro.dev/a b', 'unsafeCharacters'],
    ['https://api.lucaro.dev/a\tb', 'unsafeCharacters'],
    ['https://api.lucaro.dev/a\u0000', 'unsafeCharacters'],
    ['https://evil\u3002test', 'unsafeCharacters'],
    ['https://\uff45vil.test', 'unsafeCharacters'],
    ['http://0x7f.1:7070', 'unusualHost'],
    ['http://2130706433:7070', 'unusualHost'],
  ] as const) {
    test(`rejects ${JSON.stringify(value)} (${reason}), naming the setting and nothing of the value`, () => {
      assert.throws(
        () => validateServiceUrl('lucaro.apiUrl', value),
        (error: unknown) =>
          error instanceof InvalidServiceUrlError &&
          error.reason === reason &&
          error.message === `lucaro.apiUrl is not a usable Lucaro URL (${reason}).`,
      );
    });
  }

  test('a value that is not a string is unparsable', () => {
    assert.throws(() => validateServiceUrl('lucaro.authUrl', 42), InvalidServiceUrlError);
    assert.throws(() => validateServiceUrl('lucaro.authUrl', undefined), InvalidServiceUrlError);
  });

  test('the error never repeats a password, not in its message, stack or fields', () => {
    const error = (() => {
      try {
        validateServiceUrl('lucaro.authUrl', 'https://alice:s3cr3t-pa55@sso.example.com/lucaro');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof InvalidServiceUrlError);
    const everything = `${error.message} ${error.stack?.split('\n')[0]} ${JSON.stringify(error)} ${String(error)}`;
    assert.doesNotMatch(everything, /s3cr3t|alice|sso\.example/);
    assert.match(error.message, /lucaro\.authUrl/);
  });
});
