// Sample ledgers as real .xlsx files written by ExcelJS: a fresh workbook laid out like the template, or
// the standard template filled in as a liaison would in Excel. Used by `npm run demo` and the tests.
import ExcelJS from 'exceljs';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS } from '../shared/template/definition';
import { TEMPLATE_FIRST_DATA_ROW } from '../shared/node/templateWorkbook';
import { validRosterRow, validUnitValues, type RosterValues, type UnitValues } from './sampleLedgers';

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A workbook laid out like the template, from the sample ledger rows, written by ExcelJS. */
export async function ledgerWorkbook(
  n: number,
  opts: { patch?: (i: number, v: RosterValues) => RosterValues; unit?: Partial<UnitValues>; dates?: 'date' | 'text' } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const unitWs = wb.addWorksheet(SHEET_UNIT);
  const unit = validUnitValues(n, opts.unit);
  unitWs.addRow([SHEET_UNIT]);
  for (const d of UNIT_FIELDS) unitWs.addRow([d.header, toExcel(unit[d.key], d.type.kind, opts.dates)]);
  const ws = wb.addWorksheet(SHEET_ROSTER);
  ws.addRow([`示范县${SHEET_ROSTER}`]);
  ws.addRow(['填报单位（盖章）：']);
  ws.addRow(ROSTER_FIELDS.map((d) => d.header));
  for (let i = 0; i < n; i++) {
    let v = validRosterRow(i);
    if (opts.patch) v = opts.patch(i, v);
    ws.addRow(ROSTER_FIELDS.map((d) => toExcel(v[d.key], d.type.kind, opts.dates)));
  }
  return toBytes(wb);
}

function toExcel(v: unknown, kind: string, dates: 'date' | 'text' = 'date'): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (kind === 'date' && dates === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  return v as ExcelJS.CellValue;
}

/** Fills the standard template (bytes) with sample rows through ExcelJS, as a liaison would in Excel. */
export async function fillTemplate(template: Uint8Array, n: number, patch?: (i: number, v: RosterValues) => RosterValues): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as ArrayBuffer);
  const unitWs = wb.getWorksheet(SHEET_UNIT)!;
  const unit = validUnitValues(n);
  unitWs.eachRow((row) => {
    const d = UNIT_FIELDS.find((f) => f.header === row.getCell(1).value);
    if (d) row.getCell(2).value = toExcel(unit[d.key], d.type.kind);
  });
  const ws = wb.getWorksheet(SHEET_ROSTER)!;
  for (let i = 0; i < n; i++) {
    let v = validRosterRow(i);
    if (patch) v = patch(i, v);
    const row = ws.getRow(TEMPLATE_FIRST_DATA_ROW + i);
    ROSTER_FIELDS.forEach((d, c) => {
      row.getCell(c + 1).value = toExcel(v[d.key], d.type.kind);
    });
  }
  return toBytes(wb);
}

/**
 * A large ledger written to `file` with ExcelJS's streaming writer (dates as real dates), for
 * benchmarks: the in-memory writer above would need gigabytes for 100,000 rows.
 */
export async function writeLedgerFile(file: string, n: number, patch?: (i: number, v: RosterValues) => RosterValues): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file), useSharedStrings: true, useStyles: true });
  const unitWs = wb.addWorksheet(SHEET_UNIT);
  const unit = validUnitValues(n);
  unitWs.addRow([SHEET_UNIT]).commit();
  for (const d of UNIT_FIELDS) {
    const row = unitWs.addRow([d.header, toExcel(unit[d.key], d.type.kind)]);
    if (d.type.kind === 'date') row.getCell(2).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  unitWs.commit();
  const ws = wb.addWorksheet(SHEET_ROSTER);
  ws.addRow([`示范县${SHEET_ROSTER}`]).commit();
  ws.addRow(['填报单位（盖章）：']).commit();
  ws.addRow(ROSTER_FIELDS.map((d) => d.header)).commit();
  const dateCols = ROSTER_FIELDS.flatMap((d, c) => (d.type.kind === 'date' ? [c] : []));
  for (let i = 0; i < n; i++) {
    let v = validRosterRow(i);
    if (patch) v = patch(i, v);
    const row = ws.addRow(ROSTER_FIELDS.map((d) => toExcel(v[d.key], d.type.kind)));
    for (const c of dateCols) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
