import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { timed, timeRuns } from '../../../bench/support/time-runs';

describe('timeRuns (the benchmarks\' timing loop)', () => {
  test('warm-ups are untimed; odd runs go through the candidates in reverse unless the order is fixed', async () => {
    const calls: string[] = [];
    const candidate = (name: string) => () => {
      calls.push(name);
      return { ms: calls.length };
    };
    const times = await timeRuns(3, { a: candidate('a'), b: candidate('b') }, { warmUps: 2 });
    assert.deepEqual(calls, ['a', 'b', 'a', 'b', 'a', 'b', 'b', 'a', 'a', 'b']);
    assert.deepEqual(times.a.samples, [5, 8, 9]);
    assert.deepEqual(times.b.samples, [6, 7, 10]);

    calls.length = 0;
    await timeRuns(2, { a: candidate('a'), b: candidate('b') }, { warmUps: 0, order: 'fixed' });
    assert.deepEqual(calls, ['a', 'b', 'a', 'b']);
  });

  test('median, nearest-rank p95, min and max of the samples; the runs\' answers kept in order', async () => {
    const ms = [7, 1, 9, 3, 5, 2, 8, 4, 6, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 100];
    let run = 0;
    const { only } = await timeRuns(ms.length, { only: () => ({ ms: ms[run]!, run: run++ }) }, { warmUps: 0 });
    assert.deepEqual(only.samples, ms);
    assert.deepEqual(only.runs.map((r) => r.run), ms.map((_, i) => i));
    assert.equal(only.median, 11);
    assert.equal(only.p95, 20, 'the 20th of 21 sorted samples');
    assert.equal(only.min, 1);
    assert.equal(only.max, 100);
  });

  test('timed measures the wall time of sync and async work', async () => {
    const { ms } = await timed(() => new Promise((resolve) => setTimeout(resolve, 30)));
    assert.ok(ms >= 25, `${ms} ms`);
    assert.ok((await timed(() => undefined)).ms >= 0);
  });
});
