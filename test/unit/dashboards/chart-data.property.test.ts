import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { holdToQuestion } from '../../../src/core/dashboards/answer-grid';
import { summarizeStat, toChartData } from '../../../src/core/dashboards/chart-data';

const runs = { numRuns: 2000 };
const window = { fromSeconds: 1_000, toSeconds: 2_000, stepSeconds: 10 };
const point = fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));

describe('series -> chart data', () => {
  test('chart data are the answer held to the window (answer-grid.ts), as columns: times ascend, unique, on the grid, inside the window', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 400 }), (points) => {
        const data = toChartData(points, window);
        const held = holdToQuestion(points, window);
        assert.deepEqual(data, { times: held.map(([time]) => time), values: held.map(([, value]) => value) });
        for (let i = 1; i < data.times.length; i++) assert.ok(data.times[i - 1]! < data.times[i]!);
        for (const time of data.times) assert.ok(time >= window.fromSeconds && time <= window.toSeconds && time % window.stepSeconds === 0);
      }),
      runs,
    );
  });

  test('a stat is the last point, compared with the last point at least one period before it', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 200 }), fc.integer({ min: 1, max: 1_000 }), (points, period) => {
        const data = toChartData(points, window);
        const stat = summarizeStat(data, period);
        if (data.times.length === 0) return assert.equal(stat.latest, undefined);
        const last = data.times.length - 1;
        assert.deepEqual(stat.latest, { time: data.times[last], value: data.values[last] });
        const earlier = data.times.map((time, i) => ({ time, value: data.values[i]! })).filter((p) => p.time <= stat.latest!.time - period);
        assert.deepEqual(stat.previous, earlier.at(-1));
        if (stat.previous) {
          assert.ok(Object.is(stat.change, stat.latest!.value - stat.previous.value));
          if (stat.previous.value !== 0) assert.ok(Object.is(stat.changeRatio, stat.change! / Math.abs(stat.previous.value)));
          else assert.equal(stat.changeRatio, undefined);
        } else {
          assert.equal(stat.change, undefined);
        }
      }),
      runs,
    );
  });

  test('an empty series gives an empty chart and no stat', () => {
    assert.deepEqual(toChartData([], window), { times: [], values: [] });
    assert.deepEqual(summarizeStat({ times: [], values: [] }, 60), { latest: undefined, previous: undefined, change: undefined, changeRatio: undefined });
  });
});
