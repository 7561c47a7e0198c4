// The in-memory workbook behind the Excel test double: sheets of cell values, defined names,
// conditional formats, the user's own fills, selection, event handlers and a sync counter.
import { parseArea, parseAreas, formatRect, type Rect } from '../../../addin/src/live/a1';

export type CellValue = string | number | boolean;

/** A conditional format. Its Office `id` is its priority (index in the sheet's list), as Microsoft documents. */
export interface CfModel {
  type: 'Custom';
  formula: string;
  fill: string | null;
  font: string | null;
  rects: Rect[];
}

export interface SheetModel {
  id: string;
  name: string;
  rows: Map<number, CellValue[]>;
  cfs: CfModel[];
  /** The user's own fills (cell key "r,c" → colour): marks must never change them. */
  fills: Map<string, string>;
  /** Native charts added by the desk (type, source address, title, position). */
  charts?: ChartModel[];
}

export interface ChartModel {
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position: string | null;
}

export type ChangedHandler = (args: Record<string, unknown>) => unknown;

export class WorkbookModel {
  sheets: SheetModel[] = [];
  names = new Map<string, { sheet: string; address: string }>();
  enableEvents = true;
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string | null = null;
  handlers = new Map<string, Set<ChangedHandler>>(); // by sheet id
  activatedHandlers = new Map<string, Set<ChangedHandler>>(); // by sheet id
  /** The user is typing in a cell: batches without delayForCellEdit fail, delayed ones wait. */
  cellEditing = false;
  private editWaiters: (() => void)[] = [];
  /** Highest ExcelApi requirement set of this "Excel" (Excel 2016 without updates: 1.1). */
  apiVersion = '1.17';
  /** Office.context.platform: 'OfficeOnline' applies Excel on the web's request limits. */
  platform: 'OfficeOnline' | 'PC' | 'Mac' = 'OfficeOnline';
  stats = { syncs: 0, batches: 0, eventsFired: 0, eventsSuppressed: 0, cellsRead: 0 };
  private nextSheet = 1;

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const n of sheetNames) this.addSheet(n);
    this.activeSheet = this.sheets[0]?.name ?? null;
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    let unique = name;
    for (let i = 2; this.sheet(unique); i++) unique = `${name} (${i})`;
    const s: SheetModel = { id: `{sheet-${this.nextSheet++}}`, name: unique, rows: new Map(), cfs: [], fills: new Map() };
    this.sheets.splice(index, 0, s);
    return s;
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  get(s: SheetModel, r: number, c: number): CellValue {
    return s.rows.get(r)?.[c] ?? '';
  }

  set(s: SheetModel, r: number, c: number, v: unknown): void {
    const value: CellValue = v === null || v === undefined ? '' : typeof v === 'object' ? String(v) : (v as CellValue);
    let row = s.rows.get(r);
    if (!row) {
      if (value === '') return;
      s.rows.set(r, (row = []));
    }
    while (row.length <= c) row.push('');
    row[c] = value;
  }

  values(s: SheetModel, rect: Rect): CellValue[][] {
    this.stats.cellsRead += (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
    const out: CellValue[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row = s.rows.get(r);
      const line: CellValue[] = new Array(rect.c1 - rect.c0 + 1);
      for (let c = rect.c0; c <= rect.c1; c++) line[c - rect.c0] = row?.[c] ?? '';
      out.push(line);
    }
    return out;
  }

  /** Bounding box of non-empty cells; null when the sheet is empty. */
  usedRect(s: SheetModel): Rect | null {
    let r0 = Infinity,
      r1 = -1,
      c0 = Infinity,
      c1 = -1;
    for (const [r, row] of s.rows) {
      for (let c = 0; c < row.length; c++) {
        if (row[c] === '') continue;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    }
    return r1 < 0 ? null : { r0, r1, c0, c1 };
  }

  addCf(s: SheetModel, rects: Rect[]): CfModel {
    const cf: CfModel = { type: 'Custom', formula: '', fill: null, font: null, rects };
    s.cfs.unshift(cf); // a new format gets the top priority, as in Excel: every other id shifts by one
    return cf;
  }

  /** Whether `ExcelApi <version>` is supported. */
  supports(version: string): boolean {
    const [a, b] = version.split('.').map(Number);
    const [x, y] = this.apiVersion.split('.').map(Number);
    return x > a || (x === a && y >= (b || 0));
  }

  startCellEdit(): void {
    this.cellEditing = true;
  }
  endCellEdit(): void {
    this.cellEditing = false;
    const w = this.editWaiters;
    this.editWaiters = [];
    for (const f of w) f();
  }
  /** Resolves when the user leaves cell-edit mode (at once when not editing). */
  untilCellEditEnds(): Promise<void> {
    return this.cellEditing ? new Promise((r) => this.editWaiters.push(r)) : Promise.resolve();
  }

  /** Fires onActivated on a sheet (the user clicked its tab). */
  fireActivated(s: SheetModel): void {
    this.activeSheet = s.name;
    for (const h of this.activatedHandlers.get(s.id) ?? []) setTimeout(() => void h({ type: 'WorksheetActivated', worksheetId: s.id }), 0);
  }

  /** The conditional-format fill shown on a cell (highest priority format whose formula is TRUE). */
  markFill(sheetName: string, a1: string): string | null {
    const s = this.sheet(sheetName);
    const p = parseArea(a1);
    if (!s || !p) return null;
    for (const cf of s.cfs) {
      if (!cf.fill || !evaluatesTrue(cf.formula)) continue;
      if (cf.rects.some((r) => p.r0 >= r.r0 && p.r0 <= r.r1 && p.c0 >= r.c0 && p.c0 <= r.c1)) return cf.fill;
    }
    return null;
  }

  /** Fires onChanged on a sheet (when events are on), asynchronously like Excel. */
  fireChanged(s: SheetModel, rect: Rect, changeType: string, triggerSource: string, before?: CellValue, after?: CellValue): void {
    const hs = this.handlers.get(s.id);
    if (!hs || hs.size === 0) return;
    if (!this.enableEvents) {
      this.stats.eventsSuppressed++;
      return;
    }
    const single = rect.r0 === rect.r1 && rect.c0 === rect.c1;
    const args = {
      type: 'WorksheetChanged',
      source: 'Local',
      changeType,
      triggerSource,
      worksheetId: s.id,
      address: formatRect(rect),
      details: single
        ? { valueBefore: before ?? '', valueAfter: after ?? '', valueTypeBefore: typeOf(before), valueTypeAfter: typeOf(after) }
        : undefined,
    };
    for (const h of hs) {
      this.stats.eventsFired++;
      setTimeout(() => void h({ ...args }), 0);
    }
  }
}

function typeOf(v: CellValue | undefined): string {
  if (v === undefined || v === '') return 'Empty';
  return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
}

/** Our marks use constant-TRUE formulas; the double evaluates just those shapes. */
export function evaluatesTrue(formula: string): boolean {
  const f = formula.trim().toUpperCase();
  return f === '=TRUE' || /^=N\(".*"\)=0$/.test(f);
}

export { parseArea, parseAreas, formatRect };
export type { Rect };
