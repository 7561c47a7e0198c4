// The desk's Office helpers (addin/src/excel/desk.ts) against office-addin-mock: what they call, in
// which order, with how many syncs; and the pure pieces (chart tables, base64, filters).
import { describe, expect, it } from 'vitest';
import type { ProgressRow } from '../../shared/api/contract';
import { ENUMS } from '../../shared/template/definition';
import { RULES } from '../../shared/rules/catalogue';
import { SHEETS, summaryHeader } from '../../shared/desk/sheets';
import {
  addDeskCharts,
  CHART_SHEET,
  DESK_SHEETS,
  deskChartData,
  OnStaffColumnMissing,
  readOnStaffIds,
  readSummaryTotals,
  replaceDeskSheets,
} from '../../addin/src/excel/desk';
import { fromBase64, toBase64 } from '../../shared/base64';
import { applyFilter, filterCounts } from '../../addin/src/desk/filters';
import { parseReasons } from '../../addin/src/desk/UnitReview';
import { child, loadItems, mockContext } from '../addin/mock';

describe('replaceDeskSheets', () => {
  // Office says ExcelApi 1.13 is there (the guard asks before inserting).
  (globalThis as any).Office = { context: { platform: 'PC', requirements: { isSetSupported: () => true } } };
  it('renames old desk sheets, inserts the new ones, deletes the old, in two syncs', async () => {
    const log: string[] = [];
    const item = (name: string) => ({
      name,
      delete() {
        log.push(`delete ${this.name}`);
      },
    });
    const { ctx, mock, syncs } = mockContext({
      workbook: {
        worksheets: {
          load: loadItems(log, 'worksheets'),
          items: [item('我的表'), item(SHEETS.summary), item(CHART_SHEET)],
          getItem(name: string) {
            log.push(`getItem ${name}`);
            return child(this, 'got', {
              activate() {
                log.push('activate');
              },
            });
          },
        },
        insertWorksheetsFromBase64(b64: string, opts: unknown) {
          log.push(`insert ${b64} ${JSON.stringify(opts)}`);
        },
      },
    });
    const names = await replaceDeskSheets(ctx, 'QUJD');
    expect(names).toEqual(DESK_SHEETS);
    expect(log).toEqual([
      'worksheets.load items/name',
      `insert QUJD ${JSON.stringify({ positionType: 'End', sheetNamesToInsert: DESK_SHEETS })}`,
      `delete ${SHEETS.summary}（旧）`,
      `delete ${CHART_SHEET}（旧）`,
      `getItem ${SHEETS.summary}`,
      'activate',
    ]);
    expect(mock.workbook.worksheets.items[0].name).toBe('我的表');
    expect(syncs()).toBe(2);
  });
});

describe('chart data and charts', () => {
  const headers = [
    '单位编号',
    ...ENUMS.employmentForm.map(summaryHeader.employmentForm),
    summaryHeader.rule('PROHIBITED_POST'),
    summaryHeader.rule('NO_TERM'),
    summaryHeader.rule('RELATIVE_OF_LEADER'),
  ];
  const totals = ['合计', ...ENUMS.employmentForm.map((_, i) => i * 10), 7, 0, 3];
  const units = [{ status: 'sealed' }, { status: 'sealed' }, { status: 'not_started' }, { status: 'returned' }] as Pick<
    ProgressRow,
    'status'
  >[];

  it('derives the three tables from progress and the 汇总 total row', () => {
    const d = deskChartData(units, headers, totals);
    expect(d.status).toEqual([
      ['状态', '单位数'],
      ['未报送', 1],
      ['已报送', 2],
      ['已退回', 1],
    ]);
    expect(d.rules).toEqual([
      ['问题', '条数'],
      [RULES.PROHIBITED_POST.title, 7],
      [RULES.RELATIVE_OF_LEADER.title, 3],
    ]);
    expect(d.forms).toEqual([['用工形式', '人数'], ...ENUMS.employmentForm.map((f, i) => [f, i * 10])]);
  });

  it('reads the header and total rows of 汇总 in one sync', async () => {
    const { ctx, syncs } = mockContext({
      workbook: {
        worksheets: {
          getItem(name: string) {
            expect(name).toBe(SHEETS.summary);
            return this.summary;
          },
          summary: {
            getUsedRange() {
              return this.used;
            },
            used: { values: [headers, ['u1', ...totals.slice(1)], totals] },
          },
        },
      },
    });
    expect(await readSummaryTotals(ctx)).toEqual({ headers, totals });
    expect(syncs()).toBe(1);
  });

  it('adds a chart sheet with three tables and three native charts in one sync', async () => {
    const log: string[] = [];
    const ranges: Record<string, unknown> = {};
    const { ctx, syncs } = mockContext({
      workbook: {
        worksheets: {
          add(name: string) {
            log.push(`add ${name}`);
            return child(this, 'sheet', {
              getRange(a: string) {
                return child(this, `r_${a.replace(/[:]/g, '_')}`, {
                  format: {
                    font: {},
                    autofitColumns() {
                      log.push(`autofit ${a}`);
                    },
                  },
                });
              },
              charts: {
                add(type: string, range: { values: unknown }, by: string) {
                  log.push(`chart ${type} ${by}`);
                  ranges[type] = range.values;
                  return child(this, `c_${type}`, {
                    title: {},
                    setPosition(a: string, b: string) {
                      log.push(`at ${a}:${b}`);
                    },
                  });
                },
              },
            });
          },
        },
      },
    });
    const data = deskChartData(units, headers, totals);
    await addDeskCharts(ctx, data);
    expect(log.filter((l) => l.startsWith('chart') || l.startsWith('add'))).toEqual([
      `add ${CHART_SHEET}`,
      'chart Pie Columns',
      'chart BarClustered Columns',
      'chart ColumnClustered Columns',
    ]);
    expect(ranges.Pie).toEqual(data.status);
    expect(ranges.BarClustered).toEqual(data.rules);
    expect(ranges.ColumnClustered).toEqual(data.forms);
    expect(syncs()).toBe(1);
  });
});

