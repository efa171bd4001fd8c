import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ListKey } from '../../../src/core/tree/catalog-model';
import { listId, ListReads } from '../../../src/core/tree/list-reads';

const projectId = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '/', 'a/b', 'projects', 'dashboards/x'));
const listKey: fc.Arbitrary<ListKey> = fc.oneof(
  fc.constant({ list: 'projects' as const }),
  fc.record({ list: fc.constant('dashboards' as const), projectId }),
  fc.record({ list: fc.constant('metrics' as const), projectId }),
);

/** A read that ends when the test says so, either way. */
function openRead(reads: ListReads, key: ListKey) {
  let end!: (ok: boolean) => void;
  const settled = reads
    .during(key, () => new Promise<void>((resolve, reject) => (end = (ok) => (ok ? resolve() : reject(new Error('the list failed'))))))
    .catch(() => undefined);
  return { key, end, settled };
}

describe('ListReads', () => {
  test('listId: two keys share an id exactly when they are the same list', () => {
    fc.assert(
      fc.property(listKey, listKey, (a, b) => {
        const same = a.list === b.list && (a.list === 'projects' || (b.list !== 'projects' && a.projectId === b.projectId));
        assert.equal(listId(a) === listId(b), same);
      }),
      { numRuns: 5000 },
    );
  });

  test('a list counts as read exactly while one of its reads is pending, however they overlap and end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: listKey, ok: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        async (starts, order) => {
          const reads = new ListReads();
          const open = starts.map(({ key }) => openRead(reads, key));
          const ending = [...open.keys()].sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0));
          const pending = new Set(open.keys());
          const check = () => {
            for (const { key } of open) {
              const expected = [...pending].some((index) => listId(open[index]!.key) === listId(key));
              assert.equal(reads.has(key), expected, `${listId(key)} with ${pending.size} reads pending`);
            }
          };
          check();
          for (const index of ending) {
            open[index]!.end(starts[index]!.ok);
            await open[index]!.settled;
            pending.delete(index);
            check();
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('the read answers what the list read answered, and a failure reaches the caller', async () => {
    const reads = new ListReads();
    const key: ListKey = { list: 'metrics', projectId: 'p' };
    assert.equal(await reads.during(key, () => Promise.resolve(42)), 42);
    await assert.rejects(reads.during(key, () => Promise.reject(new Error('the list failed'))), /the list failed/);
    assert.equal(reads.has(key), false);
  });
});
