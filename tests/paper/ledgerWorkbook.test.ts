// The archive's ledger workbooks read back to the very ledger (same canonical form, same digest):
// into the standard template for template ledgers, in their own layout otherwise.
import { describe, expect, it } from 'vitest';
import { canonicalLedger, ledgerDigest } from '../../shared/ledger/canonical';
import { readLedgerFromXlsx } from '../../shared/ledger/fromXlsx';
import type { Ledger } from '../../shared/ledger/schema';
import { fitsTemplate, ledgerWorkbook } from '../../functions/src/documents/ledgerWorkbook';
import { makeLedger } from '../../fixtures/sampleLedgers';
import { unitLedger } from '../../fixtures/demoSeed';
import { peekSheetNames } from '../../shared/xlsx/read';

const roundTrip = async (l: Ledger) => readLedgerFromXlsx(await ledgerWorkbook(l));

describe('ledger workbook for the archive', () => {
  it('writes template ledgers into the standard template and reads back to the same digest', async () => {
    for (const l of [makeLedger(0), makeLedger(3), makeLedger(250), unitLedger(4, 30, '示范县第一中学')]) {
      expect(fitsTemplate(l)).toBe(true);
      const bytes = await ledgerWorkbook(l);
      expect(peekSheetNames(bytes)).toEqual(['单位基本情况', '编外人员台账', '填表说明']);
      const back = readLedgerFromXlsx(bytes);
      expect(canonicalLedger(back)).toBe(canonicalLedger(l));
      expect(await ledgerDigest(back)).toBe(await ledgerDigest(l));
      expect(Buffer.compare(bytes, await ledgerWorkbook(l))).toBe(0); // same bytes every time
    }
  });

  it('keeps hostile and odd values: formulas as text, XML specials, gaps between rows', async () => {
    const l = makeLedger(3);
    l.roster!.rows[0].values.name = '=HYPERLINK("http://x","点我")';
    l.roster!.rows[1].values.remarks = '<b>&amp; "引号" \'单引号\' 𠮷 _x0041_ tab\there';
    l.roster!.rows[2].row = 900;
    const back = await roundTrip(l);
    expect(canonicalLedger(back)).toBe(canonicalLedger(l));
  });

  it('writes other layouts as a plain workbook with the same rows (own header row, no stamp, missing sheet)', async () => {
    const own = makeLedger(3);
    own.templateVersion = null;
    own.roster!.headerRow = 1;
    own.roster!.rows.forEach((r, i) => (r.row = 2 + i));
    const noUnit: Ledger = { ...makeLedger(2), unit: null };
    for (const l of [own, noUnit]) {
      expect(fitsTemplate(l)).toBe(false);
      expect(canonicalLedger(await roundTrip(l))).toBe(canonicalLedger(l));
    }
  });
});
