/** Widget queries in flight at once: parallel enough to be quick, few enough to spare the rate limit. */
export const widgetQueryConcurrency = 3;

export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `task` once for every item, at most `limit` at a time, in the items' order, and
 * reports each result as it settles. A failure is that item's result, never the others'.
 * Items not started when `signal` aborts are not started at all.
 */
export async function runEach<T, R>(
  items: readonly T[],
  task: (item: T, signal: AbortSignal) => Promise<R>,
  onSettled: (item: T, result: Settled<R>) => void,
  options: { readonly limit?: number; readonly signal: AbortSignal },
): Promise<void> {
  const limit = Math.max(1, Math.floor(options.limit ?? widgetQueryConcurrency));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !options.signal.aborted) {
      const item = items[next++]!;
      let result: Settled<R>;
      try {
        result = { ok: true, value: await task(item, options.signal) };
      } catch (error) {
        result = { ok: false, error };
      }
      onSettled(item, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
