import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClientSecretStore } from '../../../src/auth/client-secret-store';
import { Emitter } from '../../../src/core/events';
import { SecretRedactor } from '../../../src/core/log/redact';
import { rememberSessionSecrets } from '../../../src/log/session-secrets';
import { MemorySecretStore } from '../../support/memory-secret-store';

const clientSecretKey = 'lucaro.oauth.clientSecret';

describe('every secret the extension holds reaches the redactor', () => {
  test('a client secret read from secret storage (set in another window) is hidden in logs', async () => {
    const storage = new MemorySecretStore();
    storage.values.set(clientSecretKey, 'cs-from-another-window-42');
    const redactor = new SecretRedactor();
    const store = new ClientSecretStore(storage, redactor);
    assert.equal(await store.get(), 'cs-from-another-window-42');
    assert.equal(redactor.redact('invalid_client: cs-from-another-window-42 was refused'), 'invalid_client: [redacted] was refused');
  });

  test('a client secret is hidden from the moment it is set, before it is stored', async () => {
    const storage = new MemorySecretStore();
    storage.failWrites = true;
    const redactor = new SecretRedactor();
    const store = new ClientSecretStore(storage, redactor);
    await assert.rejects(store.set('typed-in-client-secret'));
    assert.equal(redactor.redact('echo typed-in-client-secret'), 'echo [redacted]');
  });

  test('no stored client secret registers nothing and hides nothing', async () => {
    const redactor = new SecretRedactor();
    assert.equal(await new ClientSecretStore(new MemorySecretStore(), redactor).get(), undefined);
    assert.equal(redactor.redact('no secret here'), 'no secret here');
  });

  test('secrets the session source learns (loaded, refreshed, added) are hidden until disposed', () => {
    const learned = new Emitter<readonly string[]>();
    const redactor = new SecretRedactor();
    const subscription = rememberSessionSecrets(redactor, { onDidLearnSecrets: learned.event });
    learned.fire(['loaded-at-start-up-access', 'loaded-at-start-up-refresh']);
    assert.equal(
      redactor.redact('invalid_grant: refresh token loaded-at-start-up-refresh is revoked'),
      'invalid_grant: refresh token [redacted] is revoked',
    );
    subscription.dispose();
    learned.fire(['after-dispose-secret']);
    assert.equal(redactor.redact('after-dispose-secret'), 'after-dispose-secret');
  });
});
