// External rosters, suspected under-reporting (疑似漏报), 范围遗漏 and the risk-weighted draw over HTTP on
// Azurite: a campaign of 50 units (5 departments × 9 units + the departments) with three overlapping
// rosters, one of them uploaded as .xlsx; the expected leads are computed here by brute force.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { demoCampaign, OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { addDaysYmd } from '../../shared/dates';
import { makeIdNumber } from '../../shared/id/idcard';
import { makeUscc } from '../../shared/id/uscc';
import type { Ledger } from '../../shared/ledger/schema';
import { Client, key, startTestHost } from '../functions/helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Source = 'social-insurance' | 'payroll' | 'dispatch';
interface P {
  id: string;
  name: string;
  cc: string;
  form?: 'id15' | 'full' | 'lower';
}

const units: { unitId: string; name: string; parentId: string | null; creditCode?: string }[] = [];
const codeOf = new Map<string, string>();
const ledgerIds = new Map<string, Set<string>>();
const rosters: Record<Source, P[]> = { 'social-insurance': [], payroll: [], dispatch: [] };
const onStaff: string[] = [];
const OUT_A = makeUscc('91330100MA0000001');
const OUT_B = makeUscc('91330100MA0000002');

let n = 0;
/** A fresh person (never in any ledger: region 450103 is not used by the sample ledgers). */
const fresh = (cc: string, form?: P['form']): P => {
  n++;
  const d = String(addDaysYmd(19750101, n));
  return { id: makeIdNumber('450103', d, n % 1000), name: `线索${n}`, cc, form };
};
const toFull = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const written = (p: P): string =>
  p.form === 'id15'
    ? p.id.slice(0, 6) + p.id.slice(8, 17)
    : p.form === 'full'
      ? toFull(p.id)
      : p.form === 'lower'
        ? p.id.toLowerCase()
        : p.id;

function buildCampaign() {
  for (let d = 0; d < 5; d++) {
    const dept = `d${d}`;
    units.push({ unitId: dept, name: `部门${d}`, parentId: null });
    for (let k = 0; k < 9; k++) units.push({ unitId: `${dept}-u${k}`, name: `部门${d}下属单位${k}`, parentId: dept });
  }
  units.forEach((u, i) => {
    const cc = makeUscc(`12330100MB${String(1000000 + i).slice(1)}0`.slice(0, 17));
    codeOf.set(u.unitId, cc);
    if (i % 7 !== 3) u.creditCode = i % 5 === 0 ? toFull(cc.toLowerCase()) : cc; // else: only the ledger knows it
  });
}

