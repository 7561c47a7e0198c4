// The sample ledger builders (fixtures/sampleLedgers.ts) that the tests, benches and demo rely on: valid,
// deterministic, varied, and consistent between the raw sheets and the parsed ledger.
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../shared/rules/engine';
import { parseLedger } from '../../shared/ledger/parse';
import { LedgerSchema } from '../../shared/ledger/schema';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION } from '../../shared/template/definition';
import { cleanLedger, makeLedger, makeSheets, validRosterRow, SAMPLE_FILING_DATE } from '../../fixtures/sampleLedgers';

describe('fixtures', () => {
  it('makeLedger(n) has zero errors and warnings, and varied findings on some rows only', () => {
    const l = LedgerSchema.parse(makeLedger(2000));
    const r = checkLedger(l);
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({ rows: 2000, errors: 0, warnings: 0 });
    const codes = new Set(r.issues.map((i) => i.code));
    expect(codes.size).toBeGreaterThanOrEqual(10);
    const rowsWithFindings = new Set(r.issues.map((i) => i.row)).size;
    expect(rowsWithFindings).toBeGreaterThan(200);
    expect(rowsWithFindings).toBeLessThan(2000);
  });

  it('makeSheets(n) parses to exactly makeLedger(n), with text or Date date cells', () => {
    expect(parseLedger({ sheets: makeSheets(300), templateVersion: TEMPLATE_VERSION })).toEqual(makeLedger(300));
    expect(parseLedger({ sheets: makeSheets(300, { dates: 'date' }), templateVersion: TEMPLATE_VERSION })).toEqual(makeLedger(300));
    const s = makeSheets(2);
    expect(s[SHEET_ROSTER][2][3]).toBe('身份证号码');
    expect(s[SHEET_UNIT].find((r) => r[0] === '填报日期')![1]).toBe(SAMPLE_FILING_DATE);
  });

  it('is deterministic and has unique IDs at 100,000 rows', () => {
    expect(validRosterRow(12345)).toEqual(validRosterRow(12345));
    const l = makeLedger(100_000);
    const ids = new Set(l.roster!.rows.map((r) => r.values.idNumber));
    expect(ids.size).toBe(100_000);
    expect(checkLedger(l).summary.errors).toBe(0);
  });

  it('cleanLedger has no issue at all', () => {
    expect(checkLedger(cleanLedger([{}, {}, {}, {}])).issues).toEqual([]);
  });
});
