// The WPS 表格 host: the host seam (../types.ts) over WPS's JS API (the ET object model). Every call is
// synchronous, so a batch is plain calls; marks are expression conditional formats carrying the same
// tag as in Excel (FormatConditions sit on top of the user's fills and vanish without a trace).
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION_NAME } from '../../../../shared/template/definition';
import { columnLetter } from '../../../../shared/a1';
import { MARK_STYLE, markFormula, newMarkTag } from '../../excel/marks';
import { SheetInsertUnavailable } from '../../excel/insert';
import type { AppliedMark, MarkChunk, SheetChange, SheetOps, SpreadsheetHost, WorkbookProbe } from '../types';
import { XL_EXPRESSION, bgrColor, grid, type EtApplication, type EtWorkbook, type EtWorksheet } from './et';

const TAG_IN_FORMULA = /N\("(taizhang:[^"]*)"\)/;
/** Range("…") takes at most 255 characters of address (as in VBA). */
export const MAX_RANGE_ADDRESS = 255;
/** Rows per read of the full roster: keeps each Value2 array a few MB. */
const ROWS_PER_READ = 5_000;
const MAX_COLUMNS = 16384;

export class WpsUnavailable extends Error {
  constructor() {
    super('没有打开的工作簿，请先在 WPS 表格中打开台账。');
    this.name = 'WpsUnavailable';
  }
}

function lastRow(ws: EtWorksheet): number {
  const u = ws.UsedRange;
  return u.Row + u.Rows.Count - 1;
}
function lastColumn(ws: EtWorksheet): number {
  const u = ws.UsedRange;
  return u.Column + u.Columns.Count - 1;
}
/** ET's 1-based column number → letters. */
const letterOfColumn = (n: number): string => columnLetter(n - 1);
/** Worksheet by name, or null (Item throws for a missing one). */
function sheetOrNull(wb: EtWorkbook, name: string): EtWorksheet | null {
  for (let i = 1; i <= wb.Worksheets.Count; i++) {
    const ws = wb.Worksheets.Item(i);
    if (ws.Name === name) return ws;
  }
  return null;
}
function sheet(wb: EtWorkbook, name: string): EtWorksheet {
  const ws = sheetOrNull(wb, name);
  if (!ws) throw new Error(`找不到工作表“${name}”。`);
  return ws;
}

