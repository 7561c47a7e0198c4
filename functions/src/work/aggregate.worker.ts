// Runs on a worker thread of the pool (pool.ts): builds the aggregated workbook — reading the units'
// stored ledgers (JSON parsing), the cross-unit checks and the compressed sheets are all CPU work that
// would otherwise hold the host's event loop for seconds at 100,000 persons. The route authorises,
// records the access and gathers the small lists; this thread gets storage pointers, not ledgers.
// A storage failure crosses the thread boundary as data (class identity and codes do not survive cloning).
import { Piscina } from 'piscina';
import { createStorage, LedgerRowsRepository, readLedgers, type CurrentLedgerRef } from '../storage';
import { isStorageUnreachable } from '../errors';
import { writeAggregate, type AggregateInput, type AggregateStats } from '../documents/aggregate/write';
import { collectXlsxAsync, type XlsxWriterOptions } from '../../../shared/node/xlsxWriter';

export interface AggregateTask {
  storage: { connectionString: string; sealContainer: string; timeoutMs: number };
  /** The campaign's current versions: in-scope units first in display order, then the rest. */
  refs: CurrentLedgerRef[];
  input: Omit<AggregateInput, 'ledgers' | 'onStaff'> & { onStaff: string[] };
  writer?: XlsxWriterOptions;
}

export type AggregateResult = { ok: true; bytes: Uint8Array; stats: AggregateStats } | { ok: false; code: 'STORAGE_UNAVAILABLE' };

// One set of storage clients per thread and account (keep-alive connections are reused across tasks).
const repos = new Map<string, LedgerRowsRepository>();
function rowsOf(s: AggregateTask['storage']): LedgerRowsRepository {
  const k = `${s.connectionString}\n${s.timeoutMs}`;
  let r = repos.get(k);
  if (!r) repos.set(k, (r = new LedgerRowsRepository(createStorage(s.connectionString, s.sealContainer, s.timeoutMs))));
  return r;
}

export default async function aggregate({ storage, refs, input, writer }: AggregateTask): Promise<AggregateResult> {
  try {
    const ledgers = readLedgers(rowsOf(storage), input.campaignId, refs);
    const { bytes, value: stats } = await collectXlsxAsync(
      (out) => writeAggregate({ ...input, onStaff: new Set(input.onStaff), ledgers }, out),
      writer,
    );
    // One buffer, moved to the host's thread rather than copied there (no 15 MB copy on its event loop).
    const result: AggregateResult = { ok: true, bytes, stats };
    const movable = { [Piscina.transferableSymbol]: [bytes.buffer], [Piscina.valueSymbol]: result };
    return Piscina.move(movable as unknown as Parameters<typeof Piscina.move>[0]) as unknown as AggregateResult;
  } catch (e) {
    if (isStorageUnreachable(e)) return { ok: false, code: 'STORAGE_UNAVAILABLE' };
    throw e;
  }
}
