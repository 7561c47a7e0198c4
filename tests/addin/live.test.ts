// The live check (addin/src/live) through both spreadsheet hosts — Excel over the office-js double
// and WPS 表格 over the ET double, the SAME tests for each: full check on open, incremental edits in at
// most two round trips reading only the changed rows, marks that follow the issues without touching the
// user's formatting, edits no event reported; and the pure pieces (A1 areas, mark bookkeeping, role
// switch, API client).
import { columnLetter } from '../../shared/a1';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOSTS, type HostFixture } from './hosts';
import { todayInChina } from '../../shared/dates';
import { makeSheets, rowNumberOf, SAMPLE_FILING_DATE, validRosterRow } from '../../fixtures/sampleLedgers';
import {
  ROSTER_FIELDS,
  SHEET_GUIDE,
  SHEET_ROSTER,
  SHEET_UNIT,
  TEMPLATE_VERSION,
  TEMPLATE_VERSION_NAME,
} from '../../shared/template/definition';
import { LiveSession, mergeBlocks } from '../../addin/src/live/session';
import { MarkBook } from '../../addin/src/live/markbook';
import { chunkAddresses, compressCells, formatRect, parseAreas } from '../../addin/src/live/a1';
import { MARK_STYLE } from '../../addin/src/excel/marks';
import { choosePane } from '../../addin/src/roles';
import { ApiClient, ApiError, submissionKey } from '../../addin/src/api/client';
import type { Issue } from '../../shared/ledger/schema';

const ID_COL = columnLetter(ROSTER_FIELDS.findIndex((f) => f.key === 'idNumber'));
const WIDTH = ROSTER_FIELDS.length;
const RED = MARK_STYLE.error.fill;

