import type { ListKey } from './catalog-model';

/** One text per list: equal keys give equal ids, different keys different ones. */
export function listId(key: ListKey): string {
  return key.list === 'projects' ? 'projects' : `${key.list}/${key.projectId}`;
}

/**
 * The lists a tree is reading for its children right now. A list changes while it is read
 * (loading, then loaded), and the children that read returns already show the change: a
 * redraw for it would only replace rows just drawn, and VS Code drops the command of a row it
 * has replaced, so a click landing on the old row would do nothing.
 */
export class ListReads {
  private readonly pending = new Map<string, number>();

  /** Runs `read` with `key` marked as being read; the mark goes when it settles, either way. */
  async during<T>(key: ListKey, read: () => Promise<T>): Promise<T> {
    const id = listId(key);
    this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
    try {
      return await read();
    } finally {
      const left = (this.pending.get(id) ?? 1) - 1;
      if (left > 0) this.pending.set(id, left);
      else this.pending.delete(id);
    }
  }

  has(key: ListKey): boolean {
    return this.pending.has(listId(key));
  }
}
