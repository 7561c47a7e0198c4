// The live check (addin/src/live) through the Excel double: full check on open, incremental edits in
// at most two syncs reading only the changed rows, marks that follow the issues without touching the
// user's formatting, and the pure pieces (A1 areas, mark bookkeeping, role switch, API client).
import { beforeEach, describe, expect, it } from 'vitest';
import { createExcelDouble, installExcelDouble, type ExcelDouble } from '../e2e/excel-double/index';
import { makeSheets, rowNumberOf, validRosterRow } from '../../fixtures/sampleLedgers';
import { ROSTER_FIELDS, SHEET_GUIDE, SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } from '../../shared/template/definition';
import { LiveSession, mergeBlocks } from '../../addin/src/live/session';
import { MarkBook } from '../../addin/src/live/markbook';
import { chunkAddresses, compressCells, formatRect, parseAreas } from '../../addin/src/live/a1';
import { runExcel } from '../../addin/src/excel/run';
import { MARK_STYLE } from '../../addin/src/excel/marks';
import { choosePane } from '../../addin/src/roles';
import { ApiClient, ApiError, submissionKey } from '../../addin/src/api/client';
import type { Issue } from '../../shared/ledger/schema';

const ID_COL = String.fromCharCode(65 + ROSTER_FIELDS.findIndex((f) => f.key === 'idNumber'));
const WIDTH = ROSTER_FIELDS.length;
const RED = MARK_STYLE.error.fill;

