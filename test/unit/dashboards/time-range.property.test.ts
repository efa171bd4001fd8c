import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  durationSeconds,
  maxPointsPerChart,
  niceSteps,
  pointsIn,
  queryWindow,
  stepFor,
  timeRanges,
} from '../../../src/core/dashboards/time-range';

const runs = { numRuns: 2000 };
const range = fc.constantFrom(...timeRanges);
// Any moment from 2000 to 2100, to the millisecond.
const nowMs = fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 });

describe('time range -> query window', () => {
  test('the window spans the range, ends at or before now on a multiple of the step, and holds at most 300 points', () => {
    fc.assert(
      fc.property(range, nowMs, fc.constantFrom(1, 2), (r, now, periods) => {
        const window = queryWindow(r, now, periods);
        assert.equal(window.toSeconds - window.fromSeconds, durationSeconds(r) * periods);
        assert.ok(window.toSeconds <= now / 1000, 'never in the future');
        assert.ok(now / 1000 - window.toSeconds < window.stepSeconds, 'less than one step behind now');
        assert.equal(window.toSeconds % window.stepSeconds, 0);
        assert.equal(window.fromSeconds % window.stepSeconds, 0, 'the range is a whole number of steps');
        assert.ok(pointsIn(window) <= maxPointsPerChart);
        assert.ok(Number.isInteger(window.stepSeconds) && window.stepSeconds >= 60);
      }),
      runs,
    );
  });

  test('the step is the finest nice step that fits: the next finer one would exceed 300 points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 200 * 86_400 }), (seconds) => {
        const step = stepFor(seconds);
        assert.ok(Math.floor(seconds / step) + 1 <= maxPointsPerChart, `${seconds}s / ${step}s`);
        const index = niceSteps.indexOf(step);
        assert.ok(index >= 0, `${step} is a nice step`);
        if (index > 0) assert.ok(Math.floor(seconds / niceSteps[index - 1]!) + 1 > maxPointsPerChart, `${seconds}s / ${step}s is needlessly coarse`);
      }),
      runs,
    );
  });

  test('a refresh within the same step asks the same question', () => {
    fc.assert(
      fc.property(range, nowMs, (r, now) => {
        const window = queryWindow(r, now);
        const laterInStep = window.toSeconds * 1000 + (window.stepSeconds * 1000 - 1);
        assert.deepEqual(queryWindow(r, laterInStep), window);
      }),
      runs,
    );
  });

  test('the steps of the four ranges, as a reader sees them', () => {
    const now = Date.UTC(2026, 11, 1, 12, 34, 56);
    assert.deepEqual(
      timeRanges.map((r) => [r, queryWindow(r, now).stepSeconds, pointsIn(queryWindow(r, now))]),
      [['1h', 60, 61], ['24h', 300, 289], ['7d', 3_600, 169], ['30d', 10_800, 241]],
    );
  });
});
