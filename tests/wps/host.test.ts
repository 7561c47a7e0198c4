// The WPS host's own rules, against the ET double: 255-character Range addresses, marks removed by tag
// whatever their positions, events back on after a failure, Value2's scalar shape, structural edits.
import { describe, expect, it } from 'vitest';
import { createWpsDouble } from '../e2e/wps-double/index';
import { splitAddress, wpsHost, MAX_RANGE_ADDRESS } from '../../addin/src/host/wps/host';
import type { EtApplication } from '../../addin/src/host/wps/et';
import type { SheetChange } from '../../addin/src/host/types';
import { MARK_STYLE } from '../../addin/src/excel/marks';

const S = '编外人员台账';
function setup() {
  const d = createWpsDouble();
  d.seed({
    [S]: [
      ['序号', '姓名'],
      [1, '张三'],
      [2, '李四'],
    ],
  });
  return { d, host: wpsHost(d.Application as unknown as EtApplication) };
}
const manyCells = (n: number) => Array.from({ length: n }, (_, i) => `D${2 * i + 5}`).join(',');

describe('WPS host', () => {
  it('splits long addresses into pieces Range() accepts, keeping areas whole', () => {
    const parts = splitAddress(manyCells(200));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= MAX_RANGE_ADDRESS)).toBe(true);
    expect(parts.join(',')).toBe(manyCells(200));
    expect(splitAddress('A1')).toEqual(['A1']);
  });

  it('marks an address longer than 255 characters (several formats, one tag) and removes them all', async () => {
    const { d, host } = setup();
    const address = manyCells(120);
    expect(() => d.Application.ActiveWorkbook.Worksheets.Item(S).Range(address)).toThrow(); // as in VBA
    const [mark] = await host.run((ops) => ops.applyMarks([], [{ sheet: S, severity: 'error', address }]));
    expect(d.inspect.mark(S, 'D5')).toBe(MARK_STYLE.error.fill);
    expect(d.inspect.mark(S, `D${2 * 119 + 5}`)).toBe(MARK_STYLE.error.fill);
    expect(d.inspect.conditionalFormulas(S).length).toBeGreaterThan(1);
    await host.run((ops) => ops.applyMarks([mark], []));
    expect(d.inspect.conditionalFormulas(S)).toEqual([]);
  });

  it("removes exactly the tagged formats, between the user's, as positions shift", async () => {
    const { d, host } = setup();
    d.user.addConditionalFormat(S, 'A1:A9', '=TRUE', '#00B050');
    const [a, b, c] = await host.run((ops) =>
      ops.applyMarks(
        [],
        [
          { sheet: S, severity: 'error', address: 'B2' },
          { sheet: S, severity: 'warning', address: 'B3' },
          { sheet: S, severity: 'finding', address: 'B4' },
        ],
      ),
    );
    d.user.addConditionalFormat(S, 'C1:C9', '=TRUE', '#00B050');
    await host.run((ops) => ops.applyMarks([a, c], []));
    const left = d.inspect.conditionalFormulas(S);
    expect(left.filter((f) => f === '=TRUE')).toHaveLength(2);
    expect(left.filter((f) => f.includes('taizhang:'))).toEqual([expect.stringContaining(b.id)]);
    expect(await host.run((ops) => ops.findOwnMarks([S, '不存在的表']))).toEqual([{ sheet: S, id: b.id }]);
  });

  it('switches events back on when writing marks fails', async () => {
    const { d, host } = setup();
    await expect(host.run((ops) => ops.applyMarks([], [{ sheet: '不存在的表', severity: 'error', address: 'A1' }]))).rejects.toThrow(
      /不存在的表/,
    );
    expect(d.inspect.enableEvents()).toBe(true);
    expect(host.describeError(new Error('x'))).toBe('WPS 表格操作失败：x');
  });

  it('reads a one-cell block (Value2 is then a scalar) and empty cells as empty strings', async () => {
    const { host } = setup();
    const read = await host.run((ops) =>
      ops.readChanged(
        [
          { firstRow: 2, lastRow: 2 },
          { firstRow: 9, lastRow: 9 },
        ],
        1,
        false,
      ),
    );
    expect(read.blocks).toEqual([
      { firstRow: 2, values: [[1]] },
      { firstRow: 9, values: [['']] },
    ]);
  });

  it('reports typed cells as edits and whole-row changes as structural, only for watched sheets', async () => {
    const { d, host } = setup();
    d.seed({ [S]: [['序号']], 其他: [['x']] });
    const changes: SheetChange[] = [];
    const activated: string[] = [];
    await host.run((ops) =>
      ops.watch(
        [S],
        (c) => changes.push(c),
        (s) => activated.push(s),
      ),
    );
    d.user.type(S, 'B7', '王五');
    d.user.type('其他', 'A1', 'y');
    d.user.insertRows(S, 5, 2);
    d.user.activate(S);
    d.user.activate('其他');
    await new Promise((r) => setTimeout(r, 5));
    expect(changes).toEqual([
      { sheet: S, address: 'B7', changeType: 'RangeEdited' },
      { sheet: S, address: '5:6', changeType: 'RowsOrColumnsChanged' },
    ]);
    expect(activated).toEqual([S]);
  });

  it('says clearly when no workbook is open, and that the template is a download in WPS', async () => {
    const { host } = setup();
    const noBook = wpsHost({
      ...({} as EtApplication),
      ActiveWorkbook: null,
      EnableEvents: true,
      ApiEvent: { AddApiEventListener() {}, RemoveApiEventListener() {} },
    });
    await expect(noBook.run((ops) => ops.probe())).rejects.toThrow(/没有打开的工作簿/);
    await expect(host.insertTemplate({ bytes: new Uint8Array(), base64: '', versionRef: null })).rejects.toMatchObject({ reason: 'wps' });
    expect(host.liveSupported?.()).toBe(true);
  });
});
