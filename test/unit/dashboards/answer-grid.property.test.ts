import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SeriesPoint } from '../../../src/core/api/series';
import { holdToQuestion } from '../../../src/core/dashboards/answer-grid';
import { pointsIn, type QueryWindow } from '../../../src/core/dashboards/time-range';

const runs = { numRuns: 2000 };

/** A question: any integer window (its ends on the grid or not) and step, as the API takes them. */
const question = fc
  .record({ from: fc.integer({ min: -5_000, max: 100_000 }), width: fc.integer({ min: 0, max: 3_000 }), step: fc.integer({ min: 1, max: 400 }), aligned: fc.boolean() })
  .map(({ from, width, step, aligned }): QueryWindow => {
    const fromSeconds = aligned ? Math.ceil(from / step) * step : from;
    return { fromSeconds, toSeconds: fromSeconds + (aligned ? Math.floor(width / step) * step : width), stepSeconds: step };
  });

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, -0) },
);

/** Whatever a server may answer to it: on the grid, off it, twice, outside the window, not finite. */
function answerTo(window: QueryWindow): fc.Arbitrary<SeriesPoint[]> {
  const { fromSeconds: from, toSeconds: to, stepSeconds: step } = window;
  const time = fc.oneof(
    fc.integer({ min: Math.ceil((from - 2 * step) / step), max: Math.floor((to + 2 * step) / step) }).map((k) => k * step),
    fc.double({ min: from - 2 * step, max: to + 2 * step, noNaN: true }),
    fc.integer({ min: from - 2 * step, max: to + 2 * step }),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e20, -1e20),
  );
  return fc.array(fc.tuple(time, value), { maxLength: 300 });
}

const questionAndAnswer = question.chain((window) => fc.tuple(fc.constant(window), answerTo(window)));

/** A well-formed answer: some of the grid's times, ascending, each once, with finite values. */
const wellFormed = question.chain((window) => {
  const first = Math.ceil(window.fromSeconds / window.stepSeconds) * window.stepSeconds;
  const grid = Array.from({ length: Math.max(0, Math.floor((window.toSeconds - first) / window.stepSeconds) + 1) }, (_, k) => first + k * window.stepSeconds);
  return fc.tuple(
    fc.constant(window),
    fc.subarray(grid).chain((times) => fc.tuple(...times.map((time) => fc.tuple(fc.constant(time), fc.double({ noNaN: true, noDefaultInfinity: true }))))),
  );
});

describe('an answer held to its question', () => {
  test('at most the points the window holds, each on the step grid and inside the window, ascending, finite', () => {
    fc.assert(
      fc.property(questionAndAnswer, ([window, points]) => {
        const held = holdToQuestion(points, window);
        assert.ok(held.length <= pointsIn(window), `${held.length} > ${pointsIn(window)}`);
        held.forEach(([time, value], i) => {
          assert.ok(time >= window.fromSeconds && time <= window.toSeconds, `${time} outside the window`);
          assert.ok(Number.isInteger(time / window.stepSeconds), `${time} off the grid`);
          assert.ok(Number.isFinite(value));
          if (i > 0) assert.ok(held[i - 1]![0] < time, 'ascending, each grid time once');
        });
      }),
      runs,
    );
  });

  test('each grid time holds the last sample of the step ending at it (latest time, then last sent); no such step is left out', () => {
    fc.assert(
      fc.property(questionAndAnswer, ([window, points]) => {
        const { fromSeconds: from, toSeconds: to, stepSeconds: step } = window;
        const expected = new Map<number, SeriesPoint>();
        for (const point of points) {
          const [time, value] = point;
          if (!(time >= from && time <= to && Number.isFinite(value))) continue;
          const grid = Math.ceil(time / step) * step;
          if (grid > to) continue;
          const kept = expected.get(grid);
          if (!kept || time >= kept[0]) expected.set(grid, point);
        }
        const held = holdToQuestion(points, window);
        assert.deepEqual(
          held,
          [...expected.entries()].sort(([a], [b]) => a - b).map(([grid, [, value]]) => [grid, value]),
        );
      }),
      runs,
    );
  });

  test('holding twice changes nothing', () => {
    fc.assert(
      fc.property(questionAndAnswer, ([window, points]) => {
        const once = holdToQuestion(points, window);
        assert.deepEqual(holdToQuestion(once, window), once);
      }),
      runs,
    );
  });

  test('a well-formed answer passes unchanged', () => {
    fc.assert(
      fc.property(wellFormed, ([window, points]) => {
        assert.deepEqual(holdToQuestion(points, window), points);
      }),
      runs,
    );
  });

  test('a window that is not one holds nothing', () => {
    const points: SeriesPoint[] = [[0, 1], [60, 2]];
    for (const window of [
      { fromSeconds: 60, toSeconds: 0, stepSeconds: 60 },
      { fromSeconds: 0, toSeconds: 60, stepSeconds: 0 },
      { fromSeconds: 0, toSeconds: 60, stepSeconds: -60 },
      { fromSeconds: 0, toSeconds: 60, stepSeconds: Number.NaN },
      { fromSeconds: 1, toSeconds: 59, stepSeconds: 60 },
    ]) {
      assert.deepEqual(holdToQuestion(points, window), [], JSON.stringify(window));
    }
  });
});