let d: ExcelDouble;
function open(n: number, version: string | null = TEMPLATE_VERSION) {
  d = createExcelDouble();
  installExcelDouble(d);
  d.seed(
    { ...makeSheets(n), [SHEET_GUIDE]: [['填表说明'], ['模板版本', version ?? '']] },
    version === null ? {} : { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` },
  );
}
const badId = (row: number) => {
  const good = String(d.inspect.value(SHEET_ROSTER, `${ID_COL}${row}`));
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
};
/** One user edit through the real onChanged path; resolves when the session has handled it. */
async function edit(s: LiveSession, act: () => void) {
  const syncs = d.inspect.syncs();
  const cells = d.model.stats.cellsRead;
  act();
  await new Promise((r) => setTimeout(r, 0)); // the double fires onChanged asynchronously, like Excel
  await s.idle();
  return { syncs: d.inspect.syncs() - syncs, cellsRead: d.model.stats.cellsRead - cells };
}
const codesAt = (s: LiveSession, cell: string) => s.result()!.issues.filter((i) => i.cell === cell).map((i) => i.code);

describe('LiveSession on the Excel double', () => {
  beforeEach(() => open(50));

  it('checks the whole ledger on open and marks nothing red in a valid one', async () => {
    const s = new LiveSession(runExcel);
    await s.open();
    expect(s.snapshot()).toMatchObject({ phase: 'ready', template: 'standard', templateVersion: TEMPLATE_VERSION, busy: false, error: null });
    expect(s.result()!.summary).toMatchObject({ rows: 50, errors: 0 });
    expect(s.result()!.summary.findings).toBeGreaterThan(0);
    expect(s.appliedMarks().every((m) => m.severity === 'finding')).toBe(true);
    const finding = s.result()!.issues.find((i) => i.severity === 'finding' && i.cell)!;
    expect(d.inspect.mark(finding.sheet!, finding.cell!)).toBe(MARK_STYLE.finding.fill);
    expect(d.inspect.enableEvents()).toBe(true);
  });

  it('re-checks a typed cell in two syncs, reading only that row, and clears the mark when fixed', async () => {
    const s = new LiveSession(runExcel);
    await s.open();
    const row = rowNumberOf(20);
    const good = String(d.inspect.value(SHEET_ROSTER, `${ID_COL}${row}`));
    d.user.fill(SHEET_ROSTER, `${ID_COL}${row}`, '#00B050');

    const wrong = await edit(s, () => d.user.type(SHEET_ROSTER, `${ID_COL}${row}`, badId(row)));
    expect(wrong.syncs).toBeLessThanOrEqual(2);
    expect(wrong.cellsRead).toBe(WIDTH);
    expect(codesAt(s, `${ID_COL}${row}`)).toContain('ID_CHECKSUM');
    expect(d.inspect.mark(SHEET_ROSTER, `${ID_COL}${row}`)).toBe(RED);

    const fixed = await edit(s, () => d.user.type(SHEET_ROSTER, `${ID_COL}${row}`, good));
    expect(fixed.syncs).toBeLessThanOrEqual(2);
    expect(codesAt(s, `${ID_COL}${row}`)).not.toContain('ID_CHECKSUM');
    expect(d.inspect.mark(SHEET_ROSTER, `${ID_COL}${row}`)).not.toBe(RED);
    expect(d.inspect.ownFill(SHEET_ROSTER, `${ID_COL}${row}`)).toBe('#00B050');
    expect(d.inspect.enableEvents()).toBe(true);
  });

  it('reads a pasted block once and checks every pasted row', async () => {
    const s = new LiveSession(runExcel);
    await s.open();
    const first = rowNumberOf(50);
    const rows = Array.from({ length: 30 }, (_, i) => ROSTER_FIELDS.map((f) => (validRosterRow(60 + i) as Record<string, unknown>)[f.key] as string | number));
    rows[7][ROSTER_FIELDS.findIndex((f) => f.key === 'gender')] = '未知';
    const r = await edit(s, () => d.user.paste(SHEET_ROSTER, `A${first}`, rows));
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(r.cellsRead).toBe(30 * WIDTH);
    expect(s.result()!.summary.rows).toBe(80);
    const gCol = String.fromCharCode(65 + ROSTER_FIELDS.findIndex((f) => f.key === 'gender'));
    expect(codesAt(s, `${gCol}${first + 7}`)).toContain('ENUM_INVALID');
    expect(s.result()!.issues.some((i) => i.code === 'COUNT_MISMATCH')).toBe(true);
  });

  it('re-checks the unit sheet on its own edits (编外人员数 vs rows)', async () => {
    const s = new LiveSession(runExcel);
    await s.open();
    const countRow = (d.model.values(d.model.sheet(SHEET_UNIT)!, { r0: 0, c0: 0, r1: 30, c1: 0 }) as string[][]).findIndex((r) => r[0] === '编外人员数') + 1;
    const r = await edit(s, () => d.user.type(SHEET_UNIT, `B${countRow}`, 49));
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(s.result()!.issues.find((i) => i.code === 'COUNT_MISMATCH')?.cell).toBe(`B${countRow}`);
    expect(d.inspect.mark(SHEET_UNIT, `B${countRow}`)).toBe(RED);
  });

  it('deleting a row\'s contents removes the row; inserting rows re-reads everything', async () => {
    const s = new LiveSession(runExcel);
    await s.open();
    await edit(s, () => d.user.clear(SHEET_ROSTER, `B${rowNumberOf(49)}:W${rowNumberOf(49)}`));
    expect(s.result()!.summary.rows).toBe(49);
    const before = d.model.stats.cellsRead;
    await edit(s, () => d.user.insertRows(SHEET_ROSTER, rowNumberOf(10), 2));
    expect(d.model.stats.cellsRead - before).toBeGreaterThan(49 * WIDTH); // full re-read
    expect(s.result()!.summary.rows).toBe(49);
    expect(s.ledger().roster!.rows.some((r) => r.row === rowNumberOf(10))).toBe(false); // shifted down
  });

  it('replaces marks left by an earlier session instead of stacking them', async () => {
    const first = new LiveSession(runExcel);
    await first.open();
    const count = d.inspect.conditionalFormatCount(SHEET_ROSTER);
    expect(count).toBeGreaterThan(0);
    const again = new LiveSession(runExcel); // the workbook reopened with its saved marks
    await again.open();
    expect(d.inspect.conditionalFormatCount(SHEET_ROSTER)).toBe(count);
  });

  it('recognises a missing, outdated and unstamped template', async () => {
    d = createExcelDouble();
    installExcelDouble(d);
    let s = new LiveSession(runExcel);
    await s.open();
    expect(s.snapshot().template).toBe('missing');
    expect(s.result()).toBeNull();
    open(3, '0');
    s = new LiveSession(runExcel);
    await s.open();
    expect(s.snapshot()).toMatchObject({ template: 'outdated', templateVersion: '0' });
    open(3, null);
    s = new LiveSession(runExcel);
    await s.open();
    expect(s.snapshot().template).toBe('unversioned');
    expect(s.result()!.summary.rows).toBe(3);
  });

  it('a roster sheet without 身份证号码 header: one TEMPLATE_COLUMN_MISSING; typing the header back re-reads everything', async () => {
    const sheets = makeSheets(5);
    const headerIdx = sheets[SHEET_ROSTER].findIndex((r) => r.includes('身份证号码'));
    sheets[SHEET_ROSTER][headerIdx] = sheets[SHEET_ROSTER][headerIdx].map((h) => (h === '身份证号码' ? '证件号' : h));
    d = createExcelDouble();
    installExcelDouble(d);
    d.seed({ ...sheets, [SHEET_GUIDE]: [['填表说明'], ['模板版本', TEMPLATE_VERSION]] }, { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` });
    const s = new LiveSession(runExcel);
    await s.open();
    expect(s.result()!.issues).toEqual([expect.objectContaining({ sheet: SHEET_ROSTER, column: '身份证号码', cell: null, code: 'TEMPLATE_COLUMN_MISSING' })]);
    expect(s.ledger().roster).toEqual({ headerRow: null, columns: {}, rows: [] });
    // with no header row any edit may create it: a full re-read
    await edit(s, () => d.user.type(SHEET_ROSTER, `${ID_COL}${headerIdx + 1}`, '身份证号码'));
    expect(s.result()!.summary).toMatchObject({ rows: 5, errors: 0 });
    expect(s.ledger().roster!.headerRow).toBe(headerIdx + 1);
  });

  it('shows, rather than throws, a failed jump to an issue\'s cell (its sheet renamed meanwhile)', async () => {
    const s = new LiveSession(runExcel);
    await s.open();
    await s.select({ sheet: SHEET_ROSTER, cell: 'D5' });
    expect(d.inspect.selection()).toMatchObject({ sheet: SHEET_ROSTER });
    d.model.sheets.find((x) => x.name === SHEET_ROSTER)!.name = '编外人员台账（旧）';
    await expect(s.select({ sheet: SHEET_ROSTER, cell: 'D6' })).resolves.toBeUndefined();
    expect(s.snapshot().error).toMatch(/\S/);
    expect(s.snapshot().phase).toBe('ready');
  });

  it('keeps the ledger it sends equal to a fresh read of the workbook', async () => {
    const s = new LiveSession(runExcel);
    await s.open();
    const row = rowNumberOf(3);
    await edit(s, () => d.user.type(SHEET_ROSTER, `B${row}`, '改名'));
    const incremental = s.ledger();
    await s.recheck();
    expect(s.ledger()).toEqual(incremental);
    expect(incremental.roster!.rows.find((r) => r.row === row)!.values.name).toBe('改名');
  });
});

