// The demo campaign `demo`: 12 units (3 supervising departments, each with 3 subordinate units; the
// departments report their own ledgers too), their members, milestones, and each unit's ledger.
// One module for `npm start` (seeding), `npm run demo`, the tests and the benchmarks.
import type { Member, Milestone, UnitDef } from '../shared/api/contract';
import type { Ledger } from '../shared/ledger/schema';
import { rowNumberOf, SAMPLE_HEADER_ROW, standardColumns, validRosterRow, validUnitSheet } from './sampleLedgers';
import { TEMPLATE_VERSION } from '../shared/template/definition';
import { todayInChina } from '../shared/dates';

export const DEMO_CAMPAIGN_ID = 'demo';
export const OFFICE_ADMIN = 'office-admin';
export { DEMO_SIGNING_SECRET as DEMO_SECRET } from '../functions/src/settings';

const DEPARTMENTS: [string, string, [string, string][]][] = [
  ['edu', '示范县教育局', [['edu-s1', '示范县第一中学'], ['edu-s2', '示范县实验小学'], ['edu-s3', '示范县职业技术学校']]],
  ['health', '示范县卫生健康局', [['health-h1', '示范县人民医院'], ['health-h2', '示范县疾病预防控制中心'], ['health-h3', '示范县妇幼保健院']]],
  ['agri', '示范县农业农村局', [['agri-a1', '示范县农业技术推广中心'], ['agri-a2', '示范县动物疫病预防控制中心'], ['agri-a3', '示范县水产技术推广站']]],
];

export function demoUnits(): UnitDef[] {
  const out: UnitDef[] = [];
  for (const [id, name, subs] of DEPARTMENTS) {
    out.push({ unitId: id, name, parentId: null });
    for (const [sid, sname] of subs) out.push({ unitId: sid, name: sname, parentId: id });
  }
  return out;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙';
/** Per unit: `{unitId}-liaison`, `-head`, `-leader`; per department `{id}-supervisor`; `office-staff` (office). */
export function demoMembers(): Member[] {
  const members: Member[] = [];
  demoUnits().forEach((u, i) => {
    const s = SURNAMES[i % SURNAMES.length];
    members.push({ userId: `${u.unitId}-liaison`, name: `${s}联络`, role: 'liaison', unitId: u.unitId });
    members.push({ userId: `${u.unitId}-head`, name: `${s}主任`, role: 'head', unitId: u.unitId });
    members.push({ userId: `${u.unitId}-leader`, name: `${s}副主任`, role: 'leader', unitId: u.unitId });
    if (u.parentId === null) members.push({ userId: `${u.unitId}-supervisor`, name: `${u.name}督导`, role: 'supervisor', unitId: u.unitId });
  });
  members.push({ userId: 'office-staff', name: '县领导小组办公室', role: 'office', unitId: null });
  return members;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Milestones relative to `today` (China date): report within a week, office acceptance within three. */
export function demoCampaign(today: string): { title: string; templateVersion: string; milestones: Milestone[] } {
  return {
    title: '示范县机关事业单位编外人员清理规范工作',
    templateVersion: TEMPLATE_VERSION,
    milestones: [
      { id: 'report', title: '单位自查并报送台账（签字盖章）', due: addDays(today, 7), requires: 'reported' },
      { id: 'accept', title: '领导小组办公室审核通过', due: addDays(today, 21), requires: 'accepted' },
    ],
  };
}

/**
 * A valid ledger of `rows` people for a unit: sample rows offset per unit so that people differ between
 * units, unit facts naming the unit. Findings vary row by row; there are no errors. 填报日期 is
 * `filingDate`, by default today in China: the server checks as of the day it receives a ledger and
 * refuses a 填报日期 after it or more than 30 days before it (pass the X-Dev-Now day when simulating).
 */
export function unitLedger(unitIndex: number, rows: number, unitName: string, filingDate: string = todayInChina()): Ledger {
  const base = unitIndex * 5000;
  const list = Array.from({ length: rows }, (_, k) => ({ row: rowNumberOf(k), values: { ...validRosterRow(base + k), seq: k + 1 } }));
  return {
    templateVersion: TEMPLATE_VERSION,
    unit: validUnitSheet(rows, { unitName, filingDate }),
    roster: { headerRow: SAMPLE_HEADER_ROW, columns: standardColumns(), rows: list },
  };
}

/** Seeds `demo` over HTTP unless it exists; returns whether it seeded. */
export async function seedDemo(apiBase: string, today: string): Promise<boolean> {
  const tok = await fetch(`${apiBase}/dev/token`, { method: 'POST', body: JSON.stringify({ userId: OFFICE_ADMIN }) });
  if (!tok.ok) throw new Error(`cannot get a dev token (${tok.status}); is AUTH_MODE=dev?`);
  const { token } = (await tok.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const existing = await fetch(`${apiBase}/campaigns/${DEMO_CAMPAIGN_ID}`, { headers });
  if (existing.status === 200) return false;
  const put = async (path: string, body: unknown) => {
    const r = await fetch(`${apiBase}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`PUT ${path} → ${r.status} ${await r.text()}`);
  };
  await put(`/campaigns/${DEMO_CAMPAIGN_ID}`, demoCampaign(today));
  await put(`/campaigns/${DEMO_CAMPAIGN_ID}/units`, { units: demoUnits(), members: demoMembers() });
  return true;
}
