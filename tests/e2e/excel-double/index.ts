// The Excel test double: an in-memory workbook implementing exactly the part of Excel.* / Office.*
// the add-in uses, plus "user" actions (typing, pasting, inserting rows) that fire onChanged with real
// event args, and inspection helpers (marks shown on a cell, sync counts). Runs in Node and, bundled,
// in the browser in place of office.js.
import { seedWorkbook } from '../doubles/seed';
import { WorkbookModel, parseArea, parseAreas, type CellValue } from './model';
import { createOfficeGlobals, type OfficeGlobals } from './officejs';

export { WorkbookModel } from './model';
export { RequestContext, DoubleOfficeError } from './officejs';

export interface ExcelDouble extends OfficeGlobals {
  model: WorkbookModel;
  /** Replace the workbook with these sheets (raw values; Date → serial like Excel) and names. */
  seed(sheets: Record<string, unknown[][]>, names?: Record<string, string>): void;
  user: UserActions;
  inspect: Inspect;
}

export interface UserActions {
  /** Type one value into a cell, like a person pressing Enter. */
  type(sheet: string, a1: string, value: CellValue): void;
  /** Paste a block of values with its top-left at `a1` (one onChanged for the whole block). */
  paste(sheet: string, a1: string, rows: CellValue[][]): void;
  /** Clear the contents of an area. */
  clear(sheet: string, address: string): void;
  /** Insert `count` empty rows before worksheet row `row` (1-based). */
  insertRows(sheet: string, row: number, count: number): void;
  /** The user's own fill on a cell (to check marks never touch it). */
  fill(sheet: string, a1: string, color: string): void;
  /** The user's own conditional format (added on top, shifting every other format's id). */
  addConditionalFormat(sheet: string, address: string, formula: string, fill: string): void;
  /**
   * A value entered in a way Excel on the web does not report through onChanged (a dropdown pick,
   * some fills: office-js #3888, #4066, #1110): the cell changes, no event fires.
   */
  pickSilently(sheet: string, a1: string, value: CellValue): void;
  /** The user starts typing in a cell (cell-edit mode) / presses Enter. */
  startCellEdit(): void;
  endCellEdit(): void;
  /** The user clicks a sheet tab (onActivated). */
  activate(sheet: string): void;
}

export interface Inspect {
  value(sheet: string, a1: string): CellValue;
  /** Fill a conditional format shows on the cell, null when none. */
  mark(sheet: string, a1: string): string | null;
  /** The user's own fill on the cell. */
  ownFill(sheet: string, a1: string): string | null;
  conditionalFormatCount(sheet: string): number;
  /** Formulas of every conditional format on the sheet, by priority (0 first). */
  conditionalFormulas(sheet: string): string[];
  sheetNames(): string[];
  selection(): { sheet: string; address: string } | null;
  syncs(): number;
  enableEvents(): boolean;
  names(): string[];
}

export function createExcelDouble(opts: { sheets?: string[]; sso?: () => Promise<string> } = {}): ExcelDouble {
  const model = new WorkbookModel(opts.sheets);
  const sheetOf = (name: string) => {
    const s = model.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  };
  const cellOf = (a1: string) => {
    const r = parseArea(a1);
    if (!r) throw new Error(`bad address ${a1}`);
    return r;
  };
  const user: UserActions = {
    type(sheet, a1, value) {
      const s = sheetOf(sheet);
      const r = cellOf(a1);
      const before = model.get(s, r.r0, r.c0);
      model.set(s, r.r0, r.c0, value);
      model.fireChanged(s, { r0: r.r0, c0: r.c0, r1: r.r0, c1: r.c0 }, 'RangeEdited', 'Unknown', before, value);
    },
    paste(sheet, a1, rows) {
      const s = sheetOf(sheet);
      const r = cellOf(a1);
      const width = Math.max(1, ...rows.map((x) => x.length));
      rows.forEach((row, i) => {
        for (let j = 0; j < width; j++) model.set(s, r.r0 + i, r.c0 + j, row[j] ?? '');
      });
      model.fireChanged(s, { r0: r.r0, c0: r.c0, r1: r.r0 + rows.length - 1, c1: r.c0 + width - 1 }, 'RangeEdited', 'Unknown');
    },
    clear(sheet, address) {
      const s = sheetOf(sheet);
      const r = cellOf(address);
      for (let i = r.r0; i <= r.r1; i++) for (let j = r.c0; j <= r.c1; j++) model.set(s, i, j, '');
      model.fireChanged(s, r, 'RangeEdited', 'Unknown');
    },
    insertRows(sheet, row, count) {
      const s = sheetOf(sheet);
      const shifted = new Map<number, CellValue[]>();
      for (const [r, v] of s.rows) shifted.set(r >= row - 1 ? r + count : r, v);
      s.rows = shifted;
      model.fireChanged(s, { r0: row - 1, c0: 0, r1: row - 2 + count, c1: 16383 }, 'RowInserted', 'Unknown');
    },
    fill(sheet, a1, color) {
      const r = cellOf(a1);
      sheetOf(sheet).fills.set(`${r.r0},${r.c0}`, color);
    },
    addConditionalFormat(sheet, address, formula, fill) {
      const cf = model.addCf(sheetOf(sheet), parseAreas(address));
      cf.formula = formula;
      cf.fill = fill;
    },
    pickSilently(sheet, a1, value) {
      const r = cellOf(a1);
      model.set(sheetOf(sheet), r.r0, r.c0, value);
    },
    startCellEdit: () => model.startCellEdit(),
    endCellEdit: () => model.endCellEdit(),
    activate: (sheet) => model.fireActivated(sheetOf(sheet)),
  };
  const inspect: Inspect = {
    value: (sheet, a1) => {
      const r = cellOf(a1);
      return model.get(sheetOf(sheet), r.r0, r.c0);
    },
    mark: (sheet, a1) => model.markFill(sheet, a1),
    ownFill: (sheet, a1) => {
      const r = cellOf(a1);
      return sheetOf(sheet).fills.get(`${r.r0},${r.c0}`) ?? null;
    },
    conditionalFormatCount: (sheet) => sheetOf(sheet).cfs.length,
    conditionalFormulas: (sheet) => sheetOf(sheet).cfs.map((cf) => cf.formula),
    sheetNames: () => model.sheets.map((s) => s.name),
    selection: () => model.selection,
    syncs: () => model.stats.syncs,
    enableEvents: () => model.enableEvents,
    names: () => [...model.names.keys()],
  };
  const seed = (sheets: Record<string, unknown[][]>, names: Record<string, string> = {}) => seedWorkbook(model, sheets, names);
  return { model, seed, user, inspect, ...createOfficeGlobals(model, { sso: opts.sso }) };
}

/** Installs the double's Excel, Office and OfficeExtension as globals (browser page or Node). */
export function installExcelDouble(
  d: ExcelDouble,
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): void {
  target.Excel = d.Excel;
  target.Office = d.Office;
  target.OfficeExtension = d.OfficeExtension;
}
