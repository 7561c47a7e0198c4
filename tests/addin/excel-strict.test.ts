// The pane against an Excel double as strict as real Excel where the kind double used to differ:
// conditional-format ids that are priorities (they shift), cell-edit mode, edits that fire no
// onChanged (Excel on the web), missing requirement sets and Excel on the web's insert limits.
import { columnLetter } from '../../shared/a1';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExcelDouble, installExcelDouble, type ExcelDouble } from '../e2e/excel-double/index';
import { makeSheets, rowNumberOf } from '../../fixtures/sampleLedgers';
import { ROSTER_FIELDS, SHEET_GUIDE, SHEET_ROSTER, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } from '../../shared/template/definition';
import { buildTemplateWorkbook } from '../../shared/node/templateWorkbook';
import { SHEETS } from '../../shared/desk/sheets';
import { LiveSession } from '../../addin/src/live/session';
import { excelHost } from '../../addin/src/host/excel';
import { runExcel, type ExcelRunner } from '../../addin/src/excel/run';
import { MARK_STYLE } from '../../addin/src/excel/marks';
import { insertTemplate } from '../../addin/src/excel/probe';
import { replaceDeskSheets } from '../../addin/src/excel/desk';
import { toBase64 } from '../../shared/base64';
import { SheetInsertUnavailable } from '../../addin/src/excel/insert';

const ID_COL = columnLetter(ROSTER_FIELDS.findIndex((f) => f.key === 'idNumber'));
const RED = MARK_STYLE.error.fill;
const USER_GREEN = '#00B050';

