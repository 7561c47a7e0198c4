// The Excel helpers (addin/src/excel/*) with office-addin-mock, part 2: the severity marks (conditional formats tagged as ours).
import { describe, expect, it } from 'vitest';
import { applyMarks, findOwnMarks, markFormula, MARK_STYLE } from '../../addin/src/excel/marks';
import { SHEET_ROSTER } from '../../shared/template/definition';
import { child, loadItems, logged, mockContext, returns } from './mock';

function marksMock(log: string[], items: { id: string; type: string; formula?: string }[] = []) {
  let n = 0;
  const data = {
    runtime: {},
    workbook: {
      worksheets: {
        getItem: logged(log, 'sheet', 'ws'),
        ws: {
          getRange: returns('whole'),
          whole: {
            conditionalFormats: {
              load: loadItems(log, 'cfs'),
              items: items.map((i) => ({
                ...i,
                customOrNullObject: { isNullObject: i.type !== 'Custom', rule: { formula: i.formula } },
                delete: logged(log, `delete ${i.id}`),
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
          getItem: returns('ws'),
          ws: {
            getRange: returns('all'),
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