async function xlsxOf(persons: P[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('派遣人员');
  ws.addRow(['派遣公司派驻人员名单（2026年11月）']);
  ws.addRow(['序号', '姓名', '身份证号码', '用工单位', '单位统一社会信用代码']);
  persons.forEach((p, i) => ws.addRow([i + 1, p.name, written(p), '某单位', p.cc]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const body = (list: P[]) => ({ persons: list.map((p) => ({ idNumber: written(p), name: p.name, creditCode: p.cc })) });

beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = `t-${randomUUID().slice(0, 8)}`;
  buildCampaign();
  const members = [
    ...units
      .filter((u) => u.parentId === null)
      .map((u) => ({ userId: `${u.unitId}-supervisor`, name: `${u.name}督导`, role: 'supervisor', unitId: u.unitId })),
    ...units.map((u) => ({ userId: `${u.unitId}-liaison`, name: '联络员', role: 'liaison', unitId: u.unitId })),
  ];
  expect(
    (await c.req('PUT', `/campaigns/${cid}`, { as: OFFICE_ADMIN, json: demoCampaign(new Date().toISOString().slice(0, 10)) })).status,
  ).toBe(200);
  const put = await c.req('PUT', `/campaigns/${cid}/units`, { as: OFFICE_ADMIN, json: { units, members } });
  expect(put.status, put.text).toBe(200);

  // 40 units report 8 persons each; the rest (indexes 40..49) have not reported.
  for (let i = 0; i < 40; i++) {
    const u = units[i];
    const ledger: Ledger = unitLedger(100 + i, 8, u.name);
    ledger.unit!.values.creditCode = codeOf.get(u.unitId)!;
    const r = await c.req('POST', `/campaigns/${cid}/units/${u.unitId}/submissions`, {
      as: `${u.unitId}-liaison`,
      json: { ledger },
      headers: { 'Idempotency-Key': key() },
    });
    expect(r.status, r.text).toBe(201);
    ledgerIds.set(u.unitId, new Set(ledger.roster!.rows.map((x) => String(x.values.idNumber))));
  }

  units.forEach((u, i) => {
    const cc = codeOf.get(u.unitId)!;
    const mine = [...(ledgerIds.get(u.unitId) ?? [])];
    // Social insurance: every reported person (some as 15-digit or full-width IDs) + 2 unreported + 1 on-staff.
    mine.forEach((id, k) => rosters['social-insurance'].push({ id, name: `在册${k}`, cc, form: k === 0 ? 'full' : undefined }));
    const a = fresh(cc, i % 3 === 0 ? 'id15' : undefined);
    const b = fresh(cc, i % 4 === 0 ? 'lower' : undefined);
    const s = fresh(cc);
    onStaff.push(s.id);
    rosters['social-insurance'].push(a, b, s);
    // Payroll: one of the same unreported persons again (two sources), one only on payroll.
    rosters.payroll.push({ ...a, name: a.name }, fresh(cc));
    // Dispatch (.xlsx): a person insured here but in the NEXT unit's ledger (a finding, not a lead); for
    // every fifth unit the person already on both other lists (three sources), for the next the payroll-only one.
    const next = units[(i + 1) % 40];
    const there = [...(ledgerIds.get(next.unitId) ?? [])][0];
    if (i < 40 && there) rosters.dispatch.push({ id: there, name: '借用人员', cc });
    if (i % 5 === 0) rosters.dispatch.push(a);
    if (i % 5 === 1) rosters.dispatch.push(rosters.payroll[rosters.payroll.length - 1]);
  });
  // Out of scope: two credit codes of no campaign unit.
  rosters['social-insurance'].push(fresh(OUT_A), fresh(OUT_A), fresh(OUT_B));
  rosters.dispatch.push(fresh(OUT_A));
  // Duplicates across and within sources.
  rosters.payroll.push(rosters.payroll[0]);
}, 240_000);

afterAll(async () => {
  await host?.close();
});

/** The expected leads by brute force. */
function expected() {
  const unitByCode = new Map(units.filter((u) => ledgerIds.has(u.unitId) || u.creditCode).map((u) => [codeOf.get(u.unitId)!, u.unitId]));
  const leads = new Map<string, Set<Source>>();
  const out = new Map<string, Set<string>>();
  const onStaffSet = new Set(onStaff);
  for (const source of ['social-insurance', 'payroll', 'dispatch'] as Source[]) {
    for (const p of rosters[source]) {
      const unitId = unitByCode.get(p.cc);
      if (!unitId) {
        if (!out.has(p.cc)) out.set(p.cc, new Set());
        out.get(p.cc)!.add(p.id);
        continue;
      }
      if (ledgerIds.get(unitId)?.has(p.id) || onStaffSet.has(p.id)) continue;
      if ([...ledgerIds.values()].some((s) => s.has(p.id))) continue; // in another unit's ledger
      const k = `${unitId}|${p.id}`;
      if (!leads.has(k)) leads.set(k, new Set());
      leads.get(k)!.add(source);
    }
  }
  return { leads, out };
}

describe('rosters and leads on a 50-unit campaign', () => {
  it('uploads JSON and .xlsx rosters and answers persons, matched units and unmatched', async () => {
    const on = await c.req('PUT', `/campaigns/${cid}/on-staff`, { as: OFFICE_ADMIN, json: { idNumbers: onStaff } });
    expect(on.status, on.text).toBe(200);
    const si = await c.req('PUT', `/campaigns/${cid}/rosters/social-insurance`, {
      as: OFFICE_ADMIN,
      json: body(rosters['social-insurance']),
    });
    expect(si.status, si.text).toBe(200);
    // Unit index 45 (i % 7 === 3, not reported) has no known credit code: its 3 persons are unmatched too.
    expect(si.body).toMatchObject({
      source: 'social-insurance',
      persons: rosters['social-insurance'].length,
      unmatched: 6,
      unmatchedCreditCodes: 3,
    });
    expect(si.body.matchedUnits).toBe(49);
    const pay = await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, { as: OFFICE_ADMIN, json: body(rosters.payroll) });
    expect(pay.status, pay.text).toBe(200);
    expect(pay.body.persons).toBe(rosters.payroll.length - 1); // the repeated person counts once
    const dis = await c.req('PUT', `/campaigns/${cid}/rosters/dispatch`, {
      as: OFFICE_ADMIN,
      body: await xlsxOf(rosters.dispatch),
      headers: { 'content-type': XLSX },
    });
    expect(dis.status, dis.text).toBe(200);
    expect(dis.body.persons).toBe(new Set(rosters.dispatch.map((p) => p.id + p.cc)).size);
  });

  it('GET leads: every lead with its sources, 范围遗漏 by credit code, persons in another ledger apart', async () => {
    const r = await c.req('GET', `/campaigns/${cid}/leads`, { as: OFFICE_ADMIN });
    expect(r.status, r.text).toBe(200);
    const want = expected();
    const got = new Map<string, string[]>(
      r.body.leads.map((l: { unitId: string; idNumber: string; sources: string[] }) => [`${l.unitId}|${l.idNumber}`, l.sources]),
    );
    expect([...got.keys()].sort()).toEqual([...want.leads.keys()].sort());
    for (const [k, s] of want.leads)
      expect(got.get(k), k).toEqual(['social-insurance', 'payroll', 'dispatch'].filter((x) => s.has(x as Source)));
    expect(r.body.leads.some((l: { sources: string[] }) => l.sources.length === 3)).toBe(true);
    // Units that have not reported get leads too.
    expect(r.body.leads.some((l: { unitId: string }) => l.unitId === units[44].unitId)).toBe(true);
    const outs = Object.fromEntries(r.body.outOfScope.map((o: { creditCode: string; persons: number }) => [o.creditCode, o.persons]));
    expect(outs).toEqual(Object.fromEntries([...want.out].map(([cc, ids]) => [cc, ids.size])));
    expect(outs[OUT_A]).toBe(3);
    expect(r.body.elsewhere.length).toBe(40);
    expect(r.body.elsewhere[0]).toMatchObject({ unitId: units[0].unitId, ledgerUnitIds: [units[1].unitId], sources: ['dispatch'] });
  });

  it('progress counts suspectedUnreported; a supervisor sees only its subtree; a liaison is refused', async () => {
    const want = expected();
    const count = (unitId: string) => [...want.leads.keys()].filter((k) => k.startsWith(unitId + '|')).length;
    const p = await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN });
    for (const u of p.body.units) expect(u.suspectedUnreported, u.unitId).toBe(count(u.unitId));
    const s = await c.req('GET', `/campaigns/${cid}/leads`, { as: 'd1-supervisor' });
    expect(s.status).toBe(200);
    expect(new Set(s.body.leads.map((l: { unitId: string }) => l.unitId.split('-')[0]))).toEqual(new Set(['d1']));
    expect(s.body.outOfScope).toEqual([]);
    expect((await c.req('GET', `/campaigns/${cid}/leads`, { as: 'd1-u1-liaison' })).status).toBe(403);
    expect((await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, { as: 'd1-supervisor', json: { persons: [] } })).status).toBe(403);
  });

  it("the aggregate has a 疑似漏报 sheet: one row per lead, and the persons listed in another unit's ledger", async () => {
    const r = await fetch(`${host.api}/campaigns/${cid}/aggregate.xlsx`, {
      headers: { authorization: `Bearer ${await c.token(OFFICE_ADMIN)}` },
    });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('疑似漏报')!;
    expect(ws).toBeTruthy();
    const kinds = (ws.getColumn(1).values as unknown[]).slice(2);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '类型',
      '单位编号',
      '单位名称',
      '主管部门',
      '姓名',
      '身份证号码',
      '名单来源',
      '列入台账的单位',
      '核查记录',
    ]);
    expect(kinds.filter((k) => k === '疑似漏报').length).toBe(expected().leads.size);
    expect(kinds.filter((k) => k === '在其他单位台账中').length).toBe(40);
    const summary = wb.getWorksheet('汇总')!;
    const col = (summary.getRow(1).values as unknown[]).indexOf('疑似漏报人数');
    expect(col).toBeGreaterThan(0);
    expect(summary.getRow(summary.rowCount).getCell(col).value).toBe(expected().leads.size);
  });

  it('a later upload replaces the source; the roster upload is audited', async () => {
    const before = (await c.req('GET', `/campaigns/${cid}/leads`, { as: OFFICE_ADMIN })).body.leads.length;
    const r = await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, { as: OFFICE_ADMIN, json: { persons: [] } });
    expect(r.status).toBe(200);
    rosters.payroll = [];
    const after = await c.req('GET', `/campaigns/${cid}/leads`, { as: OFFICE_ADMIN });
    expect(after.body.leads.length).toBe(expected().leads.size);
    expect(after.body.leads.length).toBeLessThan(before);
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    const uploads = audit.body.entries.filter((e: { action: string }) => e.action === 'roster.upload');
    expect(uploads.length).toBe(4);
    expect(uploads.at(-1).details).toMatchObject({ source: 'payroll', persons: 0 });
  });

  it('a lead becomes a verification record in one step', async () => {
    const lead = (await c.req('GET', `/campaigns/${cid}/leads`, { as: OFFICE_ADMIN })).body.leads[0];
    const v = await c.req('POST', `/campaigns/${cid}/leads/verify`, {
      as: OFFICE_ADMIN,
      json: { unitId: lead.unitId, idNumbers: [lead.idNumber], at: new Date().toISOString().slice(0, 10) },
    });
    expect(v.status, v.text).toBe(201);
    expect(v.body.underReports).toEqual([{ name: lead.name, idNumber: lead.idNumber }]);
    expect(v.body.summary).toMatch(/疑似漏报/);
    const again = (await c.req('GET', `/campaigns/${cid}/leads`, { as: OFFICE_ADMIN })).body.leads.find(
      (l: { idNumber: string }) => l.idNumber === lead.idNumber,
    );
    expect(again.verificationId).toBe(v.body.verificationId);
  });
});