let d: ExcelDouble;
let session: LiveSession | null = null;
function open(n: number) {
  d = createExcelDouble();
  installExcelDouble(d);
  d.seed(
    { ...makeSheets(n), [SHEET_GUIDE]: [['填表说明'], ['模板版本', TEMPLATE_VERSION]] },
    { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` },
  );
}
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const idCell = (i: number) => `${ID_COL}${rowNumberOf(i)}`;
const badId = (cell: string) => {
  const good = String(d.inspect.value(SHEET_ROSTER, cell));
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
};
async function edit(s: LiveSession, act: () => void) {
  act();
  await tick();
  await s.idle();
}
/** Our formats in the workbook and the user's, by their formulas. */
const formats = () => {
  const all = d.inspect.conditionalFormulas(SHEET_ROSTER);
  return { ours: all.filter((f) => f.includes('taizhang:')), users: all.filter((f) => !f.includes('taizhang:')) };
};

beforeEach(() => open(40));
afterEach(() => session?.stop());

describe('conditional formats: ids are priorities and shift', () => {
  it("finds its own formats by tag: the right marks go, the user's formats stay, however ids shift", async () => {
    d.user.addConditionalFormat(SHEET_ROSTER, 'A1:A200', '=TRUE', USER_GREEN);
    const s = (session = new LiveSession(excelHost(runExcel)));
    await s.open();
    const a = idCell(3);
    const b = idCell(7);
    const goodA = d.inspect.value(SHEET_ROSTER, a);
    await edit(s, () => d.user.type(SHEET_ROSTER, a, badId(a)));
    expect(d.inspect.mark(SHEET_ROSTER, a)).toBe(RED);
    // The user adds a format of their own: every id shifts by one.
    d.user.addConditionalFormat(SHEET_ROSTER, 'B1:B200', '=TRUE', USER_GREEN);
    await edit(s, () => d.user.type(SHEET_ROSTER, b, badId(b)));
    await edit(s, () => d.user.type(SHEET_ROSTER, a, goodA));
    expect(d.inspect.mark(SHEET_ROSTER, a)).not.toBe(RED);
    expect(d.inspect.mark(SHEET_ROSTER, b)).toBe(RED);
    expect(formats().users).toEqual(['=TRUE', '=TRUE']);
    expect(formats().ours).toHaveLength(s.appliedMarks().filter((m) => m.sheet === SHEET_ROSTER).length);
    expect(d.inspect.enableEvents()).toBe(true);
  });

  it("a full re-check replaces its marks without stacking them or touching the user's", async () => {
    d.user.addConditionalFormat(SHEET_ROSTER, 'C1:C9', '=TRUE', USER_GREEN);
    const s = (session = new LiveSession(excelHost(runExcel)));
    await s.open();
    const before = formats().ours.length;
    await s.recheck();
    await s.recheck();
    expect(formats().ours).toHaveLength(before);
    expect(formats().users).toEqual(['=TRUE']);
  });
});

describe('cell-edit mode', () => {
  it('waits while the user is typing in a cell instead of failing, then checks the edit', async () => {
    const s = (session = new LiveSession(excelHost(runExcel)));
    await s.open();
    const a = idCell(5);
    d.user.type(SHEET_ROSTER, a, badId(a));
    d.user.startCellEdit(); // already typing in the next cell when the change is handled
    await tick(20);
    expect(d.inspect.mark(SHEET_ROSTER, a)).not.toBe(RED);
    d.user.endCellEdit();
    await tick();
    await s.idle();
    expect(s.snapshot().error).toBeNull();
    expect(d.inspect.mark(SHEET_ROSTER, a)).toBe(RED);
  });

  it("the double rejects a batch run without delayForCellEdit with Excel's code", async () => {
    d.user.startCellEdit();
    await expect((globalThis as any).Excel.run(async (ctx: any) => ctx.sync())).rejects.toMatchObject({
      code: 'InvalidOperationInCellEditMode',
    });
    d.user.endCellEdit();
  });

  it('keeps the rows of a batch that failed and checks them with the next one', async () => {
    let failNext = false;
    const run: ExcelRunner = (fn) => {
      if (!failNext) return runExcel(fn);
      failNext = false;
      return Promise.reject(Object.assign(new Error('busy'), { code: 'InvalidOperationInCellEditMode' }));
    };
    const s = (session = new LiveSession(excelHost(run)));
    await s.open();
    const a = idCell(2);
    const b = idCell(9);
    failNext = true;
    await edit(s, () => d.user.type(SHEET_ROSTER, a, badId(a)));
    expect(s.snapshot().error).toContain('编辑状态');
    await edit(s, () => d.user.type(SHEET_ROSTER, b, badId(b)));
    expect(d.inspect.mark(SHEET_ROSTER, a)).toBe(RED);
    expect(d.inspect.mark(SHEET_ROSTER, b)).toBe(RED);
    expect(s.snapshot().error).toBeNull();
  });
});

describe('edits Excel on the web does not report', () => {
  it('a dropdown pick fires no onChanged; activating the sheet re-checks it', async () => {
    const s = (session = new LiveSession(excelHost(runExcel)));
    await s.open();
    const a = idCell(4);
    await edit(s, () => d.user.pickSilently(SHEET_ROSTER, a, badId(a)));
    expect(d.inspect.mark(SHEET_ROSTER, a)).not.toBe(RED); // nothing told the pane
    await edit(s, () => d.user.activate(SHEET_ROSTER));
    await s.idle();
    expect(d.inspect.mark(SHEET_ROSTER, a)).toBe(RED);
    expect(s.result()!.issues.some((i) => i.cell === a && i.code === 'ID_CHECKSUM')).toBe(true);
  });

  it('the periodic re-check catches it while the pane is open', async () => {
    const s = (session = new LiveSession(excelHost(runExcel)));
    await s.open();
    s.every(25);
    const a = idCell(6);
    d.user.pickSilently(SHEET_ROSTER, a, badId(a));
    await expect.poll(() => d.inspect.mark(SHEET_ROSTER, a), { timeout: 3000, interval: 20 }).toBe(RED);
    s.stop();
  });

  it('a re-check that finds nothing changed writes nothing', async () => {
    const s = (session = new LiveSession(excelHost(runExcel)));
    await s.open();
    const tags = s
      .appliedMarks()
      .map((m) => m.id)
      .sort();
    const rev = s.snapshot().revision;
    await s.reconcile();
    expect(
      s
        .appliedMarks()
        .map((m) => m.id)
        .sort(),
    ).toEqual(tags);
    expect(s.snapshot().revision).toBe(rev);
  });
});

describe("requirement sets and Excel on the web's insert limits", () => {
  it('says live checking is unavailable on Excel 2016 (ExcelApi 1.1) instead of failing', async () => {
    d.model.apiVersion = '1.1';
    const syncs = d.inspect.syncs();
    const s = (session = new LiveSession(excelHost(runExcel)));
    await s.open();
    expect(s.snapshot()).toMatchObject({ phase: 'unsupported', error: null });
    expect(d.inspect.syncs()).toBe(syncs);
  });

  it('does not call insertWorksheetsFromBase64 below ExcelApi 1.13', async () => {
    d.model.apiVersion = '1.9';
    const names = d.inspect.sheetNames();
    const b64 = toBase64(await buildTemplateWorkbook());
    await expect(runExcel((ctx) => insertTemplate(ctx, b64, null))).rejects.toMatchObject({ reason: 'api' });
    expect(d.inspect.sheetNames()).toEqual(names);
  });

  it('refuses a request over 5 MB on the web before sending it', async () => {
    const big = 'A'.repeat(5 * 1024 * 1024 + 4);
    await expect(runExcel((ctx) => insertTemplate(ctx, big, null))).rejects.toBeInstanceOf(SheetInsertUnavailable);
  });

  it('never leaves renamed "（旧）" desk sheets behind when the web refuses the aggregated workbook', async () => {
    d.seed({ Sheet1: [['x']], [SHEETS.summary]: [['旧汇总']], [SHEETS.detail]: [['旧明细']] });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(SHEETS.summary);
    ws.getCell('A1').value = '单位';
    ws.getCell('A1').note = '批注'; // a comment: Excel on the web will not insert this sheet
    const b64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const err = await runExcel((ctx) => replaceDeskSheets(ctx, b64)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetInsertUnavailable);
    expect((err as SheetInsertUnavailable).reason).toBe('feature');
    expect(d.inspect.sheetNames()).toEqual(['Sheet1', SHEETS.summary, SHEETS.detail]);
    expect(d.inspect.value(SHEETS.summary, 'A1')).toBe('旧汇总');
  });
});
