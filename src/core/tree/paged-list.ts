import type { Page } from '../api/paging';
import { Emitter, type Disposable } from '../events';

export type PagedListState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | {
      readonly status: 'loaded';
      readonly items: readonly T[];
      readonly hasMore: boolean;
      readonly loadingMore: boolean;
      /** The last "Load more" failed; the items before it stay. */
      readonly moreError?: unknown;
      /** The first page is being fetched again; the items shown are the last ones loaded. */
      readonly reloading: boolean;
      /** The last reload failed: the items are out of date. */
      readonly reloadError?: unknown;
    };

export interface PagedListOptions<T> {
  /** With a key, an item is listed once (see the class comment). */
  readonly keyOf?: (item: T) => string;
  /** Every failed page, once, as it happens. */
  readonly onFailure?: (error: unknown) => void;
}

/** What paging and retrying need of a list, whatever its items. */
export interface PagedListControls {
  load(): Promise<void>;
  loadMore(): Promise<void>;
  reload(): Promise<void>;
  markOutOfDate(): void;
}

/**
 * A list read page by page on demand: the first page on `load()`, each further page on
 * `loadMore()`. One request at a time. A failed page keeps what was already loaded: a
 * failed "Load more" keeps the pages before it, a failed reload keeps the whole list,
 * marked out of date. With `keyOf`, an item is listed once: a later page does not repeat
 * an item the list already holds (one the user just created and `prepend`ed, or one that
 * moved between pages while the user read them).
 */
export class PagedList<T> implements PagedListControls, Disposable {
  private items: T[] = [];
  /** The keys of `items`, kept in step so a page is checked in time proportional to its size. */
  private keys = new Set<string>();
  private nextCursor: string | undefined;
  private current: PagedListState<T> = { status: 'idle' };
  private inFlight: Promise<void> | undefined;
  private outOfDate = false;
  private readonly changeEmitter = new Emitter<void>();

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    private readonly options: PagedListOptions<T> = {},
  ) {}

  get state(): PagedListState<T> {
    return this.current;
  }

  /**
   * Loads the first page unless it is loaded or loading already, or reloads it when the
   * list was marked out of date. A failure stays until `reload()` (Retry) or
   * `markOutOfDate()` (Refresh): trees call this on every redraw, and the redraw that
   * shows the failure must not start the next attempt.
   */
  load(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.current.status === 'idle' || this.outOfDate) return this.run(undefined);
    return Promise.resolve();
  }

  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.current.status !== 'loaded' || !this.current.hasMore) return this.load();
    return this.run(this.nextCursor);
  }

  /** Fetches the first page again now, showing the last items until it arrives. */
  reload(): Promise<void> {
    this.outOfDate = true;
    return this.inFlight ? this.inFlight.then(() => this.load()) : this.load();
  }

  /** The next `load()` fetches the first page again; until then the list shows what it has. */
  markOutOfDate(): void {
    this.outOfDate = true;
  }

  /** Puts an item the user just created at the front, without a round trip. */
  prepend(item: T): void {
    if (this.current.status !== 'loaded') return;
    const key = this.options.keyOf?.(item);
    const rest = key !== undefined && this.keys.has(key) ? this.items.filter((existing) => this.options.keyOf?.(existing) !== key) : this.items;
    if (key !== undefined) this.keys.add(key);
    this.items = [item, ...rest];
    this.set({ ...this.current, items: this.items });
  }

  replace(match: (item: T) => boolean, item: T): void {
    if (this.current.status !== 'loaded') return;
    this.items = this.items.map((existing) => (match(existing) ? item : existing));
    this.set({ ...this.current, items: this.items });
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private run(cursor: string | undefined): Promise<void> {
    const first = cursor === undefined;
    this.outOfDate = false;
    const shown = this.current.status === 'loaded' ? this.current : undefined;
    const request = this.fetchPage(cursor).then(
      (page) => {
        if (first) this.keys = new Set();
        const fresh = this.unseen(page.items);
        this.items = first ? fresh : [...this.items, ...fresh];
        this.nextCursor = page.nextCursor;
        this.set({ status: 'loaded', items: this.items, hasMore: page.nextCursor !== undefined, loadingMore: false, reloading: false });
      },
      (error: unknown) => {
        const now = this.current;
        if (now.status !== 'loaded') this.set({ status: 'error', error });
        else if (first) this.set({ ...now, items: this.items, loadingMore: false, reloading: false, reloadError: error });
        else this.set({ ...now, items: this.items, loadingMore: false, moreError: error });
        this.options.onFailure?.(error);
      },
    );
    this.inFlight = request.finally(() => {
      this.inFlight = undefined;
    });
    // After `inFlight` is set: a listener that calls `load()` joins this request.
    if (!first && shown) this.set({ ...shown, loadingMore: true, moreError: undefined });
    else if (shown) this.set({ ...shown, reloading: true });
    else this.set({ status: 'loading' });
    return this.inFlight;
  }

  /** The items whose key the list does not hold yet (nor repeats among them); records their keys. */
  private unseen(items: readonly T[]): T[] {
    const keyOf = this.options.keyOf;
    if (!keyOf) return [...items];
    return items.filter((item) => {
      const key = keyOf(item);
      if (this.keys.has(key)) return false;
      this.keys.add(key);
      return true;
    });
  }

  private set(state: PagedListState<T>): void {
    this.current = state;
    this.changeEmitter.fire();
  }
}
