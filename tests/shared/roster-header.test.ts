// A roster sheet that is there but has no header row (身份证号码 renamed, or the header pushed below row 10)
// is a column problem, not a missing sheet: real workbooks from the standard template, read by both readers.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTemplateWorkbook, TEMPLATE_HEADER_ROW } from '../../shared/node/templateWorkbook';
import { ROSTER_ANCHOR_HEADER, SHEET_ROSTER } from '../../shared/template/definition';
import { readWorkbook } from '../../shared/xlsx/read';
import { readLedgerFromXlsx } from '../../shared/ledger/fromXlsx';
import { parseLedger } from '../../shared/ledger/parse';
import { LedgerSchema, type Ledger } from '../../shared/ledger/schema';
import { fastLedger } from '../../shared/ledger/guard';
import { canonicalLedger } from '../../shared/ledger/canonical';
import { checkLedger, LedgerChecker } from '../../shared/rules/engine';
import { fillTemplate, toBytes } from '../../fixtures/sampleWorkbooks';

const AS_OF = '2025-06-30';
const ROWS = 5;

let filled: Uint8Array;
beforeAll(async () => {
  filled = await fillTemplate(await buildTemplateWorkbook(), ROWS);
});

/** The filled template with one edit to its roster sheet, as a liaison might make in Excel. */
async function edited(edit: (wb: ExcelJS.Workbook, roster: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(filled) as unknown as ArrayBuffer);
  edit(wb, wb.getWorksheet(SHEET_ROSTER)!);
  return toBytes(wb);
}

/** The ledger by the streaming reader, checked; the array path (readWorkbook + parseLedger) must agree. */
function readAndCheck(bytes: Uint8Array): { ledger: Ledger; result: ReturnType<typeof checkLedger> } {
  const ledger = readLedgerFromXlsx(bytes);
  const raw = readWorkbook(bytes);
  expect(parseLedger({ sheets: raw.sheets, templateVersion: raw.templateVersion })).toEqual(ledger);
  return { ledger, result: checkLedger(ledger, { asOf: AS_OF }) };
}

const headerMissing = {
  sheet: SHEET_ROSTER,
  row: null,
  column: ROSTER_ANCHOR_HEADER,
  cell: null,
  code: 'TEMPLATE_COLUMN_MISSING',
  severity: 'error',
  message: expect.stringMatching(/前10行.*“身份证号码”列标题.*标准模板/),
};

describe('roster sheet present, no header row', () => {
  it('the filled template is clean (baseline)', () => {
    const { result } = readAndCheck(filled);
    expect(result.summary).toMatchObject({ rows: ROWS, errors: 0 });
  });

  it('身份证号码 header renamed → exactly one TEMPLATE_COLUMN_MISSING for 身份证号码, no TEMPLATE_SHEET_MISSING, no COUNT_MISMATCH', async () => {
    const bytes = await edited((_, ws) => {
      const row = ws.getRow(TEMPLATE_HEADER_ROW);
      row.eachCell((c) => {
        if (c.value === ROSTER_ANCHOR_HEADER) c.value = '证件号码';
      });
    });
    const { ledger, result } = readAndCheck(bytes);
    expect(ledger.roster).toEqual({ headerRow: null, columns: {}, rows: [] });
    // The unit sheet says 5 persons, but no row could be read: the template error is the only issue.
    expect(result.issues).toEqual([headerMissing]);
    expect(result).toMatchObject({ ok: false, summary: { rows: 0, errors: 1, warnings: 0, findings: 0 } });
  });

  it('header moved to row 11 → the same single TEMPLATE_COLUMN_MISSING', async () => {
    const bytes = await edited((_, ws) => ws.spliceRows(1, 0, ...Array.from({ length: 11 - TEMPLATE_HEADER_ROW }, () => [])));
    expect(readWorkbook(bytes).sheets[SHEET_ROSTER][10]).toContain(ROSTER_ANCHOR_HEADER);
    const { ledger, result } = readAndCheck(bytes);
    expect(ledger.roster).toEqual({ headerRow: null, columns: {}, rows: [] });
    expect(result.issues).toEqual([headerMissing]);
  });

  it('a workbook without the roster sheet still gets TEMPLATE_SHEET_MISSING (and no column issue)', async () => {
    const bytes = await edited((wb, ws) => wb.removeWorksheet(ws.id));
    const { ledger, result } = readAndCheck(bytes);
    expect(ledger.roster).toBeNull();
    expect(result.issues).toEqual([
      {
        sheet: SHEET_ROSTER,
        row: null,
        column: null,
        cell: null,
        code: 'TEMPLATE_SHEET_MISSING',
        severity: 'error',
        message: expect.stringContaining(`没有“${SHEET_ROSTER}”工作表`),
      },
    ]);
  });

  it('the headerless ledger is valid JSON for the API (schema and fast guard agree) and digests as an empty roster', async () => {
    const bytes = await edited((_, ws) => ws.spliceRows(1, 0, ...Array.from({ length: 8 }, () => [])));
    const ledger = JSON.parse(JSON.stringify(readLedgerFromXlsx(bytes)));
    expect(LedgerSchema.parse(ledger)).toEqual(ledger);
    expect(fastLedger(ledger)).toEqual(ledger);
    expect(canonicalLedger(ledger)).toContain('"roster":[]');
    // no header row means nothing can have been read: columns or rows beside it are refused by both
    for (const bad of [
      { ...ledger.roster, columns: { name: 1 } },
      { ...ledger.roster, rows: [{ row: 12, values: { name: '张伟' } }] },
    ]) {
      const v = { ...ledger, roster: bad };
      expect(LedgerSchema.safeParse(v).success).toBe(false);
      expect(fastLedger(v)).toBeNull();
    }
  });

  it('the incremental checker: updateRow refuses, updateUnit keeps the single template issue', async () => {
    const bytes = await edited((_, ws) => ws.spliceRows(1, 0, ...Array.from({ length: 8 }, () => [])));
    const ledger = readLedgerFromXlsx(bytes);
    const checker = new LedgerChecker(ledger, { asOf: AS_OF });
    expect(() => checker.updateRow(12, { row: 12, values: { name: '张伟' } })).toThrow(/表头/);
    checker.updateUnit({ ...ledger.unit!, values: { ...ledger.unit!.values, offStaffCount: 99 } });
    expect(checker.result().issues).toEqual([headerMissing]);
    expect(checker.ledger().roster).toEqual({ headerRow: null, columns: {}, rows: [] });
  });
});
