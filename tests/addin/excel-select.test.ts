// The Excel helpers (addin/src/excel/*) with office-addin-mock, part 3: selecting cells, watching sheets, inserting the template,
// Office error texts.
import { describe, expect, it } from 'vitest';
import { insertTemplate, splitReference } from '../../addin/src/excel/probe';
import { selectCell } from '../../addin/src/excel/select';
import { watchSheets } from '../../addin/src/excel/events';
import { describeOfficeError } from '../../addin/src/excel/run';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION_NAME } from '../../shared/template/definition';
import { logged, mockContext } from './mock';

describe('selectCell, watchSheets, insertTemplate', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const log: string[] = [];
    const { ctx, syncs } = mockContext({
      workbook: {
        worksheets: {
          getItem: logged(log, 'sheet', 'ws'),
          ws: { activate: logged(log, 'activate'), getRange: logged(log, 'range', 'r'), r: { select: logged(log, 'select') } },
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