/** Splits "A1,B2:C3,…" into addresses of at most `max` characters, areas kept whole. */
export function splitAddress(address: string, max = MAX_RANGE_ADDRESS): string[] {
  const out: string[] = [];
  let cur = '';
  for (const area of address.split(',')) {
    if (cur && cur.length + 1 + area.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${area}` : area;
  }
  if (cur) out.push(cur);
  return out;
}

/** Our conditional formats on a sheet: position (1-based) and tag. */
function ownFormats(ws: EtWorksheet): { index: number; tag: string }[] {
  const cfs = ws.Cells.FormatConditions;
  const out: { index: number; tag: string }[] = [];
  for (let i = 1; i <= cfs.Count; i++) {
    const cf = cfs.Item(i);
    if (cf.Type !== XL_EXPRESSION) continue;
    const tag = TAG_IN_FORMULA.exec(String(cf.Formula1 ?? ''))?.[1];
    if (tag) out.push({ index: i, tag });
  }
  return out;
}

function sheetOps(app: EtApplication, hooks: WatchHooks): SheetOps {
  const wb = () => {
    const w = app.ActiveWorkbook;
    if (!w) throw new WpsUnavailable();
    return w;
  };
  return {
    async probe(): Promise<WorkbookProbe> {
      const w = wb();
      const sheetNames: string[] = [];
      for (let i = 1; i <= w.Worksheets.Count; i++) sheetNames.push(w.Worksheets.Item(i).Name);
      let templateVersion: string | null = null;
      for (let i = 1; i <= w.Names.Count; i++) {
        const n = w.Names.Item(i);
        if (n.Name !== TEMPLATE_VERSION_NAME) continue;
        const v = grid(n.RefersToRange.Value2)[0]?.[0];
        templateVersion = v === '' ? null : String(v).trim();
      }
      return {
        sheetNames,
        sheetIds: Object.fromEntries(sheetNames.map((n) => [n, n])),
        hasUnitSheet: sheetNames.includes(SHEET_UNIT),
        hasRosterSheet: sheetNames.includes(SHEET_ROSTER),
        templateVersion,
      };
    },
    async readLedgerSheets(present) {
      const w = wb();
      const sheets: Record<string, unknown[][]> = {};
      let rosterWidth = 0;
      if (present.unit) {
        const ws = sheet(w, SHEET_UNIT);
        sheets[SHEET_UNIT] = grid(ws.Range(`A1:B${Math.max(1, lastRow(ws))}`).Value2);
      }
      if (present.roster) {
        const ws = sheet(w, SHEET_ROSTER);
        const rows = lastRow(ws);
        rosterWidth = lastColumn(ws);
        const col = letterOfColumn(rosterWidth);
        const out: unknown[][] = [];
        for (let start = 1; start <= rows; start += ROWS_PER_READ) {
          const end = Math.min(rows, start + ROWS_PER_READ - 1);
          out.push(...grid(ws.Range(`A${start}:${col}${end}`).Value2));
        }
        sheets[SHEET_ROSTER] = out;
      }
      return { sheets, rosterWidth, syncs: 0 };
    },
    async readChanged(blocks, width, unit) {
      const w = wb();
      const col = letterOfColumn(Math.max(1, width));
      const roster = blocks.length ? sheet(w, SHEET_ROSTER) : null;
      let unitValues: unknown[][] | null = null;
      if (unit) {
        const ws = sheet(w, SHEET_UNIT);
        unitValues = grid(ws.Range(`A1:B${Math.max(1, lastRow(ws))}`).Value2);
      }
      return {
        unit: unitValues,
        blocks: blocks.map((b) => ({ firstRow: b.firstRow, values: grid(roster!.Range(`A${b.firstRow}:${col}${b.lastRow}`).Value2) })),
      };
    },
    async findOwnMarks(sheetNames) {
      const w = wb();
      return sheetNames.flatMap((name) => {
        const ws = sheetOrNull(w, name);
        return ws ? ownFormats(ws).map(({ tag }) => ({ sheet: name, id: tag })) : [];
      });
    },
    async applyMarks(remove: AppliedMark[], add: MarkChunk[]): Promise<AppliedMark[]> {
      if (remove.length === 0 && add.length === 0) return [];
      const w = wb();
      const doomed = new Set(remove.map((m) => m.id));
      const events = app.EnableEvents;
      app.EnableEvents = false;
      try {
        for (const name of new Set(remove.map((m) => m.sheet))) {
          const ws = sheetOrNull(w, name);
          if (!ws) continue;
          // Highest position first: deleting one shifts the positions after it.
          const mine = ownFormats(ws)
            .filter((f) => doomed.has(f.tag))
            .sort((a, b) => b.index - a.index);
          for (const f of mine) ws.Cells.FormatConditions.Item(f.index).Delete();
        }
        return add.map((m) => {
          const ws = sheet(w, m.sheet);
          const tag = newMarkTag(m.severity);
          for (const part of splitAddress(m.address)) {
            const cf = ws.Range(part).FormatConditions.Add(XL_EXPRESSION, undefined, markFormula(tag));
            cf.Interior.Color = bgrColor(MARK_STYLE[m.severity].fill);
            cf.Font.Color = bgrColor(MARK_STYLE[m.severity].font);
          }
          return { ...m, id: tag };
        });
      } finally {
        app.EnableEvents = events;
      }
    },
    async watch(sheetNames, onChange, onActivated) {
      hooks.watch(sheetNames, onChange, onActivated);
    },
    async select(sheetName, cell) {
      const ws = sheet(wb(), sheetName);
      ws.Activate();
      ws.Range(cell).Select();
    },
  };
}

interface WatchHooks {
  watch(names: string[], onChange: (c: SheetChange) => void, onActivated?: (sheet: string) => void): void;
}

/** One SheetChange and one SheetActivate listener for the application, dispatching to watched sheets. */
function watcher(app: EtApplication): WatchHooks {
  const watched = new Set<string>();
  let change: ((c: SheetChange) => void) | null = null;
  let activated: ((sheet: string) => void) | null = null;
  let registered = false;
  return {
    watch(names, onChange, onActivated) {
      names.forEach((n) => watched.add(n));
      change = onChange;
      activated = onActivated ?? null;
      if (registered) return;
      registered = true;
      app.ApiEvent.AddApiEventListener('SheetChange', ((
        sh: EtWorksheet,
        target: { Address(r?: boolean, c?: boolean): string; Columns: { Count: number }; Rows: { Count: number } },
      ) => {
        if (!watched.has(sh.Name)) return;
        // Whole rows or columns (insert, delete, sort of rows): positions moved, re-read everything.
        const structural = target.Columns.Count >= MAX_COLUMNS || target.Rows.Count >= 1048576;
        change?.({
          sheet: sh.Name,
          address: target.Address(false, false),
          changeType: structural ? 'RowsOrColumnsChanged' : 'RangeEdited',
        });
      }) as (...args: never[]) => void);
      app.ApiEvent.AddApiEventListener('SheetActivate', ((sh: EtWorksheet) => {
        if (watched.has(sh.Name)) activated?.(sh.Name);
      }) as (...args: never[]) => void);
    },
  };
}

/** The WPS 表格 host over `app` (window.Application inside WPS; the double in tests). */
export function wpsHost(app: EtApplication): SpreadsheetHost {
  const hooks = watcher(app);
  return {
    kind: 'wps',
    // A thrown ET error becomes a rejected promise like an Office one.
    run: async (fn) => fn(sheetOps(app, hooks)),
    async insertTemplate() {
      // ET has no insert-from-file in its JS API: the pane offers the template as a download.
      throw new SheetInsertUnavailable('wps');
    },
    describeError: (e) =>
      e instanceof WpsUnavailable || e instanceof SheetInsertUnavailable
        ? e.message
        : `WPS 表格操作失败：${e instanceof Error ? e.message : String(e)}`,
    liveSupported: () => typeof app?.ApiEvent?.AddApiEventListener === 'function',
  };
}
