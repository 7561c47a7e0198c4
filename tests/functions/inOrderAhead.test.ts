// The read-ahead behind the aggregate's ledger reads and the evidence archive: order, the bound on loads
// in flight, and a failed load that waits in the queue.
import { describe, expect, it } from 'vitest';
import { inOrderAhead } from '../../functions/src/infra/inOrderAhead';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inOrderAhead', () => {
  it('yields in item order however the loads finish, with at most `ahead` running', async () => {
    let running = 0;
    let most = 0;
    const load = async (n: number) => {
      running++;
      most = Math.max(most, running);
      await delay((10 - n) * 3); // later items finish first
      running--;
      return n * 10;
    };
    const out: number[] = [];
    for await (const r of inOrderAhead([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, load)) out.push(r);
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(most).toBe(3);
  });

  it('a load that fails while queued throws in its turn, after the results before it, and is never unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const load = async (n: number) => {
        if (n === 3) throw new Error('storage down');
        await delay(n === 1 ? 50 : 0); // item 3 fails long before its turn
        return n;
      };
      const out: number[] = [];
      await expect(
        (async () => {
          for await (const r of inOrderAhead([1, 2, 3, 4], 4, load)) out.push(r);
        })(),
      ).rejects.toThrow('storage down');
      expect(out).toEqual([1, 2]);
      await delay(20);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
