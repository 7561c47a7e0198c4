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
export async function fillTemplate(template: Uint8Array, n: number, patch?: (i: number, v: RosterValues) => RosterValues, unitPatch: Partial<UnitValues> = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as ArrayBuffer);
  const unitWs = wb.getWorksheet(SHEET_UNIT)!;
  const unit = validUnitValues(n, unitPatch);
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
