import type { PagedListState } from './paged-list';

/** What a tree shows for a paged list, before the shell turns each row into a `TreeItem`. */
export type ListRow<T> =
  | { readonly row: 'item'; readonly item: T }
  /** "Load more…", or "Could not load more. Retry…" with the error that stopped it. */
  | { readonly row: 'loadMore'; readonly error?: unknown }
  /** The first page failed: nothing else to show. */
  | { readonly row: 'error'; readonly error: unknown }
  /** A reload failed: the items below it are the last ones loaded. */
  | { readonly row: 'outOfDate'; readonly error: unknown }
  | { readonly row: 'empty' };

/**
 * The rows for a list's state: a failed first load is one error row; a failed reload keeps
 * the items, with one out-of-date row above them; a list with more pages ends in "Load more…".
 */
export function listRows<T>(state: PagedListState<T>): ListRow<T>[] {
  switch (state.status) {
    case 'idle':
    case 'loading':
      return [];
    case 'error':
      return [{ row: 'error', error: state.error }];
    case 'loaded': {
      const rows: ListRow<T>[] = [];
      if (state.reloadError !== undefined) rows.push({ row: 'outOfDate', error: state.reloadError });
      for (const item of state.items) rows.push({ row: 'item', item });
      if (state.items.length === 0 && !state.hasMore && rows.length === 0) rows.push({ row: 'empty' });
      if (state.hasMore) rows.push({ row: 'loadMore', ...(state.moreError !== undefined ? { error: state.moreError } : {}) });
      return rows;
    }
  }
}
