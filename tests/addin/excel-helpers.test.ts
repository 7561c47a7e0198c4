// The Office helpers (addin/src/excel/*) against office-addin-mock: what they read, what they write,
// and how many syncs they make.
// Long (~450 lines): one describe per helper module, all sharing this file's mock-workbook builders;
// each case counts the syncs a helper makes, so the mocks are spelled out rather than hidden.
import { describe, expect, it } from 'vitest';
import { probeWorkbook, insertTemplate, splitReference } from '../../addin/src/excel/probe';
import { readLedgerSheets, queueRosterRows } from '../../addin/src/excel/read';
import { applyMarks, findOwnMarks, markFormula, MARK_STYLE } from '../../addin/src/excel/marks';
import { selectCell } from '../../addin/src/excel/select';
import { watchSheets } from '../../addin/src/excel/events';
import { describeOfficeError } from '../../addin/src/excel/run';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION_NAME } from '../../shared/template/definition';
import { child, loadItems, mockContext } from './mock';

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
          getItemOrNullObject(name: string) {
            log.push(`name ${name}`);
            return this.stamp;
          },
          stamp: {
            type: 'Range',
            value: "='填表说明'!$B$2",
            getRange() {
              return this.cell;
            },
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
          getItemOrNullObject() {
            return this.none;
          },
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
            getUsedRange() {
              return this.used;
            },
            used: { address: 'A1:C15' },
            getRange(a: string) {
              log.push(`unit.getRange ${a}`);
              return this.a1;
            },
            a1: {
              getBoundingRect() {
                return this.box;
              },
              box: {
                getIntersection() {
                  log.push('intersect');
                  return this.ab;
                },
                ab: { values: [['单位名称', '示范局']] },
              },
            },
          },
          roster: {
            getUsedRange(valuesOnly: boolean) {
              log.push(`roster.getUsedRange ${valuesOnly}`);
              return this.used;
            },
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
function marksMock(log: string[], items: { id: string; type: string; formula?: string }[] = []) {
  let n = 0;
  const data = {
    runtime: {},
    workbook: {
      worksheets: {
        getItem(name: string) {
          log.push(`sheet ${name}`);
          return this.ws;
        },
        ws: {
          getRange() {
            return this.whole;
          },
          whole: {
            conditionalFormats: {
              load: loadItems(log, 'cfs'),
              items: items.map((i) => ({
                ...i,
                customOrNullObject: { isNullObject: i.type !== 'Custom', rule: { formula: i.formula } },
                delete() {
                  log.push(`delete ${i.id}`);
                },
              })),
            },
          },
          getRanges(address: string) {
            log.push(`areas ${address}`);
            return child(this, `areas_${++n}`, {
              conditionalFormats: {
                add(type: string) {
                  log.push(`add ${type}`);
                  return child(this, 'cf', { custom: { rule: { formula: '' }, format: { fill: { color: '' }, font: { color: '' } } } });
                },
              },
            });
          },
        },
      },
    },
  };
  return data;
}
function logEvents(mock: any, log: string[]) {
  let v = true;
  Object.defineProperty(mock.runtime, 'enableEvents', {
    get: () => v,
    set: (x: boolean) => {
      v = x;
      log.push(`events ${x}`);
    },
  });
}

describe('applyMarks', () => {
  it("finds our formats by tag in the same batch, deletes them lowest priority first, never a user's, then adds with events off", async () => {
    const log: string[] = [];
    const items = [
      { id: '0', type: 'Custom', formula: markFormula('taizhang:error:a') },
      { id: '1', type: 'Custom', formula: '=$A1>5' }, // the user's
      { id: '2', type: 'Custom', formula: markFormula('taizhang:error:b') },
      { id: '3', type: 'Custom', formula: markFormula('taizhang:finding:c') }, // ours, still wanted
      { id: '4', type: 'DataBar' },
    ];
    const { ctx, mock, syncs } = mockContext(marksMock(log, items));
    logEvents(mock, log);
    const applied = await applyMarks(
      ctx,
      [
        { sheet: SHEET_ROSTER, severity: 'error', address: 'D5', id: 'taizhang:error:a' },
        { sheet: SHEET_ROSTER, severity: 'error', address: 'D6', id: 'taizhang:error:b' },
      ],
      [{ sheet: SHEET_ROSTER, severity: 'error', address: 'D7,D9:D12' }],
    );
    const writes = log.slice(log.indexOf('events false'));
    expect(writes).toEqual([
      'events false',
      'delete 2',
      'delete 0',
      `sheet ${SHEET_ROSTER}`,
      'areas D7,D9:D12',
      'add Custom',
      'events true',
    ]);
    const cf = mock.workbook.worksheets.ws.areas_1.conditionalFormats.cf;
    expect(cf.custom.rule.formula).toBe(markFormula(applied[0].id));
    expect(applied[0].id).toMatch(/^taizhang:error:/);
    expect(cf.custom.format.fill.color).toBe(MARK_STYLE.error.fill);
    expect(cf.custom.format.font.color).toBe(MARK_STYLE.error.font);
    expect(applied).toEqual([{ sheet: SHEET_ROSTER, severity: 'error', address: 'D7,D9:D12', id: applied[0].id }]);
    expect(syncs()).toBe(2); // ids, types and formulas; the writes
    expect(log).toContain('cfs.load items/id,items/type,items/customOrNullObject/rule/formula');
  });

  it('only adding takes one sync; nothing to change takes none', async () => {
    const a = mockContext(marksMock([]));
    await applyMarks(a.ctx, [], [{ sheet: SHEET_ROSTER, severity: 'warning', address: 'T5' }]);
    expect(a.syncs()).toBe(1);
    const b = mockContext(marksMock([]));
    expect(await applyMarks(b.ctx, [], [])).toEqual([]);
    expect(b.syncs()).toBe(0);
  });

  it('gives every new format its own tag', async () => {
    const { ctx } = mockContext(marksMock([]));
    const out = await applyMarks(
      ctx,
      [],
      [
        { sheet: SHEET_ROSTER, severity: 'error', address: 'D5' },
        { sheet: SHEET_ROSTER, severity: 'error', address: 'D6' },
      ],
    );
    expect(new Set(out.map((m) => m.id)).size).toBe(2);
  });

  it('passes errors up after switching events back on', async () => {
    const log: string[] = [];
    const { ctx, mock, failSync } = mockContext(marksMock(log));
    logEvents(mock, log);
    failSync(1, 'AccessDenied');
    await expect(applyMarks(ctx, [], [{ sheet: SHEET_ROSTER, severity: 'error', address: 'D5' }])).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    expect(log.at(-1)).toBe('events true');
    expect(mock.runtime.enableEvents).toBe(true);
  });
});

describe('findOwnMarks', () => {
  it('finds only the formats the add-in left (tagged formula), in one sync', async () => {
    const custom = (formula: string) => ({ isNullObject: false, rule: { formula } });
    const mine = { id: '0', type: 'Custom', customOrNullObject: custom(markFormula('taizhang:warning:x1')) };
    const legacy = { id: '1', type: 'Custom', customOrNullObject: custom('=N("taizhang:error")=0') };
    const users = { id: '2', type: 'Custom', customOrNullObject: custom('=A1>5') };
    const other = { id: '3', type: 'DataBar', customOrNullObject: { isNullObject: true } };
    const { ctx, syncs } = mockContext({
      workbook: {
        worksheets: {
          getItem() {
            return this.ws;
          },
          ws: {
            getRange() {
              return this.all;
            },
            all: { conditionalFormats: { load: loadItems(null, 'cfs'), items: [mine, legacy, users, other] } },
          },
        },
      },
    });
    expect(await findOwnMarks(ctx, [SHEET_ROSTER])).toEqual([
      { sheet: SHEET_ROSTER, id: 'taizhang:warning:x1' },
      { sheet: SHEET_ROSTER, id: 'taizhang:error' },
    ]);
    expect(syncs()).toBe(1);
  });
});

describe('selectCell, watchSheets, insertTemplate', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const log: string[] = [];
    const { ctx, syncs } = mockContext({
      workbook: {
        worksheets: {
          getItem(n: string) {
            log.push(`sheet ${n}`);
            return this.ws;
          },
          ws: {
            activate() {
              log.push('activate');
            },
            getRange(a: string) {
              log.push(`range ${a}`);
              return this.r;
            },
            r: {
              select() {
                log.push('select');
              },
            },
          },
        },
      },
    });
    await selectCell(ctx, SHEET_ROSTER, 'D5');
    expect(log).toEqual([`sheet ${SHEET_ROSTER}`, 'activate', 'range D5', 'select']);
    expect(syncs()).toBe(1);
  });

  it('registers onChanged on each sheet (one sync) and reports changes with the sheet name', async () => {
    const handlers = new Map<string, (e: unknown) => Promise<void>>();
    const { ctx, syncs } = mockContext({
      workbook: {
        worksheets: {
          getItem(n: string) {
            return { onChanged: { add: (h: (e: unknown) => Promise<void>) => (handlers.set(n, h), { remove() {} }) } };
          },
        },
      },
    });
    const seen: unknown[] = [];
    await watchSheets(ctx, [SHEET_UNIT, SHEET_ROSTER], (c) => seen.push(c));
    expect([...handlers.keys()]).toEqual([SHEET_UNIT, SHEET_ROSTER]);
    expect(syncs()).toBe(1);
    await handlers.get(SHEET_ROSTER)!({ address: 'A5:W204', changeType: 'RangeEdited', worksheetId: '{s2}' });
    expect(seen).toEqual([{ sheet: SHEET_ROSTER, address: 'A5:W204', changeType: 'RangeEdited' }]);
  });

  it('inserts the template sheets at the front and restores the version name when Excel did not copy it', async () => {
    (globalThis as any).Office = { context: { platform: 'PC', requirements: { isSetSupported: () => true } } }; // ExcelApi 1.13 present
    const log: string[] = [];
    const { ctx, mock, syncs } = mockContext({
      workbook: {
        insertWorksheetsFromBase64(b64: string, o: unknown) {
          log.push(`insert ${b64} ${JSON.stringify(o)}`);
          return { value: ['{a}', '{b}'] };
        },
        names: {
          getItemOrNullObject() {
            return this.none;
          },
          none: { name: '' },
          add(name: string, ref: unknown, comment: string) {
            log.push(`add ${name} ${(ref as { addr: string }).addr} ${comment}`);
          },
        },
        worksheets: {
          getItem(n: string) {
            return { getRange: (a: string) => ({ addr: `${n}!${a}` }), activate: () => log.push(`activate ${n}`) };
          },
        },
      },
    });
    Object.defineProperty(mock.workbook.names.none, 'isNullObject', { value: true });
    const ids = await insertTemplate(ctx, 'UEsDBA==', { name: TEMPLATE_VERSION_NAME, reference: "'填表说明'!$B$2" });
    expect(ids).toEqual(['{a}', '{b}']);
    expect(log).toEqual([
      'insert UEsDBA== {"positionType":"Beginning"}',
      `add ${TEMPLATE_VERSION_NAME} 填表说明!$B$2 模板版本（台账通）`,
      `activate ${SHEET_UNIT}`,
    ]);
    expect(syncs()).toBe(2);
  });

  it('splits sheet references, quoted or not', () => {
    expect(splitReference("='填表说明'!$B$2")).toEqual(['填表说明', '$B$2']);
    expect(splitReference("'It''s'!A1")).toEqual(["It's", 'A1']);
    expect(splitReference('Sheet1!C3')).toEqual(['Sheet1', 'C3']);
  });
});

describe('describeOfficeError', () => {
  it('explains errors by their code in Chinese', () => {
    expect(describeOfficeError({ code: 'InvalidOperationInCellEditMode' })).toMatch(/编辑状态/);
    expect(describeOfficeError({ code: 'AccessDenied' })).toMatch(/只读|保护/);
    expect(describeOfficeError(new Error('boom'))).toMatch(/boom/);
  });
});
