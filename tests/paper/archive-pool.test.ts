// The archive's rendering thread keeps a small heap (work/pool.ts); a version too big for it ends that
// worker with ERR_WORKER_OUT_OF_MEMORY — the code app/archive.ts catches to render that version on the
// request thread instead — and the next version renders on a fresh worker.
import { describe, expect, it } from 'vitest';
import { makeLedger, validRosterRow } from '../../fixtures/sampleLedgers';
import { signOffFacts } from '../../functions/src/documents/signoffModel';
import { WorkPool } from '../../functions/src/work/pool';

const facts = signOffFacts({
  campaignTitle: '示范县编外人员清理',
  unitName: '示范单位',
  unitId: 'u1',
  creditCode: '',
  receiptNo: 'TZ-20260301-u1-V1-ABCDEF',
  version: 1,
  submittedAt: '2026-03-01T01:00:00Z',
  submitterName: '联络员',
  summary: { rows: 1, errors: 0, warnings: 0, findings: 0 },
  digest: 'ab'.repeat(32),
  sm3: null,
  issues: [],
  superseded: false,
  headName: '',
  printedAt: new Date('2026-03-02T00:00:00Z'),
  apiBase: 'https://tz.example.gov.cn/api',
});

describe('archive rendering thread', () => {
  it('a version too big for its heap fails with ERR_WORKER_OUT_OF_MEMORY; the next renders', async () => {
    const pool = new WorkPool({ WORK_THREADS: 1, WORK_QUEUE: 1 });
    const r = pool.archiveRenderer();
    try {
      const huge = makeLedger(120_000);
      huge.roster!.rows.forEach((row, k) => (row.values = validRosterRow(k)));
      await expect(r.render({ ledger: huge, facts, createdAt: new Date(0) })).rejects.toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
      const small = makeLedger(5);
      const out = await r.render({ ledger: small, facts, createdAt: new Date(0) });
      expect(out.ledger.bytes).toBeGreaterThan(1000);
      expect(out.signoff.bytes).toBeGreaterThan(1000);
    } finally {
      r.release();
      await pool.close();
    }
  }, 180_000);
});
