import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runEach, type Settled } from '../../../src/core/dashboards/widget-query-runner';

/** A task whose every call waits for the test to settle it, so the test sees what runs at once. */
function gatedTasks<T>() {
  const running = new Set<T>();
  const gates = new Map<T, { resolve: () => void; reject: (error: unknown) => void }>();
  let maxRunning = 0;
  const started: T[] = [];
  const task = (item: T) =>
    new Promise<string>((resolve, reject) => {
      started.push(item);
      running.add(item);
      maxRunning = Math.max(maxRunning, running.size);
      gates.set(item, {
        resolve: () => (running.delete(item), resolve(`ok ${String(item)}`)),
        reject: (error) => (running.delete(item), reject(error)),
      });
    });
  return { task, gates, started, running, get maxRunning() { return maxRunning; } };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('widget query runner', () => {
  test('each item runs exactly once, never more than the cap at a time, failures reported as that item\'s result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.nat(), { maxLength: 30 }), async (fails, limit, order) => {
        const items = fails.map((_, i) => i);
        const gated = gatedTasks<number>();
        const results = new Map<number, Settled<string>>();
        const done = runEach(items, gated.task, (item, result) => results.set(item, result), { limit, signal: new AbortController().signal });
        // Settle whatever is running, in an order the property picks.
        for (let step = 0; results.size < items.length; step++) {
          await tick();
          const runningNow = [...gated.running];
          assert.ok(runningNow.length <= limit);
          if (runningNow.length === 0) continue;
          const pick = runningNow[(order[step % Math.max(1, order.length)] ?? 0) % runningNow.length]!;
          const gate = gated.gates.get(pick)!;
          if (fails[pick]) gate.reject(new Error(`boom ${pick}`));
          else gate.resolve();
        }
        await done;
        assert.deepEqual([...gated.started].sort((a, b) => a - b), items, 'every item started exactly once');
        assert.ok(gated.maxRunning <= limit);
        if (items.length > 0) assert.equal(gated.maxRunning, Math.min(limit, items.length), 'the cap is used');
        for (const item of items) {
          const result = results.get(item)!;
          assert.equal(result.ok, !fails[item]);
          if (!result.ok) assert.equal((result.error as Error).message, `boom ${item}`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('items not started when the signal aborts are never started', async () => {
    const gated = gatedTasks<number>();
    const abort = new AbortController();
    const settled: number[] = [];
    const done = runEach([0, 1, 2, 3, 4, 5], gated.task, (item) => settled.push(item), { limit: 2, signal: abort.signal });
    await tick();
    assert.deepEqual(gated.started, [0, 1]);
    abort.abort();
    gated.gates.get(0)!.resolve();
    gated.gates.get(1)!.resolve();
    await done;
    assert.deepEqual(gated.started, [0, 1]);
    assert.deepEqual(settled, [0, 1]);
  });
});
