// Streaming reads that keep storage busy without holding much: up to `ahead` loads in flight, results
// handed on in the order of the items. Used by the aggregate's ledger reads and the evidence archive.

/**
 * Maps `items` through `load`, at most `ahead` loads running at once, yielding the results in item order.
 * A load that fails throws when its turn comes; while it waits in the queue its rejection is not
 * reported as unhandled (which would stop the process).
 */
export async function* inOrderAhead<T, R>(items: readonly T[], ahead: number, load: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < ahead) {
      const p = load(items[next++]);
      p.catch(() => undefined); // awaited in its turn below
      pending.push(p);
    }
  };
  fill();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    fill();
    yield result;
  }
}
