// Office calls of the desk (office mode): insert the aggregated workbook's sheets, chart them with
// native Excel charts, and read the on-staff roster (在编人员名单) from the current sheet. Every helper
// takes an Excel.RequestContext; loads are queued, synced once, then written in bulk.
import type { ProgressRow, UnitStatus } from '../../../shared/api/contract';
import { UNIT_STATUSES } from '../../../shared/api/contract';
import { UNIT_STATUS_LABEL } from '../labels';
import { ENUMS, ROSTER_ANCHOR_HEADER } from '../../../shared/template/definition';
import { RULES } from '../../../shared/rules/catalogue';
import { FINDING_CODES, SHEETS, TOTAL_LABEL, summaryHeader } from '../../../shared/desk/sheets';
import { assertCanInsert, insertRefusal } from './insert';
import { columnLetter } from '../../../shared/a1';

export const DESK_SHEETS: string[] = Object.values(SHEETS);
export const CHART_SHEET = '统计图表';
const OLD_SUFFIX = '（旧）';

/**
 * Replaces the desk sheets in the current workbook with those of `base64` (the aggregated workbook):
 * old desk sheets are renamed, the new ones inserted at the end, then the old ones deleted, so the
 * workbook never runs out of sheets and names never clash. Two syncs. Where Excel cannot insert the
 * file it throws SheetInsertUnavailable, checked first where it can be; should the insert fail after
 * the renames, the old sheets get their names back: no "（旧）" sheet is ever left behind.
 */
export async function replaceDeskSheets(context: Excel.RequestContext, base64: string): Promise<string[]> {
  assertCanInsert(base64);
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const owned = new Set([...DESK_SHEETS, CHART_SHEET]);
  const old = sheets.items.filter((s) => owned.has(s.name)).map((s) => ({ sheet: s, name: s.name }));
  for (const { sheet, name } of old) sheet.name = `${name}${OLD_SUFFIX}`.slice(0, 31);
  context.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End', sheetNamesToInsert: DESK_SHEETS });
  for (const { sheet } of old) sheet.delete();
  context.workbook.worksheets.getItem(SHEETS.summary).activate();
  try {
    await context.sync();
  } catch (e) {
    await restoreNames(
      context,
      old.map((o) => o.name),
    );
    throw insertRefusal(e) ?? e;
  }
  return DESK_SHEETS;
}

/** Gives sheets renamed "X（旧）" their name X back, or deletes them where X exists again. One sync. */
async function restoreNames(context: Excel.RequestContext, names: string[]): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const present = new Set(sheets.items.map((s) => s.name));
  for (const name of names) {
    const renamed = sheets.items.find((s) => s.name === `${name}${OLD_SUFFIX}`.slice(0, 31));
    if (!renamed) continue;
    if (present.has(name)) renamed.delete();
    else renamed.name = name;
  }
  await context.sync();
}

/** The 汇总 sheet's header row and total row (one sync). */
export async function readSummaryTotals(context: Excel.RequestContext): Promise<{ headers: string[]; totals: unknown[] }> {
  const used = context.workbook.worksheets.getItem(SHEETS.summary).getUsedRange(true);
  used.load('values');
  await context.sync();
  const values = used.values as unknown[][];
  const headers = (values[0] ?? []).map((v) => String(v ?? ''));
  const totals = [...values].reverse().find((r) => r[0] === TOTAL_LABEL) ?? [];
  return { headers, totals };
}

export type ChartTable = [string, string | number][];

export interface DeskChartData {
  /** 单位数 by status (progress). */
  status: ChartTable;
  /** 条数 by finding rule (汇总 total row), rules with none left out. */
  rules: ChartTable;
  /** 人数 by 用工形式 (汇总 total row). */
  forms: ChartTable;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);

/** The three small tables the charts plot (pure). Each starts with its header row. */
export function deskChartData(units: readonly Pick<ProgressRow, 'status'>[], headers: string[], totals: unknown[]): DeskChartData {
  const count = new Map<UnitStatus, number>();
  for (const u of units) count.set(u.status, (count.get(u.status) ?? 0) + 1);
  const at = (h: string) => num(totals[headers.indexOf(h)]);
  return {
    status: [
      ['状态', '单位数'],
      ...UNIT_STATUSES.filter((s) => count.has(s)).map((s): [string, number] => [UNIT_STATUS_LABEL[s], count.get(s)!]),
    ],
    rules: [
      ['问题', '条数'],
      ...FINDING_CODES.map((c): [string, number] => [RULES[c].title, at(summaryHeader.rule(c))]).filter(([, n]) => n > 0),
    ],
    forms: [['用工形式', '人数'], ...ENUMS.employmentForm.map((f): [string, number] => [f, at(summaryHeader.employmentForm(f))])],
  };
}

