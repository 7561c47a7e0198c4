// The office desk over HTTP against a real Azurite (the run's globalSetup) and the local Functions host:
// aggregated workbook, public notice, on-staff roster, verifications and version diffs, read back with
// ExcelJS where a workbook is produced, and refused for the wrong roles.
// Long (~490 lines): every desk route reads the one campaign seeded in beforeAll (four units, a
// sealed version, an on-staff roster), which takes seconds against Azurite; one file seeds it once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { demoMembers, OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { ENUMS } from '../../shared/template/definition';
import type { Ledger } from '../../shared/ledger/schema';
import { FINDING_CODES, SHEETS, summaryHeader } from '../../shared/desk/sheets';
import { NOTICE_SHEET } from '../../functions/src/documents/notice';
import { Client, key, newCampaign, PDF, startTestHost } from '../functions/helpers';
import { validRosterRow } from '../../fixtures/sampleLedgers';
import { ApiClient } from '../../addin/src/api/client';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
const ledgers: Record<string, Ledger> = {};
const INJECTION = '=HYPERLINK("http://x","y")';

type Row = Record<string, unknown>;

async function workbook(
  path: string,
  as: string | null,
): Promise<{ status: number; wb: ExcelJS.Workbook; bytes: Uint8Array; headers: Headers }> {
  const headers: Record<string, string> = as ? { authorization: `Bearer ${await c.token(as)}` } : {};
  const r = await fetch(`${host.api}${path}`, { headers });
  const bytes = new Uint8Array(await r.arrayBuffer());
  const wb = new ExcelJS.Workbook();
  if (r.status === 200) await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return { status: r.status, wb, bytes, headers: r.headers };
}

function table(ws: ExcelJS.Worksheet): Row[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const out: Row[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const vals = ws.getRow(r).values as unknown[];
    out.push(Object.fromEntries(header.map((h, i) => [h, vals[i + 1] ?? null])));
  }
  return out;
}

async function submit(unitId: string, ledger: Ledger) {
  const r = await c.req('POST', `/campaigns/${cid}/units/${unitId}/submissions`, {
    as: `${unitId}-liaison`,
    json: { ledger },
    headers: { 'Idempotency-Key': key() },
  });
  if (r.status !== 201) throw new Error(`submit ${unitId}: ${r.status} ${r.text}`);
  ledgers[unitId] = ledger;
  return r.body as { version: number; digest: string };
}

beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
  const s1 = unitLedger(1, 20, '示范县第一中学');
  const s2 = unitLedger(2, 15, '示范县实验小学');
  const h1 = unitLedger(3, 10, '示范县人民医院');
  s1.roster!.rows[4].values.name = INJECTION;
  s1.roster!.rows[5].values.postName = '+SUM(1,2)';
  // One person on the ledgers of edu-s1 (education) and health-h1 (health): a cross-unit duplicate
  // across two supervising departments.
  h1.roster!.rows[0].values = { ...s1.roster!.rows[0].values, seq: 1 };
  const edu = unitLedger(4, 3, '示范县教育局');
  const r1 = await submit('edu-s1', s1);
  await submit('edu-s2', s2);
  await submit('health-h1', h1);
  await submit('edu', edu);
  // edu-s1 signs and seals, so statuses and times vary
  expect(
    (await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff`, { as: 'edu-s1-head', json: { digest: r1.digest } }))
      .status,
  ).toBe(200);
  expect(
    (
      await c.req('PUT', `/campaigns/${cid}/units/edu-s1/submissions/1/seal`, {
        as: 'edu-s1-liaison',
        body: PDF,
        headers: { 'content-type': 'application/pdf' },
      })
    ).status,
  ).toBe(200);
  // The on-staff roster holds one edu-s2 person, plus noise: pasted with spaces (one entry with
  // stray spaces around and inside), a non-ID and a lower-case duplicate.
  const put = await c.req('PUT', `/campaigns/${cid}/on-staff`, {
    as: OFFICE_ADMIN,
    json: {
      idNumbers: [
        s2.roster!.rows[2].values.idNumber,
        ` ${String(validRosterRow(900000).idNumber).replace(/^(\d{6})(\d{8})/, '$1 $2 ')} `,
        'not-an-id',
        String(s2.roster!.rows[2].values.idNumber).toLowerCase(),
      ],
    },
  });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ count: 2, invalid: 1, duplicates: 1, invalidSamples: ['not-an-id'] });
}, 120_000);
afterAll(async () => host?.close());

describe('GET /campaigns/{c}/aggregate.xlsx', () => {
  it('gives the office a workbook whose numbers add up across its sheets', async () => {
    const { status, wb, headers } = await workbook(`/campaigns/${cid}/aggregate.xlsx`, OFFICE_ADMIN);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('spreadsheetml');
    expect(wb.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    const summaryWs = wb.getWorksheet(SHEETS.summary)!;
    expect(summaryWs.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(summaryWs.autoFilter).toBeTruthy();
    const summary = table(summaryWs);
    const detail = table(wb.getWorksheet(SHEETS.detail)!);
    const findings = table(wb.getWorksheet(SHEETS.findings)!);
    const total = summary.at(-1)!;
    const units = summary.slice(0, -1);
    expect(total['单位编号']).toBe('合计');
    expect(units).toHaveLength(12); // every unit of the campaign, reported or not
    expect(detail).toHaveLength(20 + 15 + 10 + 3);
    expect(total['编外人员数']).toBe(detail.length);
    for (const u of units) {
      const id = u['单位编号'] as string;
      const persons = detail.filter((d) => d['单位编号'] === id).length;
      if (!ledgers[id]) {
        expect(u['编外人员数']).toBeNull();
        expect(u['状态']).toBe('未报送');
        continue;
      }
      expect(u['编外人员数'], id).toBe(ledgers[id].roster!.rows.length);
      expect(u['编外人员数'], id).toBe(persons);
      expect(ENUMS.employmentForm.reduce((n, v) => n + (u[summaryHeader.employmentForm(v)] as number), 0)).toBe(persons);
      expect(ENUMS.fundingSource.reduce((n, v) => n + (u[summaryHeader.fundingSource(v)] as number), 0)).toBe(persons);
      expect(ENUMS.disposition.reduce((n, v) => n + (u[summaryHeader.disposition(v)] as number), 0)).toBe(persons);
      for (const code of FINDING_CODES)
        expect(u[summaryHeader.rule(code)], `${id} ${code}`).toBe(
          findings.filter((f) => f['单位编号'] === id && f['问题代码'] === code).length,
        );
      expect(u['问题合计']).toBe(findings.filter((f) => f['单位编号'] === id).length);
    }
    for (const code of FINDING_CODES)
      expect(total[summaryHeader.rule(code)], code).toBe(findings.filter((f) => f['问题代码'] === code).length);
    expect(units.find((u) => u['单位编号'] === 'edu-s1')).toMatchObject({ 状态: '已报送', 主管部门: '示范县教育局' });
    expect(units.find((u) => u['单位编号'] === 'edu-s1')!['盖章时间']).toBeInstanceOf(Date);
    const progressRows = table(wb.getWorksheet(SHEETS.progress)!);
    expect(progressRows).toHaveLength(12 * 2); // units × milestones
  });

  it('finds cross-unit duplicates and on-staff overlaps', async () => {
    const { wb } = await workbook(`/campaigns/${cid}/aggregate.xlsx`, OFFICE_ADMIN);
    const cross = table(wb.getWorksheet(SHEETS.crossUnit)!);
    const dupId = ledgers['edu-s1'].roster!.rows[0].values.idNumber;
    const onStaffId = ledgers['edu-s2'].roster!.rows[2].values.idNumber;
    expect(
      cross
        .filter((r) => r['问题代码'] === 'CROSS_UNIT_DUPLICATE')
        .map((r) => [r['单位编号'], r['身份证号码'], r['涉及单位数']])
        .sort(),
    ).toEqual([
      ['edu-s1', dupId, 2],
      ['health-h1', dupId, 2],
    ]);
    expect(cross.find((r) => r['单位编号'] === 'edu-s1')!['其他单位']).toBe('示范县人民医院');
    expect(cross.filter((r) => r['问题代码'] === 'ON_STAFF_OVERLAP').map((r) => [r['单位编号'], r['身份证号码']])).toEqual([
      ['edu-s2', onStaffId],
    ]);
    const findings = table(wb.getWorksheet(SHEETS.findings)!);
    expect(findings.filter((f) => f['问题代码'] === 'CROSS_UNIT_DUPLICATE')).toHaveLength(2);
    expect(findings.filter((f) => f['问题代码'] === 'ON_STAFF_OVERLAP')).toHaveLength(1);
  });

  it('writes a formula-looking name as plain text, never a formula', async () => {
    const { wb, bytes } = await workbook(`/campaigns/${cid}/aggregate.xlsx`, OFFICE_ADMIN);
    const detailWs = wb.getWorksheet(SHEETS.detail)!;
    let seen = 0;
    detailWs.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        if (cell.value === INJECTION || cell.value === '+SUM(1,2)') {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          seen++;
        }
      });
    });
    expect(seen).toBe(2);
    const findings = table(wb.getWorksheet(SHEETS.findings)!);
    expect(findings.some((f) => f['姓名'] === INJECTION)).toBe(true);
    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files)) if (name.startsWith('xl/worksheets/')) expect(strFromU8(data)).not.toMatch(/<f[ >]/);
  });

  it('gives a supervisor its subtree only', async () => {
    const { status, wb } = await workbook(`/campaigns/${cid}/aggregate.xlsx`, 'edu-supervisor');
    expect(status).toBe(200);
    const subtree = ['edu', 'edu-s1', 'edu-s2', 'edu-s3'];
    const summary = table(wb.getWorksheet(SHEETS.summary)!).slice(0, -1);
    expect(summary.map((r) => r['单位编号']).sort()).toEqual(subtree);
    for (const name of [SHEETS.detail, SHEETS.findings, SHEETS.crossUnit, SHEETS.progress]) {
      for (const r of table(wb.getWorksheet(name)!)) expect(subtree, name).toContain(r['单位编号']);
    }
    expect(table(wb.getWorksheet(SHEETS.detail)!)).toHaveLength(20 + 15 + 3);
    // the duplicate with a health unit is still found, without naming it
    const cross = table(wb.getWorksheet(SHEETS.crossUnit)!).filter((r) => r['问题代码'] === 'CROSS_UNIT_DUPLICATE');
    expect(cross.map((r) => r['单位编号'])).toEqual(['edu-s1']);
    expect(String(cross[0]['其他单位'])).toContain('本辖区外单位');
    const everything = JSON.stringify(wb.worksheets.map((ws) => table(ws)));
    expect(everything).not.toContain('示范县人民医院');
    expect(everything).not.toContain('health');
  });

  it('refuses callers without the office or supervisor role', async () => {
    expect((await workbook(`/campaigns/${cid}/aggregate.xlsx`, null)).status).toBe(401);
    expect((await workbook(`/campaigns/${cid}/aggregate.xlsx`, 'edu-s1-liaison')).status).toBe(403);
    expect((await workbook(`/campaigns/${cid}/aggregate.xlsx`, 'edu-s1-head')).status).toBe(403);
    expect((await workbook(`/campaigns/nope-${cid}/aggregate.xlsx`, OFFICE_ADMIN)).status).toBe(404);
  });
});

describe('GET /campaigns/{c}/notice.xlsx', () => {
  const cleared = () =>
    Object.entries(ledgers).flatMap(([unitId, l]) =>
      l.roster!.rows.filter((r) => r.values.disposition === '清退').map((r) => ({ unitId, ...r.values })),
    );

  it('lists the persons to be dismissed with names and ID numbers masked, nothing else personal', async () => {
    const { status, wb } = await workbook(`/campaigns/${cid}/notice.xlsx`, OFFICE_ADMIN);
    expect(status).toBe(200);
    const ws = wb.getWorksheet(NOTICE_SHEET)!;
    const rows = table(ws);
    const expected = cleared();
    expect(expected.length).toBeGreaterThan(3);
    expect(rows).toHaveLength(expected.length);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    for (const h of ['月工资（元）', '联络员手机', '出生日期', '备注']) expect(header).not.toContain(h);
    const ids = new Set(expected.map((p) => p.idNumber));
    for (const r of rows) {
      const id = String(r['身份证号码']);
      expect(id).toMatch(/^\d{2}\*{13}[0-9X]{3}$/);
      expect([...ids].some((full) => String(full).slice(0, 2) === id.slice(0, 2) && String(full).slice(-3) === id.slice(-3))).toBe(true);
      const name = String(r['姓名']);
      expect(Array.from(name).filter((ch) => ch !== '*').length).toBeLessThanOrEqual(2);
      expect(name).toMatch(/\*/);
      expect(r['拟处理意见']).toBe('清退');
    }
    const text = JSON.stringify(rows);
    for (const p of expected) {
      expect(text).not.toContain(String(p.idNumber));
      if (Array.from(String(p.name)).length > 1) expect(text).not.toContain(`"${p.name}"`);
    }
  });

  it('gives full names only on request, still masking ID numbers', async () => {
    const { wb } = await workbook(`/campaigns/${cid}/notice.xlsx?names=full`, OFFICE_ADMIN);
    const rows = table(wb.getWorksheet(NOTICE_SHEET)!);
    expect(rows.map((r) => r['姓名']).sort()).toEqual(
      cleared()
        .map((p) => p.name)
        .sort(),
    );
    for (const r of rows) expect(String(r['身份证号码'])).toMatch(/^\d{2}\*{13}[0-9X]{3}$/);
    expect((await workbook(`/campaigns/${cid}/notice.xlsx?names=everything`, OFFICE_ADMIN)).status).toBe(400);
  });

  it('is for the office only', async () => {
    expect((await workbook(`/campaigns/${cid}/notice.xlsx`, null)).status).toBe(401);
    expect((await workbook(`/campaigns/${cid}/notice.xlsx`, 'edu-supervisor')).status).toBe(403);
    expect((await workbook(`/campaigns/${cid}/notice.xlsx`, 'edu-s1-liaison')).status).toBe(403);
  });
});

describe('PUT/GET /campaigns/{c}/on-staff', () => {
  it('tells what is loaded and refuses the wrong roles and bad bodies', async () => {
    const info = await c.req('GET', `/campaigns/${cid}/on-staff`, { as: OFFICE_ADMIN });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ count: 2, updatedBy: OFFICE_ADMIN });
    expect((await c.req('PUT', `/campaigns/${cid}/on-staff`, { json: { idNumbers: [] } })).status).toBe(401);
    expect((await c.req('PUT', `/campaigns/${cid}/on-staff`, { as: 'edu-supervisor', json: { idNumbers: [] } })).status).toBe(403);
    expect((await c.req('GET', `/campaigns/${cid}/on-staff`, { as: 'edu-s1-liaison' })).status).toBe(403);
    const bad = await c.req('PUT', `/campaigns/${cid}/on-staff`, { as: OFFICE_ADMIN, json: { ids: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const notJson = await c.req('PUT', `/campaigns/${cid}/on-staff`, {
      as: OFFICE_ADMIN,
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.body.code).toBe('BAD_JSON');
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'onstaff.put')).toHaveLength(1);
  });
});

describe('POST /campaigns/{c}/verifications', () => {
  it('turns persons missing from the ledger into under-reporting records against the head and liaison', async () => {
    const inLedger = ledgers['edu-s2'].roster!.rows[0].values;
    const missing = [
      { name: '赵隐', idNumber: validRosterRow(700001).idNumber as string },
      { name: '钱藏', idNumber: (validRosterRow(700002).idNumber as string).toLowerCase() },
    ];
    const r = await c.req('POST', `/campaigns/${cid}/verifications`, {
      as: OFFICE_ADMIN,
      json: {
        unitId: 'edu-s2',
        kind: 'onsite',
        at: '2025-01-15',
        summary: '实地核查发现2人未列入台账',
        missingPersons: [{ name: inLedger.name, idNumber: inLedger.idNumber }, ...missing],
      },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ unitId: 'edu-s2', kind: 'onsite', checked: 3, found: 1, ledgerVersion: 1 });
    expect(r.body.underReports.map((p: { idNumber: string }) => p.idNumber)).toEqual(missing.map((m) => m.idNumber.toUpperCase()));
    // 单位主要负责人 and 联络员 from the ledger's unit sheet and the member list
    const member = (role: string) => demoMembers().find((m) => m.unitId === 'edu-s2' && m.role === role)!.name;
    expect(r.body.responsible.heads).toEqual(['李建国', member('head')]);
    expect(r.body.responsible.liaisons).toEqual(['陈晓燕', member('liaison')]);
    expect(r.body.responsible.leaders).toEqual(['王志强', member('leader')]);

    const progress = await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN });
    expect(progress.status).toBe(200);
    expect(progress.body.units.find((u: { unitId: string }) => u.unitId === 'edu-s2').underReports).toBe(2);
    expect(progress.body.units.find((u: { unitId: string }) => u.unitId === 'edu-s1').underReports).toBe(0);

    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    const entries = audit.body.entries.filter((e: { action: string }) => e.action === 'verification.create');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      unitId: 'edu-s2',
      userId: OFFICE_ADMIN,
      role: 'office',
      version: 1,
      details: { verificationId: r.body.verificationId, underReports: 2 },
    });

    const { wb } = await workbook(`/campaigns/${cid}/aggregate.xlsx`, OFFICE_ADMIN);
    const leads = table(wb.getWorksheet(SHEETS.accountability)!);
    expect(leads.map((l) => [l['单位编号'], l['姓名'], l['核查方式']])).toEqual([
      ['edu-s2', '赵隐', '实地核查'],
      ['edu-s2', '钱藏', '实地核查'],
    ]);
    expect(String(leads[0]['单位主要负责人（第一责任人）'])).toContain('李建国');
    expect(String(leads[0]['联络员（直接责任人）'])).toContain('陈晓燕');
    expect(table(wb.getWorksheet(SHEETS.summary)!).find((u) => u['单位编号'] === 'edu-s2')!['漏报瞒报人数']).toBe(2);
  });

  it('lets a supervisor verify units of its subtree only, and refuses bad input', async () => {
    const body = (unitId: string) => ({
      unitId,
      kind: 'tip',
      at: '2025-01-20',
      summary: '群众举报',
      missingPersons: [{ name: '孙某', idNumber: validRosterRow(700003).idNumber }],
    });
    expect((await c.req('POST', `/campaigns/${cid}/verifications`, { as: 'edu-supervisor', json: body('edu-s3') })).status).toBe(201);
    expect((await c.req('POST', `/campaigns/${cid}/verifications`, { as: 'edu-supervisor', json: body('health-h1') })).status).toBe(403);
    expect((await c.req('POST', `/campaigns/${cid}/verifications`, { as: 'edu-s1-liaison', json: body('edu-s1') })).status).toBe(403);
    expect((await c.req('POST', `/campaigns/${cid}/verifications`, { json: body('edu-s1') })).status).toBe(401);
    expect((await c.req('POST', `/campaigns/${cid}/verifications`, { as: OFFICE_ADMIN, json: body('no-such-unit') })).status).toBe(404);
    expect(
      (await c.req('POST', `/campaigns/${cid}/verifications`, { as: OFFICE_ADMIN, json: { ...body('edu-s1'), kind: 'rumour' } })).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await c.req('POST', `/campaigns/${cid}/verifications`, { as: OFFICE_ADMIN, json: { ...body('edu-s1'), at: '2999-01-01' } })).status,
    ).toBe(400);
    // A full timestamp is taken as its China calendar day (16:30 UTC is the next day in China).
    const stamped = await c.req('POST', `/campaigns/${cid}/verifications`, {
      as: OFFICE_ADMIN,
      json: { ...body('edu-s2'), at: '2025-01-20T16:30:00Z' },
    });
    expect(stamped.status).toBe(201);
    expect(stamped.body.at).toBe('2025-01-21');
    // edu-s3 never reported: everyone found is under-reported
    const list = await c.req('GET', `/campaigns/${cid}/verifications`, { as: 'edu-supervisor' });
    expect(list.status).toBe(200);
    const s3 = list.body.verifications.find((v: { unitId: string }) => v.unitId === 'edu-s3');
    expect(s3).toMatchObject({ kind: 'tip', ledgerVersion: null, found: 0 });
    expect(s3.underReports).toHaveLength(1);
    expect(list.body.verifications.every((v: { unitId: string }) => v.unitId.startsWith('edu'))).toBe(true);
    expect((await c.req('GET', `/campaigns/${cid}/verifications`, { as: 'health-h1-liaison' })).status).toBe(403);
  });
});

describe('GET /campaigns/{c}/units/{u}/submissions/{v}/diff', () => {
  it('lists exactly the persons added, removed and changed since the previous version', async () => {
    const v1 = ledgers['edu-s2'];
    const v2: Ledger = structuredClone(v1);
    const rows = v2.roster!.rows;
    const removed = rows.splice(7, 1)[0];
    rows[0].values.postName = '后勤服务';
    rows[3].values.monthlySalary = 4321;
    const added = validRosterRow(12345);
    rows.push({ row: rows.at(-1)!.row + 1, values: { ...added, seq: rows.length + 1 } });
    v2.unit!.values.offStaffCount = rows.length;
    const s = await c.req('POST', `/campaigns/${cid}/units/edu-s2/submissions`, {
      as: 'edu-s2-liaison',
      json: { ledger: v2 },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s.status).toBe(201);
    expect(s.body.version).toBe(2);

    const d = await c.req('GET', `/campaigns/${cid}/units/edu-s2/submissions/2/diff`, { as: OFFICE_ADMIN });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ unitId: 'edu-s2', version: 2, previousVersion: 1 });
    expect(d.body.added.map((p: { idNumber: string }) => p.idNumber)).toEqual([added.idNumber]);
    expect(d.body.removed.map((p: { idNumber: string; name: string }) => [p.idNumber, p.name])).toEqual([
      [removed.values.idNumber, removed.values.name],
    ]);
    const changed = Object.fromEntries(
      d.body.changed.map((x: { idNumber: string; changes: { column: string; before: unknown; after: unknown }[] }) => [
        x.idNumber,
        x.changes,
      ]),
    );
    expect(changed).toEqual({
      [rows[0].values.idNumber as string]: [
        { field: 'postName', column: '岗位名称', before: v1.roster!.rows[0].values.postName, after: '后勤服务' },
      ],
      [rows[3].values.idNumber as string]: [
        { field: 'monthlySalary', column: '月工资（元）', before: v1.roster!.rows[3].values.monthlySalary, after: 4321 },
      ],
    });
    expect(d.body.summary).toMatchObject({ added: 1, removed: 1, changed: 2, unchanged: 12 });
    // the unit's own people may read it too
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s2/submissions/2/diff`, { as: 'edu-s2-head' })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s2/submissions/2/diff?from=1`, { as: 'edu-supervisor' })).status).toBe(200);
  });

  it('answers 400 for version 1, 404 for unknown versions and units, 401/403 for the wrong callers', async () => {
    const p = (u: string, v: number | string) => `/campaigns/${cid}/units/${u}/submissions/${v}/diff`;
    const first = await c.req('GET', p('edu-s1', 1), { as: OFFICE_ADMIN });
    expect(first.status).toBe(400);
    expect(first.body.code).toBe('VALIDATION_FAILED');
    expect((await c.req('GET', p('edu-s1', 9), { as: OFFICE_ADMIN })).status).toBe(404);
    expect((await c.req('GET', p('nobody', 2), { as: OFFICE_ADMIN })).status).toBe(404);
    expect((await c.req('GET', p('edu-s1', 'x'), { as: OFFICE_ADMIN })).status).toBe(400);
    expect((await c.req('GET', `${p('edu-s2', 2)}?from=2`, { as: OFFICE_ADMIN })).status).toBe(400);
    expect((await c.req('GET', p('edu-s2', 2), {})).status).toBe(401);
    expect((await c.req('GET', p('edu-s2', 2), { as: 'edu-s1-liaison' })).status).toBe(403);
    expect((await c.req('GET', p('edu-s2', 2), { as: 'health-supervisor' })).status).toBe(403);
  });
});

describe('the add-in client on the desk routes', () => {
  it('reads the real desk responses through their contract schemas and refuses a drifted one', async () => {
    const token = await c.token(OFFICE_ADMIN);
    let drift = false;
    // A server whose answers grew a field the contract does not have.
    const fetchImpl: typeof fetch = async (input, init) => {
      const r = await fetch(input, init);
      if (!drift || !r.ok) return r;
      return new Response(JSON.stringify({ ...(await r.json()), extra: 1 }), {
        status: r.status,
        headers: { 'content-type': 'application/json' },
      });
    };
    const api = new ApiClient(host.api, () => token, fetchImpl);

    expect(await api.call('getOnStaff', { campaignId: cid })).toMatchObject({ count: 2, updatedBy: OFFICE_ADMIN });
    const diff = await api.call('diff', { campaignId: cid, unitId: 'edu-s2', version: 2 });
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, changed: 2 });
    expect(diff.changed[0].changes[0].field).toBe('postName');
    const created = await api.call(
      'verification',
      { campaignId: cid },
      {
        body: {
          unitId: 'edu-s1',
          kind: 'onsite',
          at: '2025-02-01',
          summary: '复查',
          missingPersons: [{ name: '周某', idNumber: String(validRosterRow(700009).idNumber) }],
        },
      },
    );
    expect(created).toMatchObject({ unitId: 'edu-s1', checked: 1, found: 0, ledgerVersion: 1 });
    const { verifications } = await api.call('listVerifications', { campaignId: cid });
    expect(verifications.map((v) => v.verificationId)).toContain(created.verificationId);
    const put = await api.call('putOnStaff', { campaignId: cid }, { body: { idNumbers: [String(validRosterRow(900001).idNumber), 'x'] } });
    expect(put).toMatchObject({ count: 1, invalid: 1, invalidSamples: ['x'], duplicates: 0 });

    drift = true;
    await expect(api.call('getOnStaff', { campaignId: cid })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(api.call('listVerifications', { campaignId: cid })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(api.call('diff', { campaignId: cid, unitId: 'edu-s2', version: 2 })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
