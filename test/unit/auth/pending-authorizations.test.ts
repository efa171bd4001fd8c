import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OAuthError, SignInCancelledError, SignInTimeoutError } from '../../../src/core/auth/oauth-errors';
import { PendingAuthorizations } from '../../../src/core/auth/pending-authorizations';
import { silentLogger } from '../../../src/core/log/logger';

describe('PendingAuthorizations', () => {
  test('accepts a callback once, only for a pending state', async () => {
    const pending = new PendingAuthorizations(silentLogger);
    const code = pending.waitForCode('state-1', { timeoutMs: 5000 });
    assert.equal(pending.handleCallbackQuery('code=c1&state=wrong'), 'ignored');
    assert.equal(pending.handleCallbackQuery('code=c1'), 'ignored');
    assert.equal(pending.handleCallbackQuery('code=c1&state=state-1'), 'accepted');
    assert.equal(await code, 'c1');
    assert.equal(pending.handleCallbackQuery('code=c1&state=state-1'), 'ignored', 'a replay is ignored');
    assert.equal(pending.size, 0);
  });

  test('a callback that cannot be read is ignored, whatever the parser throws, and the sign-in waits on', async () => {
    const pending = new PendingAuthorizations(silentLogger);
    const code = pending.waitForCode('state-1', { timeoutMs: 5000 });
    assert.equal(pending.handleCallbackQuery('code=a&state=state-1&state=state-1'), 'ignored', 'repeated state');
    assert.equal(pending.handleCallbackQuery('code=a&error=access_denied&state=state-1'), 'ignored', 'code beside an error');
    const broken = () => {
      throw new TypeError('a bug in a parser');
    };
    assert.equal(pending.handleCallbackQuery('code=a&state=state-1', broken), 'ignored');
    assert.equal(pending.size, 1);
    assert.equal(pending.handleCallbackQuery('code=a%2Bb&state=state-1'), 'accepted');
    assert.equal(await code, 'a+b');
  });

  test('error=access_denied ends the attempt with the OAuth error', async () => {
    const pending = new PendingAuthorizations(silentLogger);
    const code = pending.waitForCode('s', { timeoutMs: 5000 });
    assert.equal(pending.handleCallbackQuery('error=access_denied&state=s'), 'denied');
    await assert.rejects(code, (error: unknown) => error instanceof OAuthError && error.code === 'access_denied');
  });

  test('times out and can be cancelled', async () => {
    const pending = new PendingAuthorizations(silentLogger);
    await assert.rejects(pending.waitForCode('t', { timeoutMs: 20 }), SignInTimeoutError);
    const abort = new AbortController();
    const code = pending.waitForCode('u', { timeoutMs: 5000, signal: abort.signal });
    abort.abort();
    await assert.rejects(code, SignInCancelledError);
    assert.equal(pending.handleCallbackQuery('code=late&state=u'), 'ignored');
    assert.equal(pending.size, 0);
  });
});