interface ChartSpec {
  key: keyof DeskChartData;
  title: string;
  type: 'Pie' | 'BarClustered' | 'ColumnClustered';
  column: string;
  anchor: [string, string];
}

const CHARTS: ChartSpec[] = [
  { key: 'status', title: '各单位报送状态', type: 'Pie', column: 'A', anchor: ['J2', 'Q18'] },
  { key: 'rules', title: '问题发现（按规则）', type: 'BarClustered', column: 'D', anchor: ['J20', 'Q40'] },
  { key: 'forms', title: '编外人员（按用工形式）', type: 'ColumnClustered', column: 'G', anchor: ['J42', 'Q58'] },
];

const nextColumn = (c: string) => String.fromCharCode(c.charCodeAt(0) + 1);

/** Adds the sheet 统计图表 with the three tables and a native chart over each (one sync). */
export async function addDeskCharts(context: Excel.RequestContext, data: DeskChartData): Promise<void> {
  const sheet = context.workbook.worksheets.add(CHART_SHEET);
  for (const c of CHARTS) {
    const rows = data[c.key].length > 1 ? data[c.key] : [...data[c.key], ['（无）', 0] as [string, number]];
    const range = sheet.getRange(`${c.column}1:${nextColumn(c.column)}${rows.length}`);
    range.values = rows;
    sheet.getRange(`${c.column}1:${nextColumn(c.column)}1`).format.font.bold = true;
    const chart = sheet.charts.add(c.type, range, 'Columns');
    chart.title.text = c.title;
    chart.setPosition(c.anchor[0], c.anchor[1]);
  }
  sheet.getRange('A:H').format.autofitColumns();
  await context.sync();
}

/** 拉取汇总工作簿: the sheets, then the charts from the inserted 汇总 and the progress rows. */
export async function pullAggregate(
  context: Excel.RequestContext,
  base64: string,
  units: readonly Pick<ProgressRow, 'status'>[],
): Promise<DeskChartData> {
  await replaceDeskSheets(context, base64);
  const { headers, totals } = await readSummaryTotals(context);
  const data = deskChartData(units, headers, totals);
  await addDeskCharts(context, data);
  return data;
}

export interface OnStaffRead {
  sheetName: string;
  /** A1 column letter(s) of the ID column. */
  column: string;
  headerRow: number;
  /** Non-empty text values below the header, trimmed. */
  idNumbers: string[];
  /** Cells holding a number: an 18-digit ID stored as a number has lost its last digits. */
  numeric: number;
}

export class OnStaffColumnMissing extends Error {
  constructor(sheetName: string) {
    super(`工作表“${sheetName}”的前 10 行中没有“${ROSTER_ANCHOR_HEADER}”列，请选中在编人员名单所在的工作表。`);
    this.name = 'OnStaffColumnMissing';
  }
}

const ROWS_PER_READ = 50_000; // ~1 MB of IDs per response, well under Excel on the web's 5 MB cap

/**
 * Reads the on-staff roster from the active sheet: the column headed 身份证号码 (within the first 10
 * rows of the used range), every value below it. Large sheets are read in chunks of 50,000 rows.
 */
export async function readOnStaffIds(context: Excel.RequestContext): Promise<OnStaffRead> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load('name');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowCount,columnCount,rowIndex,columnIndex');
  await context.sync();
  if (used.isNullObject) throw new OnStaffColumnMissing(sheet.name);
  const top = used.getAbsoluteResizedRange(Math.min(10, used.rowCount), used.columnCount);
  top.load('values');
  await context.sync();
  let hr = -1;
  let hc = -1;
  (top.values as unknown[][]).some((row, r) =>
    row.some((v, c) => {
      if (typeof v === 'string' && v.replace(/\s+/g, '') === ROSTER_ANCHOR_HEADER) {
        hr = r;
        hc = c;
        return true;
      }
      return false;
    }),
  );
  if (hr < 0) throw new OnStaffColumnMissing(sheet.name);
  const idNumbers: string[] = [];
  let numeric = 0;
  for (let start = hr + 1; start < used.rowCount; start += ROWS_PER_READ) {
    const n = Math.min(ROWS_PER_READ, used.rowCount - start);
    const chunk = used.getCell(start, hc).getAbsoluteResizedRange(n, 1);
    chunk.load('values');
    // One chunk per sync on purpose: each response must stay under the 5 MB cap.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const [v] of chunk.values as unknown[][]) {
      if (typeof v === 'number') numeric++;
      else if (typeof v === 'string' && v.trim() !== '') idNumbers.push(v.trim());
    }
  }
  return { sheetName: sheet.name, column: columnLetter(used.columnIndex + hc), headerRow: used.rowIndex + hr + 1, idNumbers, numeric };
}