describe('hostile roster uploads → clear 400s', () => {
  it('bad source, bad IDs, missing headers, not a workbook, huge bodies', async () => {
    const cc = codeOf.get('d0')!;
    const bad = await c.req('PUT', `/campaigns/${cid}/rosters/tax`, { as: OFFICE_ADMIN, json: { persons: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/social-insurance/);
    const ids = await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, {
      as: OFFICE_ADMIN,
      json: {
        persons: [
          { idNumber: '110101199001011230', name: '甲', creditCode: cc },
          { idNumber: 'abc', name: '乙', creditCode: cc },
        ],
      },
    });
    expect(ids.status).toBe(400);
    expect(ids.body.code).toBe('ROSTER_INVALID');
    expect(ids.body.details.problems.map((p: { row: number }) => p.row)).toEqual([1, 2]);
    const noHeader = await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, {
      as: OFFICE_ADMIN,
      body: await (async () => {
        const wb = new ExcelJS.Workbook();
        wb.addWorksheet('x').addRow(['姓名', '身份证号码']);
        return new Uint8Array(await wb.xlsx.writeBuffer());
      })(),
      headers: { 'content-type': XLSX },
    });
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.code).toBe('ROSTER_HEADER_MISSING');
    const csv = await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, {
      as: OFFICE_ADMIN,
      body: '姓名,身份证号码\n',
      headers: { 'content-type': XLSX },
    });
    expect(csv.status).toBe(400);
    expect(csv.body.code).toBe('WORKBOOK_UNREADABLE');
    const text = await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, {
      as: OFFICE_ADMIN,
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = await c.req('PUT', `/campaigns/${cid}/rosters/payroll`, {
      as: OFFICE_ADMIN,
      body: new Uint8Array(31 * 1024 * 1024).fill(32),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413); // past the roster's 30 MB (the host's own cap is 32 MB)
    expect(huge.body.message).toMatch(/30 MB/);
    // Nothing was replaced by the refused uploads.
    expect((await c.req('GET', `/campaigns/${cid}/rosters`, { as: OFFICE_ADMIN })).body.rosters.payroll).toMatchObject({ persons: 0 });
  });
});