let f: HostFixture;
let session: LiveSession | null = null;
function open(host: keyof typeof HOSTS, n: number, version: string | null = TEMPLATE_VERSION) {
  f = HOSTS[host]();
  f.seed(
    { ...makeSheets(n), [SHEET_GUIDE]: [['填表说明'], ['模板版本', version ?? '']] },
    version === null ? {} : { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` },
  );
}
// The sample ledgers were filed on SAMPLE_FILING_DATE: checked as of that day unless a test says otherwise.
const live = (opts: { asOf?: string } = { asOf: SAMPLE_FILING_DATE }) => (session = new LiveSession(f.host, opts));
const badId = (row: number) => {
  const good = String(f.inspect.value(SHEET_ROSTER, `${ID_COL}${row}`));
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
};
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
/** One user edit through the host's real change event; resolves when the session has handled it. */
async function edit(s: LiveSession, act: () => void) {
  const trips = f.roundTrips();
  const cells = f.cellsRead();
  act();
  await tick(); // both doubles fire their change event asynchronously
  await s.idle();
  return { syncs: f.roundTrips() - trips, cellsRead: f.cellsRead() - cells };
}
const codesAt = (s: LiveSession, cell: string) =>
  s
    .result()!
    .issues.filter((i) => i.cell === cell)
    .map((i) => i.code);
const ours = (sheet: string) => f.inspect.conditionalFormulas(sheet).filter((x) => x.includes('taizhang:'));

afterEach(() => session?.stop());

describe.each(Object.keys(HOSTS) as (keyof typeof HOSTS)[])('LiveSession on the %s double', (host) => {
  beforeEach(() => open(host, 50));

  it('checks the whole ledger on open and marks nothing red in a valid one', async () => {
    const s = live();
    await s.open();
    expect(s.snapshot()).toMatchObject({
      phase: 'ready',
      template: 'standard',
      templateVersion: TEMPLATE_VERSION,
      busy: false,
      error: null,
    });
    expect(s.result()!.summary).toMatchObject({ rows: 50, errors: 0 });
    expect(s.result()!.summary.findings).toBeGreaterThan(0);
    expect(s.appliedMarks().every((m) => m.severity === 'finding')).toBe(true);
    const finding = s.result()!.issues.find((i) => i.severity === 'finding' && i.cell)!;
    expect(f.inspect.mark(finding.sheet!, finding.cell!)).toBe(MARK_STYLE.finding.fill);
    expect(f.inspect.enableEvents()).toBe(true);
  });

  it('checks as of today by default, as the server does on receipt: a backdated 填报日期 is an error', async () => {
    const s = live({});
    await s.open();
    const out = s.result()!.issues.filter((i) => i.code === 'FILING_DATE_OUT_OF_RANGE');
    expect(out).toHaveLength(1);
    expect(out[0].message).toContain(todayInChina());
  });

  it('re-checks a typed cell in two round trips, reading only that row, and clears the mark when fixed', async () => {
    const s = live();
    await s.open();
    const row = rowNumberOf(20);
    const good = String(f.inspect.value(SHEET_ROSTER, `${ID_COL}${row}`));
    f.user.fill(SHEET_ROSTER, `${ID_COL}${row}`, '#00B050');

    const wrong = await edit(s, () => f.user.type(SHEET_ROSTER, `${ID_COL}${row}`, badId(row)));
    expect(wrong.syncs).toBeLessThanOrEqual(2);
    expect(wrong.cellsRead).toBe(WIDTH);
    expect(codesAt(s, `${ID_COL}${row}`)).toContain('ID_CHECKSUM');
    expect(f.inspect.mark(SHEET_ROSTER, `${ID_COL}${row}`)).toBe(RED);

    const fixed = await edit(s, () => f.user.type(SHEET_ROSTER, `${ID_COL}${row}`, good));
    expect(fixed.syncs).toBeLessThanOrEqual(2);
    expect(codesAt(s, `${ID_COL}${row}`)).not.toContain('ID_CHECKSUM');
    expect(f.inspect.mark(SHEET_ROSTER, `${ID_COL}${row}`)).not.toBe(RED);
    expect(f.inspect.ownFill(SHEET_ROSTER, `${ID_COL}${row}`)).toBe('#00B050');
    expect(f.inspect.enableEvents()).toBe(true);
  });

  it('reads a pasted block once and checks every pasted row', async () => {
    const s = live();
    await s.open();
    const first = rowNumberOf(50);
    const rows = Array.from({ length: 30 }, (_, i) =>
      ROSTER_FIELDS.map((x) => (validRosterRow(60 + i) as Record<string, unknown>)[x.key] as string | number),
    );
    rows[7][ROSTER_FIELDS.findIndex((x) => x.key === 'gender')] = '未知';
    const r = await edit(s, () => f.user.paste(SHEET_ROSTER, `A${first}`, rows));
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(r.cellsRead).toBe(30 * WIDTH);
    expect(s.result()!.summary.rows).toBe(80);
    const gCol = columnLetter(ROSTER_FIELDS.findIndex((x) => x.key === 'gender'));
    expect(codesAt(s, `${gCol}${first + 7}`)).toContain('ENUM_INVALID');
    expect(s.result()!.issues.some((i) => i.code === 'COUNT_MISMATCH')).toBe(true);
  });

  it('re-checks the unit sheet on its own edits (编外人员数 vs rows)', async () => {
    const s = live();
    await s.open();
    let countRow = 1;
    while (countRow < 40 && f.inspect.value(SHEET_UNIT, `A${countRow}`) !== '编外人员数') countRow++;
    const r = await edit(s, () => f.user.type(SHEET_UNIT, `B${countRow}`, 49));
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(s.result()!.issues.find((i) => i.code === 'COUNT_MISMATCH')?.cell).toBe(`B${countRow}`);
    expect(f.inspect.mark(SHEET_UNIT, `B${countRow}`)).toBe(RED);
  });

  it("deleting a row's contents removes the row; inserting rows re-reads everything", async () => {
    const s = live();
    await s.open();
    await edit(s, () => f.user.clear(SHEET_ROSTER, `B${rowNumberOf(49)}:W${rowNumberOf(49)}`));
    expect(s.result()!.summary.rows).toBe(49);
    const before = f.cellsRead();
    await edit(s, () => f.user.insertRows(SHEET_ROSTER, rowNumberOf(10), 2));
    expect(f.cellsRead() - before).toBeGreaterThan(49 * WIDTH); // full re-read
    expect(s.result()!.summary.rows).toBe(49);
    expect(s.ledger().roster!.rows.some((r) => r.row === rowNumberOf(10))).toBe(false); // shifted down
  });

  it('replaces marks left by an earlier session instead of stacking them', async () => {
    const first = live();
    await first.open();
    first.stop();
    const count = f.inspect.conditionalFormulas(SHEET_ROSTER).length;
    expect(count).toBeGreaterThan(0);
    const again = live(); // the workbook reopened with its saved marks
    await again.open();
    expect(f.inspect.conditionalFormulas(SHEET_ROSTER)).toHaveLength(count);
  });

  it("finds its own marks by tag and never touches the user's conditional formats", async () => {
    f.user.addConditionalFormat(SHEET_ROSTER, 'A1:A200', '=TRUE', '#00B050');
    const s = live();
    await s.open();
    const a = `${ID_COL}${rowNumberOf(3)}`;
    const b = `${ID_COL}${rowNumberOf(7)}`;
    const goodA = f.inspect.value(SHEET_ROSTER, a) as string;
    await edit(s, () => f.user.type(SHEET_ROSTER, a, badId(rowNumberOf(3))));
    f.user.addConditionalFormat(SHEET_ROSTER, 'B1:B200', '=TRUE', '#00B050'); // positions shift
    await edit(s, () => f.user.type(SHEET_ROSTER, b, badId(rowNumberOf(7))));
    await edit(s, () => f.user.type(SHEET_ROSTER, a, goodA));
    expect(f.inspect.mark(SHEET_ROSTER, a)).not.toBe(RED);
    expect(f.inspect.mark(SHEET_ROSTER, b)).toBe(RED);
    expect(f.inspect.conditionalFormulas(SHEET_ROSTER).filter((x) => x === '=TRUE')).toHaveLength(2);
    expect(ours(SHEET_ROSTER).length).toBeGreaterThanOrEqual(s.appliedMarks().filter((m) => m.sheet === SHEET_ROSTER).length);
  });

  it('an edit that fired no change event is caught when the sheet is activated, and periodically', async () => {
    const s = live();
    await s.open();
    const a = `${ID_COL}${rowNumberOf(4)}`;
    const b = `${ID_COL}${rowNumberOf(8)}`;
    // A change no event reports (a dropdown pick on Excel on the web, office-js #3888).
    f.user.pickSilently(SHEET_ROSTER, a, badId(rowNumberOf(4)));
    await tick();
    await s.idle();
    expect(f.inspect.mark(SHEET_ROSTER, a)).not.toBe(RED);
    f.user.activate(SHEET_ROSTER);
    await tick();
    await s.idle();
    expect(f.inspect.mark(SHEET_ROSTER, a)).toBe(RED);
    s.every(25);
    f.user.pickSilently(SHEET_ROSTER, b, badId(rowNumberOf(8)));
    await vi.waitFor(() => expect(f.inspect.mark(SHEET_ROSTER, b)).toBe(RED), { timeout: 3000, interval: 20 });
    s.stop();
  });

  it('recognises a missing, outdated and unstamped template', async () => {
    f = HOSTS[host]();
    f.seed({ Sheet1: [] });
    let s = live();
    await s.open();
    expect(s.snapshot().template).toBe('missing');
    expect(s.result()).toBeNull();
    open(host, 3, '0');
    s = live();
    await s.open();
    expect(s.snapshot()).toMatchObject({ template: 'outdated', templateVersion: '0' });
    open(host, 3, null);
    s = live();
    await s.open();
    expect(s.snapshot().template).toBe('unversioned');
    expect(s.result()!.summary.rows).toBe(3);
  });

  it('a roster sheet without 身份证号码 header: one TEMPLATE_COLUMN_MISSING; typing the header back re-reads everything', async () => {
    const sheets = makeSheets(5);
    const headerIdx = sheets[SHEET_ROSTER].findIndex((r) => r.includes('身份证号码'));
    sheets[SHEET_ROSTER][headerIdx] = sheets[SHEET_ROSTER][headerIdx].map((h) => (h === '身份证号码' ? '证件号' : h));
    f = HOSTS[host]();
    f.seed(
      { ...sheets, [SHEET_GUIDE]: [['填表说明'], ['模板版本', TEMPLATE_VERSION]] },
      { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` },
    );
    const s = live();
    await s.open();
    expect(s.result()!.issues).toEqual([
      expect.objectContaining({ sheet: SHEET_ROSTER, column: '身份证号码', cell: null, code: 'TEMPLATE_COLUMN_MISSING' }),
    ]);
    expect(s.ledger().roster).toEqual({ headerRow: null, columns: {}, rows: [] });
    // with no header row any edit may create it: a full re-read
    await edit(s, () => f.user.type(SHEET_ROSTER, `${ID_COL}${headerIdx + 1}`, '身份证号码'));
    expect(s.result()!.summary).toMatchObject({ rows: 5, errors: 0 });
    expect(s.ledger().roster!.headerRow).toBe(headerIdx + 1);
  });

  it("shows, rather than throws, a failed jump to an issue's cell (its sheet renamed meanwhile)", async () => {
    const s = live();
    await s.open();
    await s.select({ sheet: SHEET_ROSTER, cell: 'D5' });
    expect(f.inspect.selection()).toMatchObject({ sheet: SHEET_ROSTER });
    f.renameSheet(SHEET_ROSTER, '编外人员台账（旧）');
    await expect(s.select({ sheet: SHEET_ROSTER, cell: 'D6' })).resolves.toBeUndefined();
    expect(s.snapshot().error).toMatch(/\S/);
    expect(s.snapshot().phase).toBe('ready');
  });

  it('keeps the ledger it sends equal to a fresh read of the workbook', async () => {
    const s = live();
    await s.open();
    const row = rowNumberOf(3);
    await edit(s, () => f.user.type(SHEET_ROSTER, `B${row}`, '改名'));
    const incremental = s.ledger();
    await s.recheck();
    expect(s.ledger()).toEqual(incremental);
    expect(incremental.roster!.rows.find((r) => r.row === row)!.values.name).toBe('改名');
  });
});