describe('pure helpers', () => {
  it('compresses cells into column runs and merges equal runs across columns', () => {
    const cells = [4, 5, 6, 9].flatMap((row) => [{ row, col: 3 }, { row, col: 4 }]);
    expect(compressCells(cells).map(formatRect)).toEqual(['D5:E7', 'D10:E10']);
    expect(parseAreas("'编外人员台账'!A5:W204")).toEqual([{ r0: 4, r1: 203, c0: 0, c1: 22 }]);
    expect(parseAreas('D5, F7:F9')).toHaveLength(2);
    const many = Array.from({ length: 500 }, (_, i) => ({ r0: i * 2, r1: i * 2, c0: 3, c1: 3 }));
    const chunks = chunkAddresses(many, 200);
    expect(chunks.every((c) => c.length <= 200)).toBe(true);
    expect(chunks.join(',').split(',')).toHaveLength(500);
  });

  it('merges overlapping and adjacent row blocks', () => {
    expect(mergeBlocks([{ firstRow: 10, lastRow: 12 }, { firstRow: 4, lastRow: 4 }, { firstRow: 13, lastRow: 20 }, { firstRow: 5, lastRow: 5 }])).toEqual([
      { firstRow: 4, lastRow: 5 },
      { firstRow: 10, lastRow: 20 },
    ]);
  });

  it('marks a cell with its strongest severity and plans only what changed', () => {
    const issue = (cell: string, severity: Issue['severity'], code: Issue['code']): Issue => ({ sheet: SHEET_ROSTER, row: 5, column: null, cell, code, severity, message: '' });
    const book = new MarkBook();
    const f = issue('D5', 'finding', 'OVER_RETIREMENT_AGE');
    const e = issue('D5', 'error', 'ID_CHECKSUM');
    book.reset([f, e]);
    let plan = book.plan();
    expect(plan.add).toEqual([{ sheet: SHEET_ROSTER, severity: 'error', address: 'D5' }]);
    book.commit(plan, plan.add.map((m, i) => ({ ...m, id: `#${i}` })));
    expect(book.marked(SHEET_ROSTER, 'finding')).toBe(0);
    book.update([], [e]); // fixed: the finding shows again
    plan = book.plan();
    expect(plan.remove.map((m) => m.id)).toEqual(['#0']);
    expect(plan.add).toEqual([{ sheet: SHEET_ROSTER, severity: 'finding', address: 'D5' }]);
    book.commit(plan, plan.add.map((m) => ({ ...m, id: '#f' })));
    book.update([], []);
    expect(book.plan()).toEqual({ remove: [], add: [] });
  });

  it('chooses the pane by role in one place', () => {
    const me = (office: boolean, roles: [string, string][]) =>
      ({ userId: 'u', name: 'n', office, memberships: roles.map(([unitId, role]) => ({ unitId, unitName: unitId, role })) }) as Parameters<typeof choosePane>[0];
    expect(choosePane(me(true, [])).kind).toBe('desk');
    expect(choosePane(me(false, [['edu', 'supervisor']])).kind).toBe('desk');
    expect(choosePane(me(false, [['edu-s1', 'head']]))).toMatchObject({ kind: 'head', unitId: 'edu-s1' });
    expect(choosePane(me(false, [['edu-s1', 'head'], ['edu-s2', 'liaison']]))).toMatchObject({ kind: 'liaison', unitId: 'edu-s2' });
    expect(choosePane(me(false, [['x', 'leader']])).kind).toBe('viewer');
    expect(choosePane(me(false, [])).kind).toBe('none');
  });

  it('derives a stable Idempotency-Key from unit and content', () => {
    expect(submissionKey('demo', 'edu-s1', 'ab'.repeat(32), 1)).toBe(submissionKey('demo', 'edu-s1', 'ab'.repeat(32), 1));
    expect(submissionKey('demo', 'edu-s1', 'ab'.repeat(32), 1)).not.toBe(submissionKey('demo', 'edu-s1', 'cd'.repeat(32), 1));
    // The same content sent again after the server moved on (e.g. the office returned version 1) is a new submission.
    expect(submissionKey('demo', 'edu-s1', 'ab'.repeat(32), 1)).not.toBe(submissionKey('demo', 'edu-s1', 'ab'.repeat(32), 2));
  });

  it('turns error bodies into ApiError codes and a lost connection into a retryable NETWORK error', async () => {
    const reply = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });
    let api = new ApiClient('/api', () => 't', reply(422, { code: 'LEDGER_INVALID', message: '有错误', details: { issues: [] } }));
    await expect(api.call('getUnit', { campaignId: 'c', unitId: 'u' })).rejects.toMatchObject({ status: 422, code: 'LEDGER_INVALID', message: '有错误' });
    api = new ApiClient('/api', () => 't', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await api.call('getUnit', { campaignId: 'c', unitId: 'u' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('NETWORK');
    expect((err as ApiError).retryable).toBe(true);
    api = new ApiClient('/api', () => 't', reply(200, { wrong: true }));
    await expect(api.call('getUnit', { campaignId: 'c', unitId: 'u' })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
