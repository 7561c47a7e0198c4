// The canonical form behind every digest: stable under layout changes, sensitive to content.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalLedger, ledgerDigest } from '../../shared/ledger/canonical';
import { ledgerDigests } from '../../functions/src/infra/digest';
import { unitLedger } from '../../fixtures/demoSeed';

describe('canonicalLedger', () => {
  it('is compact sorted JSON, drops null cells and ignores layout (row order in the array, columns, label rows)', () => {
    const a = unitLedger(1, 5, '单位');
    const b = structuredClone(a);
    b.roster!.rows.reverse();
    b.roster!.columns = { ...b.roster!.columns, name: 40 };
    b.roster!.headerRow = 7;
    b.unit!.rows = {};
    b.roster!.rows[0].values = Object.fromEntries(Object.entries(b.roster!.rows[0].values).reverse());
    expect(canonicalLedger(b)).toBe(canonicalLedger(a));
    const text = canonicalLedger(a);
    expect(text.startsWith('{"format":"taizhang-ledger/1","roster":[{"row":4,"values":{')).toBe(true);
    expect(text).not.toContain('null,');
    expect(text).not.toMatch(/\s"|":\s/);
  });

  it('changes with any content change; SHA-256 agrees between Web Crypto and node:crypto; SM3 is computed', async () => {
    const a = unitLedger(2, 3, '单位');
    const b = structuredClone(a);
    b.roster!.rows[2].values.monthlySalary = (b.roster!.rows[2].values.monthlySalary as number) + 1;
    const da = ledgerDigests(a);
    expect(ledgerDigests(b).sha256).not.toBe(da.sha256);
    expect(await ledgerDigest(a)).toBe(da.sha256);
    expect(da.sha256).toBe(createHash('sha256').update(canonicalLedger(a), 'utf8').digest('hex'));
    expect(da.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(da.sm3).not.toBe(da.sha256);
    const c = structuredClone(a);
    c.roster!.rows[0].row = 99; // row numbers are content: issues refer to them
    expect(ledgerDigests(c).sha256).not.toBe(da.sha256);
    expect(canonicalLedger({ templateVersion: null, unit: null, roster: null })).toBe(
      '{"format":"taizhang-ledger/1","roster":null,"templateVersion":null,"unit":null}',
    );
  });
});