describe('readOnStaffIds', () => {
  function sheetMock(values: unknown[][], log: string[]) {
    return {
      workbook: {
        worksheets: {
          getActiveWorksheet() {
            return this.active;
          },
          active: {
            name: '在编人员',
            getUsedRangeOrNullObject(valuesOnly: boolean) {
              log.push(`used ${valuesOnly}`);
              return this.used;
            },
            used: {
              rowCount: values.length,
              columnCount: values[0].length,
              rowIndex: 2,
              columnIndex: 1,
              getAbsoluteResizedRange(r: number, c: number) {
                log.push(`top ${r}x${c}`);
                return child(this, 'top', { values: values.slice(0, r) });
              },
              getCell(r: number, c: number) {
                const col = values.map((row) => [row[c]]);
                return child(this, `cell_${r}_${c}`, {
                  getAbsoluteResizedRange(n: number, w: number) {
                    log.push(`chunk ${r},${c} ${n}x${w}`);
                    return child(this, 'chunk', { values: col.slice(r, r + n) });
                  },
                });
              },
            },
          },
        },
      },
    };
  }

  it('finds the 身份证号码 column and reads every value below it', async () => {
    const log: string[] = [];
    const values = [
      ['在编人员名单', null, null],
      ['序号', '姓名', '身份 证号码'],
      [1, '张三', ' 110101199003071234 '],
      [2, '李四', 110101199003071000],
      [3, '王五', ''],
      [4, '赵六', '11010119900307123x'],
    ];
    const m = mockContext(sheetMock(values, log));
    Object.defineProperty(m.mock.workbook.worksheets.active.used, 'isNullObject', { value: false });
    const r = await readOnStaffIds(m.ctx);
    // the used range starts at B3: header row 4, column D
    expect(r).toEqual({
      sheetName: '在编人员',
      column: 'D',
      headerRow: 4,
      idNumbers: ['110101199003071234', '11010119900307123x'],
      numeric: 1,
    });
    expect(log).toEqual(['used true', 'top 6x3', 'chunk 2,2 4x1']);
    expect(m.syncs()).toBe(3);
  });

  it('says clearly when the sheet has no ID column', async () => {
    const m = mockContext(
      sheetMock(
        [
          ['姓名', '电话'],
          ['张三', '1'],
        ],
        [],
      ),
    );
    Object.defineProperty(m.mock.workbook.worksheets.active.used, 'isNullObject', { value: false });
    await expect(readOnStaffIds(m.ctx)).rejects.toBeInstanceOf(OnStaffColumnMissing);
  });
});

describe('pure helpers of the desk pane', () => {
  it('encodes base64 in slices like btoa would at once', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(() => fromBase64('not base64!')).toThrow();
  });

  it('filters units by what needs attention', () => {
    const base = {
      name: 'x',
      parentId: null,
      reported: false,
      version: null,
      submittedAt: null,
      signedAt: null,
      sealedAt: null,
      endorsedAt: null,
      acceptedAt: null,
      reviewer: null,
      onTime: null,
      overdueDays: 0,
      rows: null,
      errors: null,
      findings: null,
      underReports: 0,
      suspectedUnreported: 0,
      milestones: [],
    };
    const overdue = {
      id: 'm',
      title: 'm',
      requires: 'reported' as const,
      due: '2025-01-01',
      extended: false,
      doneAt: null,
      onTime: false,
      state: 'overdue' as const,
      overdueDays: 3,
    };
    const units: ProgressRow[] = [
      { ...base, unitId: 'a', status: 'not_started', milestones: [overdue], overdueDays: 3 },
      { ...base, unitId: 'b', status: 'submitted', version: 1, submittedAt: '2025-01-01T00:00:00Z' },
      { ...base, unitId: 'c', status: 'signed', version: 1, signedAt: '2025-01-01T00:00:00Z' },
      { ...base, unitId: 'd', status: 'returned', version: 2, signedAt: 'x', sealedAt: 'y', reported: false, underReports: 2 },
      { ...base, unitId: 'e', status: 'accepted', version: 1, signedAt: 'x', sealedAt: 'y', reported: true },
    ];
    const ids = (f: Parameters<typeof applyFilter>[1]) => applyFilter(units, f).map((u) => u.unitId);
    expect(ids('notReported')).toEqual(['a', 'b', 'c', 'd']);
    expect(ids('overdue')).toEqual(['a']);
    expect(ids('returned')).toEqual(['d']);
    expect(ids('unsigned')).toEqual(['b']);
    expect(ids('unsealed')).toEqual(['b', 'c']);
    expect(ids('underReported')).toEqual(['d']);
    expect(filterCounts(units)).toMatchObject({ all: 5, notReported: 4, unsealed: 2 });
    expect(parseReasons(' 第5行岗位不具体 \n\n 请补充审批文号\r\n')).toEqual(['第5行岗位不具体', '请补充审批文号']);
  });
});
