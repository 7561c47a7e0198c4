// The Office helpers (addin/src/excel/*) against office-addin-mock: what they read, what they write,
// and how many syncs they make. Part 1: probing and reading; the marks in excel-marks.test.ts; selecting,
// watching, inserting and error texts in excel-select.test.ts.
import { describe, expect, it } from 'vitest';
import { probeWorkbook } from '../../addin/src/excel/probe';
import { readLedgerSheets, queueRosterRows } from '../../addin/src/excel/read';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION_NAME } from '../../shared/template/definition';
import { child, loadItems, logged, mockContext, returns } from './mock';

describe('probeWorkbook', () => {
  const sheets = (log: string[]) => ({
    load: loadItems(log, 'worksheets'),
    items: [
      { name: SHEET_UNIT, id: '{s1}' },
      { name: SHEET_ROSTER, id: '{s2}' },
      { name: '填表说明', id: '{s3}' },
    ],
  });

  it('reads the sheet names and the template version from the named cell in two syncs', async () => {
    const log: string[] = [];
    const { ctx, mock, syncs } = mockContext({
      workbook: {
        worksheets: sheets(log),
        names: {
          getItemOrNullObject: logged(log, 'name', 'stamp'),
          stamp: {
            type: 'Range',
            value: "='填表说明'!$B$2",
            getRange: returns('cell'),
            cell: { values: [['1']] },
          },
        },
      },
    });
    Object.defineProperty(mock.workbook.names.stamp, 'isNullObject', { value: false });
    const p = await probeWorkbook(ctx);
    expect(p).toEqual({
      sheetNames: [SHEET_UNIT, SHEET_ROSTER, '填表说明'],
      sheetIds: { [SHEET_UNIT]: '{s1}', [SHEET_ROSTER]: '{s2}', 填表说明: '{s3}' },
      hasUnitSheet: true,
      hasRosterSheet: true,
      templateVersion: '1',
    });
    expect(log).toEqual(['worksheets.load items/name,items/id', `name ${TEMPLATE_VERSION_NAME}`]);
    expect(syncs()).toBe(2);
  });

  it('says null (one sync) when the workbook carries no version name', async () => {
    const log: string[] = [];
    const { ctx, mock, syncs } = mockContext({
      workbook: {
        worksheets: { ...sheets(log), items: [{ name: 'Sheet1', id: '{a}' }] },
        names: {
          getItemOrNullObject: returns('none'),
          none: { type: '', value: '' },
        },
      },
    });
    Object.defineProperty(mock.workbook.names.none, 'isNullObject', { value: true });
    const p = await probeWorkbook(ctx);
    expect(p.templateVersion).toBeNull();
    expect(p.hasUnitSheet || p.hasRosterSheet).toBe(false);
    expect(syncs()).toBe(1);
  });
});

/** A workbook mock whose roster has `rows` × `cols` values and logs every getRangeByIndexes. */
function ledgerMock(rows: number, cols: number, log: string[]) {
  const roster = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => `r${r}c${c}`));
  return {
    roster,
    data: {
      workbook: {
        worksheets: {
          getItem(name: string) {
            return name === SHEET_UNIT ? this.unit : this.roster;
          },
          unit: {
            getUsedRange: returns('used'),
            used: { address: 'A1:C15' },
            getRange: logged(log, 'unit.getRange', 'a1'),
            a1: {
              getBoundingRect: returns('box'),
              box: {
                getIntersection: logged(log, 'intersect', 'ab'),
                ab: { values: [['单位名称', '示范局']] },
              },
            },
          },
          roster: {
            getUsedRange: logged(log, 'roster.getUsedRange', 'used'),
            used: { rowIndex: 0, columnIndex: 0, rowCount: rows, columnCount: cols },
            getRangeByIndexes(r: number, c: number, n: number, w: number) {
              log.push(`rows ${r},${c},${n},${w}`);
              return child(this, `chunk_${r}_${n}`, { values: roster.slice(r, r + n) });
            },
          },
        },
      },
    },
  };
}

describe('readLedgerSheets', () => {
  it('reads the unit sheet columns A:B and the roster in chunks, one sync per chunk', async () => {
    const log: string[] = [];
    const { data, roster } = ledgerMock(10, 3, log);
    const { ctx, syncs } = mockContext(data);
    const read = await readLedgerSheets(ctx, { unit: true, roster: true }, 9);
    expect(read.sheets[SHEET_UNIT]).toEqual([['单位名称', '示范局']]);
    expect(read.sheets[SHEET_ROSTER]).toEqual(roster);
    expect(read.rosterWidth).toBe(3);
    expect(log).toEqual([
      'unit.getRange A1',
      'unit.getRange A:B',
      'intersect',
      'roster.getUsedRange true',
      'rows 0,0,3,3',
      'rows 3,0,3,3',
      'rows 6,0,3,3',
      'rows 9,0,1,3',
    ]);
    expect(syncs()).toBe(5); // extent + 4 chunks
  });

  it('halves the chunk when Excel answers that the response is too large', async () => {
    const log: string[] = [];
    const { data, roster } = ledgerMock(8, 2, log);
    const { ctx, failSync } = mockContext(data);
    failSync(2, 'ResponsePayloadSizeLimitExceeded');
    const read = await readLedgerSheets(ctx, { unit: false, roster: true }, 16);
    expect(read.sheets[SHEET_ROSTER]).toEqual(roster);
    expect(log.filter((l) => l.startsWith('rows'))).toEqual(['rows 0,0,8,2', 'rows 0,0,4,2', 'rows 4,0,4,2']);
  });

  it('passes any other Office error up unchanged', async () => {
    const { data } = ledgerMock(4, 2, []);
    const { ctx, failSync } = mockContext(data);
    failSync(2, 'AccessDenied');
    await expect(readLedgerSheets(ctx, { unit: false, roster: true })).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('queues exactly the changed row blocks for an edit (no sync of its own)', () => {
    const log: string[] = [];
    const { data } = ledgerMock(10, 23, log);
    const { ctx, syncs } = mockContext(data);
    queueRosterRows(
      ctx,
      [
        { firstRow: 5, lastRow: 5 },
        { firstRow: 40, lastRow: 239 },
      ],
      23,
    );
    expect(log).toEqual(['rows 4,0,1,23', 'rows 39,0,200,23']);
    expect(syncs()).toBe(0);
  });
});

/** Sheet mock for marks: the sheet's formats (`items`), logging deletions, RangeAreas, new formats. */
