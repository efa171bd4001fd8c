import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { silentLogger } from '../../../src/core/log/logger';
import { parseLease, refreshLeaseKeyPrefix, SecretLeases } from '../../../src/core/session/secret-lease';
import { FaultySecretStore } from '../../support/faulty-secret-store';

const timing = { leaseTtlMs: 300, leaseSettleMs: 5, pollMs: 10 };

function leases(secrets: FaultySecretStore, owner: string, signal = new AbortController().signal): SecretLeases {
  return new SecretLeases({ secrets, keyPrefix: refreshLeaseKeyPrefix, owner, timing, logger: silentLogger, signal });
}

describe('leases in secret storage', () => {
  test('property: any stored text parses to a well-formed lease or to nothing, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.record({ owner: fc.string(), expiresAt: fc.oneof(fc.double(), fc.string()) }).map((value) => JSON.stringify(value))), (text) => {
        const lease = parseLease(text);
        if (lease) {
          assert.equal(typeof lease.owner, 'string');
          assert.ok(lease.owner.length > 0);
          assert.equal(typeof lease.expiresAt, 'number');
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('property: windows racing for one lease over a slow store never both hold it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 3 }), async (seed, windows) => {
        const secrets = new FaultySecretStore({ seed, latencyMs: [0, 10] });
        let holders = 0;
        let overlap = 0;
        await Promise.all(
          Array.from({ length: windows }, async (_, index) => {
            const lease = leases(secrets, `window-${index}`);
            await lease.acquire('s1', () => Promise.resolve(false));
            holders++;
            if (holders > 1) overlap++;
            await new Promise((resolve) => setTimeout(resolve, 2));
            holders--;
            await lease.release('s1');
          }),
        );
        assert.equal(overlap, 0);
      }),
      { numRuns: 25 },
    );
  });

  test('a lease its owner never released is taken over after it expires', async () => {
    const secrets = new FaultySecretStore();
    await leases(secrets, 'closed-window').acquire('s1', () => Promise.resolve(false));
    const started = Date.now();
    assert.equal(await leases(secrets, 'window-b').acquire('s1', () => Promise.resolve(false)), 'owned');
    assert.ok(Date.now() - started >= timing.leaseTtlMs - 50, 'waited for the lease to run out');
  });

  test('a waiting window stops waiting as soon as the new tokens are there', async () => {
    const secrets = new FaultySecretStore();
    await leases(secrets, 'window-a').acquire('s1', () => Promise.resolve(false));
    let checks = 0;
    const outcome = await leases(secrets, 'window-b').acquire('s1', () => Promise.resolve(++checks === 3));
    assert.equal(outcome, 'changed');
  });

  test('a store that refuses leases does not block the refresh', async () => {
    const secrets = new FaultySecretStore();
    secrets.failWrites = true;
    assert.equal(await leases(secrets, 'window-a').acquire('s1', () => Promise.resolve(false)), 'owned');
  });

  test('work of one window under one lease nests: the lease goes with the last release, an abandoned one runs out', async () => {
    const secrets = new FaultySecretStore();
    const windowA = leases(secrets, 'window-a');
    await windowA.acquire('s1');
    await windowA.acquire('s1');
    await windowA.release('s1');
    assert.ok(secrets.values.has(refreshLeaseKeyPrefix + 's1'), 'still held by the outer work');
    await windowA.release('s1');
    assert.equal(secrets.values.has(refreshLeaseKeyPrefix + 's1'), false);
    await windowA.acquire('s1');
    windowA.abandon('s1');
    assert.ok(secrets.values.has(refreshLeaseKeyPrefix + 's1'), 'left to run out');
    assert.equal(await leases(secrets, 'window-b').acquire('s1'), 'owned', 'taken over once it ran out');
  });
});