describe('pure helpers', () => {
  it('compresses cells into column runs and merges equal runs across columns', () => {
    const cells = [4, 5, 6, 9].flatMap((row) => [
      { row, col: 3 },
      { row, col: 4 },
    ]);
    expect(compressCells(cells).map(formatRect)).toEqual(['D5:E7', 'D10:E10']);
    expect(parseAreas("'编外人员台账'!A5:W204")).toEqual([{ r0: 4, r1: 203, c0: 0, c1: 22 }]);
    expect(parseAreas('D5, F7:F9')).toHaveLength(2);
    const many = Array.from({ length: 500 }, (_, i) => ({ r0: i * 2, r1: i * 2, c0: 3, c1: 3 }));
    const chunks = chunkAddresses(many, 200);
    expect(chunks.every((c) => c.length <= 200)).toBe(true);
    expect(chunks.join(',').split(',')).toHaveLength(500);
  });

  it('merges overlapping and adjacent row blocks', () => {
    expect(
      mergeBlocks([
        { firstRow: 10, lastRow: 12 },
        { firstRow: 4, lastRow: 4 },
        { firstRow: 13, lastRow: 20 },
        { firstRow: 5, lastRow: 5 },
      ]),
    ).toEqual([
      { firstRow: 4, lastRow: 5 },
      { firstRow: 10, lastRow: 20 },
    ]);
  });

  it('marks a cell with its strongest severity and plans only what changed', () => {
    const issue = (cell: string, severity: Issue['severity'], code: Issue['code']): Issue => ({
      sheet: SHEET_ROSTER,
      row: 5,
      column: null,
      cell,
      code,
      severity,
      message: '',
    });
    const book = new MarkBook();
    const f = issue('D5', 'finding', 'OVER_RETIREMENT_AGE');
    const e = issue('D5', 'error', 'ID_CHECKSUM');
    book.reset([f, e]);
    let plan = book.plan();
    expect(plan.add).toEqual([{ sheet: SHEET_ROSTER, severity: 'error', address: 'D5' }]);
    book.commit(
      plan,
      plan.add.map((m, i) => ({ ...m, id: `#${i}` })),
    );
    expect(book.marked(SHEET_ROSTER, 'finding')).toBe(0);
    book.update([], [e]); // fixed: the finding shows again
    plan = book.plan();
    expect(plan.remove.map((m) => m.id)).toEqual(['#0']);
    expect(plan.add).toEqual([{ sheet: SHEET_ROSTER, severity: 'finding', address: 'D5' }]);
    book.commit(
      plan,
      plan.add.map((m) => ({ ...m, id: '#f' })),
    );
    book.update([], []);
    expect(book.plan()).toEqual({ remove: [], add: [] });
  });

  it('chooses the pane by role in one place', () => {
    const me = (office: boolean, roles: [string, string][]) =>
      ({ userId: 'u', name: 'n', office, memberships: roles.map(([unitId, role]) => ({ unitId, unitName: unitId, role })) }) as Parameters<
        typeof choosePane
      >[0];
    expect(choosePane(me(true, [])).kind).toBe('desk');
    expect(choosePane(me(false, [['edu', 'supervisor']])).kind).toBe('desk');
    expect(choosePane(me(false, [['edu-s1', 'head']]))).toMatchObject({ kind: 'head', unitId: 'edu-s1' });
    expect(
      choosePane(
        me(false, [
          ['edu-s1', 'head'],
          ['edu-s2', 'liaison'],
        ]),
      ),
    ).toMatchObject({ kind: 'liaison', unitId: 'edu-s2' });
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
    await expect(api.call('getUnit', { campaignId: 'c', unitId: 'u' })).rejects.toMatchObject({
      status: 422,
      code: 'LEDGER_INVALID',
      message: '有错误',
    });
    api = new ApiClient(
      '/api',
      () => 't',
      async () => {
        throw new TypeError('Failed to fetch');
      },
    );
    const err = await api.call('getUnit', { campaignId: 'c', unitId: 'u' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('NETWORK');
    expect((err as ApiError).retryable).toBe(true);
    api = new ApiClient('/api', () => 't', reply(200, { wrong: true }));
    await expect(api.call('getUnit', { campaignId: 'c', unitId: 'u' })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