describe('risk-weighted draw (双随机)', () => {
  it('is reproducible, explains each weight and is audited', async () => {
    const a = await c.req('POST', `/campaigns/${cid}/sampling`, { as: OFFICE_ADMIN, json: { count: 5, seed: '2026-12-02 县纪委监督' } });
    expect(a.status, a.text).toBe(201);
    expect(a.body.units).toHaveLength(5);
    expect(typeof a.body.drawId).toBe('string');
    expect(a.body.candidates).toHaveLength(50);
    const top = a.body.candidates.find((x: { unitId: string }) => x.unitId === a.body.units[0]);
    expect(top.reasons.map((r: { factor: string }) => r.factor)).toEqual(['base', 'leads', 'findings', 'lateness', 'returns']);
    const b = await c.req('POST', `/campaigns/${cid}/sampling`, { as: OFFICE_ADMIN, json: { count: 5, seed: '2026-12-02 县纪委监督' } });
    expect(b.body.units).toEqual(a.body.units);
    expect(b.body.drawId).not.toBe(a.body.drawId);
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    const draws = audit.body.entries.filter((e: { action: string }) => e.action === 'sampling.draw');
    expect(draws.map((e: { details: { drawId: string } }) => e.details.drawId)).toEqual([a.body.drawId, b.body.drawId]);
    expect(draws[0].details).toMatchObject({ seed: '2026-12-02 县纪委监督', count: 5, units: a.body.units });
  });

  it('refuses bad counts and seeds, and non-office callers', async () => {
    for (const json of [
      { count: 0, seed: 'x' },
      { count: 1.5, seed: 'x' },
      { count: 5 },
      { count: 5, seed: '' },
      { count: 100000, seed: 'x' },
    ]) {
      const r = await c.req('POST', `/campaigns/${cid}/sampling`, { as: OFFICE_ADMIN, json });
      expect(r.status, JSON.stringify(json)).toBe(400);
    }
    expect((await c.req('POST', `/campaigns/${cid}/sampling`, { as: 'd0-supervisor', json: { count: 1, seed: 'x' } })).status).toBe(403);
  });
});
