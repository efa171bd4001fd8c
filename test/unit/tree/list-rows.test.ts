import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { listRows } from '../../../src/core/tree/list-rows';
import type { PagedListState } from '../../../src/core/tree/paged-list';

const failure = fc.constantFrom(new Error('page failed'), 'a string', 0, { code: 'x' });
const state: fc.Arbitrary<PagedListState<number>> = fc.oneof(
  fc.constant({ status: 'idle' as const }),
  fc.constant({ status: 'loading' as const }),
  fc.record({ status: fc.constant('error' as const), error: failure }),
  fc.record(
    {
      status: fc.constant('loaded' as const),
      items: fc.array(fc.integer(), { maxLength: 30 }),
      hasMore: fc.boolean(),
      loadingMore: fc.boolean(),
      moreError: failure,
      reloading: fc.boolean(),
      reloadError: failure,
    },
    { requiredKeys: ['status', 'items', 'hasMore', 'loadingMore', 'reloading'] },
  ),
);

describe('listRows', () => {
  test('a failed first load is one error row and nothing else', () => {
    assert.deepEqual(listRows({ status: 'error', error: 'x' }), [{ row: 'error', error: 'x' }]);
  });

  test('a failed reload keeps the items under one out-of-date row', () => {
    const rows = listRows({ status: 'loaded', items: [1, 2], hasMore: true, loadingMore: false, reloading: false, reloadError: 'x' });
    assert.deepEqual(rows.map((row) => row.row), ['outOfDate', 'item', 'item', 'loadMore']);
  });

  test('property: the items keep their order; at most one out-of-date row, first; error rows only for a failed first load', () => {
    fc.assert(
      fc.property(state, (list) => {
        const rows = listRows(list);
        const items = rows.flatMap((row) => (row.row === 'item' ? [row.item] : []));
        assert.deepEqual(items, list.status === 'loaded' ? list.items : []);
        const outOfDate = rows.filter((row) => row.row === 'outOfDate');
        assert.equal(outOfDate.length, list.status === 'loaded' && list.reloadError !== undefined ? 1 : 0);
        if (outOfDate.length) assert.equal(rows[0]?.row, 'outOfDate');
        assert.equal(rows.some((row) => row.row === 'error'), list.status === 'error');
        if (list.status === 'error') assert.equal(rows.length, 1);
        const loadMore = rows.filter((row) => row.row === 'loadMore');
        assert.equal(loadMore.length, list.status === 'loaded' && list.hasMore ? 1 : 0);
        if (loadMore.length) assert.equal(rows.at(-1)?.row, 'loadMore');
        const empty = rows.some((row) => row.row === 'empty');
        assert.equal(empty, list.status === 'loaded' && list.items.length === 0 && !list.hasMore && list.reloadError === undefined);
      }),
      { numRuns: 2000 },
    );
  });
});
