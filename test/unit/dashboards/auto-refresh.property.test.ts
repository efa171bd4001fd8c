import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { autoRefreshMs, maxAutoRefreshSeconds, minAutoRefreshSeconds } from '../../../src/core/dashboards/auto-refresh';

describe('lucaro.dashboards.autoRefreshSeconds', () => {
  test('any setting is off (undefined) or a whole number of seconds between the minimum and a day', () => {
    fc.assert(
      fc.property(fc.anything(), fc.double(), (value, number) => {
        for (const setting of [value, number]) {
          const ms = autoRefreshMs(setting);
          if (ms === undefined) continue;
          assert.ok(typeof setting === 'number' && setting > 0);
          assert.ok(Number.isInteger(ms / 1000) && ms >= minAutoRefreshSeconds * 1000 && ms <= maxAutoRefreshSeconds * 1000, `${String(setting)} -> ${ms}`);
        }
      }),
      { numRuns: 2000 },
    );
    assert.equal(autoRefreshMs(0), undefined, '0 turns it off');
    assert.equal(autoRefreshMs(60), 60_000, 'the default');
    assert.equal(autoRefreshMs(1), 10_000);
  });
});
