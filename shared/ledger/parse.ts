// Sheets of raw cell values → the typed Ledger (schema.ts). Pure and browser-safe.
// Input layout: sheets[name][r][c], row 0 = worksheet row 1, column 0 = column A (sparse arrays are fine).
import {
  HEADER_SEARCH_ROWS,
  ROSTER_ANCHOR_HEADER,
  ROSTER_FIELDS,
  SHEET_ROSTER,
  SHEET_UNIT,
  UNIT_FIELDS,
  type RosterKey,
  type UnitKey,
} from '../template/definition';
import type { Cell, Ledger, LedgerRow, RosterSheet, UnitSheet } from './schema';
import { isEmptyRaw, normaliseCell, normaliseHeader } from './normalise';

export type RosterColumns = RosterSheet['columns'];

const ROSTER_BY_HEADER = new Map<string, (typeof ROSTER_FIELDS)[number]>(ROSTER_FIELDS.map((d) => [normaliseHeader(d.header), d]));
const UNIT_BY_LABEL = new Map<string, (typeof UNIT_FIELDS)[number]>(UNIT_FIELDS.map((d) => [normaliseHeader(d.header), d]));
const ANCHOR = normaliseHeader(ROSTER_ANCHOR_HEADER);

function rowAt(sheet: unknown, r: number): unknown[] | null {
  if (!Array.isArray(sheet)) return null;
  const row = sheet[r];
  return Array.isArray(row) ? row : null;
}

/** 0-based index of the roster header row (first of the first 10 rows holding 身份证号码), or -1. */
export function findHeaderRow(sheet: unknown[][]): number {
  if (!Array.isArray(sheet)) return -1;
  const last = Math.min(sheet.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    const row = rowAt(sheet, r);
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      if (normaliseHeader(row[c]) === ANCHOR) return r;
    }
  }
  return -1;
}

/** Header row values → 0-based column index of each known header (first occurrence wins). */
export function mapColumns(headerValues: unknown[]): RosterColumns {
  const found = new Map<RosterKey, number>();
  if (Array.isArray(headerValues)) {
    for (let c = 0; c < headerValues.length; c++) {
      const def = ROSTER_BY_HEADER.get(normaliseHeader(headerValues[c]));
      if (def && !found.has(def.key)) found.set(def.key, c);
    }
  }
  // Keys in template order so the JSON (and its digest) does not depend on column order.
  const columns: RosterColumns = {};
  for (const d of ROSTER_FIELDS) {
    const c = found.get(d.key);
    if (c !== undefined) columns[d.key] = c;
  }
  return columns;
}

const SEQ_KEY: RosterKey = 'seq';

/**
 * One worksheet row → LedgerRow, or null when every mapped cell other than 序号 is empty.
 * `rowNumber` is the worksheet's 1-based row number.
 */
export function parseRosterRow(values: unknown[], columns: RosterColumns, rowNumber: number): LedgerRow | null {
  const src = Array.isArray(values) ? values : [];
  let any = false;
  for (const d of ROSTER_FIELDS) {
    const c = columns[d.key];
    if (c === undefined || d.key === SEQ_KEY) continue;
    if (!isEmptyRaw(src[c])) {
      any = true;
      break;
    }
  }
  if (!any) return null;
  const out: Partial<Record<RosterKey, Cell>> = {};
  for (const d of ROSTER_FIELDS) {
    const c = columns[d.key];
    if (c === undefined) continue;
    out[d.key] = normaliseCell(src[c], d.type);
  }
  return { row: rowNumber, values: out };
}

/** A roster sheet that exists but has no header row within the first 10 rows: nothing can be read. */
export function noHeaderRoster(): RosterSheet {
  return { headerRow: null, columns: {}, rows: [] };
}

/** The roster sheet; headerRow null (and no columns, no rows) when it has no header row. */
export function parseRosterSheet(sheet: unknown[][]): RosterSheet {
  const h = findHeaderRow(sheet);
  if (h < 0) return noHeaderRoster();
  const columns = mapColumns(rowAt(sheet, h) ?? []);
  const rows: LedgerRow[] = [];
  for (let r = h + 1; r < sheet.length; r++) {
    const raw = rowAt(sheet, r);
    if (!raw) continue;
    const row = parseRosterRow(raw, columns, r + 1);
    if (row) rows.push(row);
  }
  return { headerRow: h + 1, columns, rows };
}

/** The unit sheet: labels in column A, values in column B, any row order; the first occurrence of a label wins. */
export function parseUnitSheet(sheet: unknown[][]): UnitSheet {
  const found = new Map<UnitKey, number>();
  if (Array.isArray(sheet)) {
    for (let r = 0; r < sheet.length; r++) {
      const row = rowAt(sheet, r);
      if (!row) continue;
      const def = UNIT_BY_LABEL.get(normaliseHeader(row[0]));
      if (def && !found.has(def.key)) found.set(def.key, r);
    }
  }
  const values: UnitSheet['values'] = {};
  const rows: UnitSheet['rows'] = {};
  for (const d of UNIT_FIELDS) {
    const r = found.get(d.key);
    if (r === undefined) continue;
    values[d.key] = normaliseCell(rowAt(sheet, r)?.[1], d.type);
    rows[d.key] = r + 1;
  }
  return { values, rows };
}

function findSheet(sheets: Record<string, unknown[][]>, name: string): unknown[][] | null {
  const exact = sheets[name];
  if (Array.isArray(exact)) return exact;
  for (const k of Object.keys(sheets)) {
    if (k.trim() === name && Array.isArray(sheets[k])) return sheets[k];
  }
  return null;
}

/** Parse a workbook's sheets into a Ledger. Never throws on cell content. */
export function parseLedger(input: { sheets: Record<string, unknown[][]>; templateVersion?: string | null }): Ledger {
  const sheets = input && typeof input.sheets === 'object' && input.sheets !== null ? input.sheets : {};
  const unitSheet = findSheet(sheets, SHEET_UNIT);
  const rosterSheet = findSheet(sheets, SHEET_ROSTER);
  const tv = input?.templateVersion;
  return {
    templateVersion: typeof tv === 'string' ? tv : null,
    unit: unitSheet ? parseUnitSheet(unitSheet) : null,
    roster: rosterSheet ? parseRosterSheet(rosterSheet) : null,
  };
}
