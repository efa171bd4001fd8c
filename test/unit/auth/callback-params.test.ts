import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAuthorizationCallback } from '../../../src/core/auth/callback-params';
import { InvalidCallbackError, OAuthError } from '../../../src/core/auth/oauth-errors';

describe('parseAuthorizationCallback', () => {
  test('reads code and state', () => {
    assert.deepEqual(parseAuthorizationCallback('code=abc&state=xyz'), { code: 'abc', state: 'xyz' });
    assert.deepEqual(parseAuthorizationCallback('?vscode-reqid=1&code=abc&state=xyz'), { code: 'abc', state: 'xyz' });
  });

  test('turns error=access_denied into an OAuthError', () => {
    const callback = parseAuthorizationCallback('error=access_denied&error_description=User%20said%20no&state=s');
    assert.ok('error' in callback);
    assert.ok(callback.error instanceof OAuthError);
    assert.equal(callback.error.code, 'access_denied');
    assert.equal(callback.error.description, 'User said no');
  });

  test('rejects a callback without state or code', () => {
    assert.throws(() => parseAuthorizationCallback('code=abc'), (error: unknown) => error instanceof InvalidCallbackError && error.reason === 'missingState');
    assert.throws(() => parseAuthorizationCallback('state=s'), (error: unknown) => error instanceof InvalidCallbackError && error.reason === 'missingCode');
    assert.throws(() => parseAuthorizationCallback('%%%garbage'), InvalidCallbackError);
  });
});
