import type { Page } from 'playwright-core';

export interface StoredEntry {
  readonly database: string;
  readonly store: string;
  readonly key: string;
  readonly value: string;
}

/**
 * Every entry the web workbench keeps in the browser's IndexedDB: the global state, each
 * workspace's state (an extension's `workspaceState` among it), the log store.
 */
export async function indexedDbContents(page: Page): Promise<StoredEntry[]> {
  // A string, not a function: the test runner's transform would add helpers the page lacks.
  return page.evaluate(readEverything) as Promise<StoredEntry[]>;
}

const readEverything = `(async () => {
  const opened = (name) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error('could not open ' + name));
  });
  const decode = (value) => value instanceof Uint8Array ? new TextDecoder().decode(value) : typeof value === 'string' ? value : JSON.stringify(value);
  const parts = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const database = await opened(name);
    for (const store of Array.from(database.objectStoreNames)) {
      await new Promise((resolve, reject) => {
        const request = database.transaction(store).objectStore(store).openCursor();
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve();
          parts.push({ database: name, store, key: decode(cursor.key), value: decode(cursor.value) });
          cursor.continue();
        };
        request.onerror = () => reject(new Error('could not read ' + name + '/' + store));
      });
    }
    database.close();
  }
  return parts;
})()`;
