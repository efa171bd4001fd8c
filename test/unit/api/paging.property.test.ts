import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clampLimit, MAX_EMPTY_PAGES_IN_A_ROW, MAX_PAGE_SIZE, pages, paginate, type Page } from '../../../src/core/api/paging';
import { MalformedResponseError } from '../../../src/core/http/errors';

const runs = { numRuns: 2000 };
/** Far more fetches than any terminating walk below needs: reaching it means a loop. */
const RUNAWAY = 10_000;

/**
 * A server as a table from cursor to page, cursors from a small alphabet so that they
 * repeat, point back, go missing or come back empty, as broken servers' do.
 */
const cursor = fc.constantFrom('a', 'b', 'c', 'd', 'e', '', ' ', 'A');
const serverPages = fc.dictionary(
  fc.oneof(cursor, fc.constant('<start>')),
  fc.record({ items: fc.array(fc.nat({ max: 9 }), { maxLength: 3 }), nextCursor: fc.option(cursor, { nil: undefined }) }),
);

function pageAt(table: Record<string, Page<number>>, at: string | undefined): Page<number> {
  const key = at ?? '<start>';
  return Object.hasOwn(table, key) ? table[key]! : { items: [], nextCursor: undefined };
}

function fetcherFor(table: Record<string, Page<number>>) {
  const fetched: (string | undefined)[] = [];
  const fetchPage = (at: string | undefined): Promise<Page<number>> => {
    fetched.push(at);
    if (fetched.length > RUNAWAY) throw new Error('runaway paging');
    return Promise.resolve(pageAt(table, at));
  };
  return { fetchPage, fetched };
}

describe('paging (property)', () => {
  test('clampLimit: any number at all (NaN, ±Infinity, fractions, -0) gives a whole 1-100 or the server default', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0.5, 100.5)), (limit) => {
        const clamped = clampLimit(limit);
        if (Number.isNaN(limit)) return assert.equal(clamped, undefined);
        assert.ok(clamped !== undefined && Number.isInteger(clamped) && clamped >= 1 && clamped <= MAX_PAGE_SIZE, `${limit} -> ${clamped}`);
        // Within range, the limit asked for (rounded down) is the one sent.
        if (limit >= 1 && limit < MAX_PAGE_SIZE + 1) assert.equal(clamped, Math.floor(limit));
      }),
      runs,
    );
    assert.equal(clampLimit(undefined), undefined);
  });

  test('any table of pages ends: the last page, or a MalformedResponseError, each cursor fetched at most once', async () => {
    await fc.assert(
      fc.asyncProperty(serverPages, fc.option(cursor, { nil: undefined }), async (table, start) => {
        const { fetchPage, fetched } = fetcherFor(table);
        const items: number[] = [];
        let ending: unknown;
        try {
          for await (const item of paginate(fetchPage, start)) items.push(item);
        } catch (error) {
          ending = error;
        }
        if (ending !== undefined) assert.ok(ending instanceof MalformedResponseError, String(ending));
        assert.equal(new Set(fetched).size, fetched.length, `fetched ${JSON.stringify(fetched)}`);
        // Every item of every page fetched, in order, none invented.
        assert.deepEqual(items, fetched.flatMap((at) => pageAt(table, at).items));
      }),
      runs,
    );
  });

  test('a server that hands out a new cursor for ever, with nothing in it, is stopped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), fc.string(), async (itemsFirst, prefix) => {
        let served = 0;
        const fetchPage = (): Promise<Page<number>> => {
          served += 1;
          if (served > RUNAWAY) throw new Error('runaway paging');
          return Promise.resolve({ items: served === 1 ? Array.from({ length: itemsFirst }, (_, i) => i) : [], nextCursor: `${prefix}${served}` });
        };
        await assert.rejects(async () => {
          for await (const page of pages(fetchPage)) void page;
        }, MalformedResponseError);
        assert.ok(served <= MAX_EMPTY_PAGES_IN_A_ROW + 1, `served ${served}`);
      }),
      runs,
    );
  });

  test('a cursor that leads back to the start cursor is caught at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (start) => {
        const { fetchPage, fetched } = fetcherFor({ [start]: { items: [1], nextCursor: start } });
        await assert.rejects(async () => {
          for await (const page of pages(fetchPage, start)) void page;
        }, MalformedResponseError);
        assert.deepEqual(fetched, [start]);
      }),
      runs,
    );
  });
});
