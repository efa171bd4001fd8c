import type { Page } from '../api/paging';
import { Emitter, type Disposable } from '../events';

export type PagedListState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly items: readonly T[]; readonly hasMore: boolean; readonly loadingMore: boolean; readonly moreError?: unknown }
  | { readonly status: 'error'; readonly error: unknown };

/**
 * A list read page by page on demand: the first page on `load()`, each further page on
 * `loadMore()`. One request at a time; a failed page keeps what was already loaded.
 * With `keyOf`, an item is listed once: a later page does not repeat an item the list
 * already holds (one the user just created and `prepend`ed, or one that moved between
 * pages while the user read them).
 */
export class PagedList<T> implements Disposable {
  private items: T[] = [];
  /** The keys of `items`, kept in step so a page is checked in time proportional to its size. */
  private keys = new Set<string>();
  private nextCursor: string | undefined;
  private current: PagedListState<T> = { status: 'idle' };
  private inFlight: Promise<void> | undefined;
  private generation = 0;
  private readonly changeEmitter = new Emitter<void>();

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    private readonly keyOf?: (item: T) => string,
  ) {}

  get state(): PagedListState<T> {
    return this.current;
  }

  /**
   * Loads the first page unless it is loaded or loading already. A failed first page stays
   * failed until `reset()` (Retry, Refresh): trees call this on every redraw, and the
   * redraw that shows the error must not start the next attempt.
   */
  load(): Promise<void> {
    if (this.current.status === 'loaded' || this.current.status === 'error') return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    return this.run(undefined);
  }

  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.current.status !== 'loaded' || !this.current.hasMore) return this.load();
    return this.run(this.nextCursor);
  }

  /** Forgets everything; the next `load()` starts again from the first page. */
  reset(): void {
    this.generation++;
    this.items = [];
    this.keys = new Set();
    this.nextCursor = undefined;
    this.inFlight = undefined;
    this.set({ status: 'idle' });
  }

  /** Puts an item the user just created at the front, without a round trip. */
  prepend(item: T): void {
    if (this.current.status !== 'loaded') return;
    const key = this.keyOf?.(item);
    const rest = key !== undefined && this.keys.has(key) ? this.items.filter((existing) => this.keyOf?.(existing) !== key) : this.items;
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
    this.generation++;
    this.changeEmitter.dispose();
  }

  private run(cursor: string | undefined): Promise<void> {
    const generation = this.generation;
    const first = cursor === undefined;
    this.set(first ? { status: 'loading' } : { status: 'loaded', items: this.items, hasMore: true, loadingMore: true });
    const request = this.fetchPage(cursor).then(
      (page) => {
        if (generation !== this.generation) return;
        if (first) this.keys = new Set();
        const fresh = this.unseen(page.items);
        this.items = first ? fresh : [...this.items, ...fresh];
        this.nextCursor = page.nextCursor;
        this.set({ status: 'loaded', items: this.items, hasMore: page.nextCursor !== undefined, loadingMore: false });
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.set(
          first
            ? { status: 'error', error }
            : { status: 'loaded', items: this.items, hasMore: true, loadingMore: false, moreError: error },
        );
      },
    );
    this.inFlight = request.finally(() => {
      if (generation === this.generation) this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The items whose key the list does not hold yet (nor repeats among them); records their keys. */
  private unseen(items: readonly T[]): T[] {
    const keyOf = this.keyOf;
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
