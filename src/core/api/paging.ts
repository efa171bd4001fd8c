import { MalformedResponseError } from '../http/errors';

export interface Page<T> {
  items: T[];
  /** Opaque; `undefined` on the last page. */
  nextCursor: string | undefined;
}

export interface PageOptions {
  /** 1-100; the server's default is 50. Out-of-range values are clamped. */
  limit?: number;
  cursor?: string;
  signal?: AbortSignal;
}

export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

export const MAX_PAGE_SIZE = 100;

/** A whole number in 1-100, or `undefined` (the server's default) for none or NaN. */
export function clampLimit(limit: number | undefined): number | undefined {
  if (limit === undefined || Number.isNaN(limit)) return undefined;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

/** Empty pages that still point further: a server walking cursors over nothing. */
export const MAX_EMPTY_PAGES_IN_A_ROW = 10;

/**
 * The most pages one walk fetches (100,000 items at the largest page size): a server that
 * names a new cursor on every page, items and all, is stopped there.
 */
export const MAX_PAGES_PER_WALK = 1000;

/**
 * Pages one after another, starting at `startCursor`, fetched only as the consumer pulls.
 * A cursor seen twice (the start cursor included) means the server is looping, and so do
 * many empty pages in a row that each name a new cursor, or more than `MAX_PAGES_PER_WALK`
 * pages: each ends the walk instead of spinning.
 */
export async function* pages<T>(fetchPage: PageFetcher<T>, startCursor?: string): AsyncGenerator<Page<T>, void, undefined> {
  const seen = new Set<string>(startCursor === undefined ? [] : [startCursor]);
  let emptyInARow = 0;
  let cursor = startCursor;
  for (let fetched = 1; ; fetched++) {
    const page = await fetchPage(cursor);
    yield page;
    if (page.nextCursor === undefined) return;
    if (fetched >= MAX_PAGES_PER_WALK) {
      throw new MalformedResponseError(undefined, `the list goes on past ${MAX_PAGES_PER_WALK} pages`);
    }
    if (seen.has(page.nextCursor)) {
      throw new MalformedResponseError(undefined, 'the list cursor repeated');
    }
    emptyInARow = page.items.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
      throw new MalformedResponseError(undefined, `${MAX_EMPTY_PAGES_IN_A_ROW} empty list pages in a row`);
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** Every item of every page, in order. */
export async function* paginate<T>(fetchPage: PageFetcher<T>, startCursor?: string): AsyncGenerator<T, void, undefined> {
  for await (const page of pages(fetchPage, startCursor)) {
    // A plain loop: `yield*` over an array in an async generator goes through an
    // async-from-sync iterator, an extra await per item (measurable over 20,000 items).
    for (const item of page.items) yield item;
  }
}
