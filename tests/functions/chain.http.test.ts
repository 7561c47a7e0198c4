// Review through the chain of responsibility (主管部门负总责) over HTTP on Azurite: a sealed ledger of a unit
// under a supervising department goes to that supervisor first (endorse / return with notes pinned to
// cells), only then to the office; units without one go straight to the office; nested supervisors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { demoCampaign, OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { SHEET_ROSTER } from '../../shared/template/definition';
import type { Ledger } from '../../shared/ledger/schema';
import { Client, key, newCampaign, PDF, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;

beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
});
afterAll(async () => {
  await host?.close();
});

async function submit(cid: string, unitId: string, ledger: Ledger = unitLedger(3, 5, unitId)) {
  const r = await c.req('POST', `/campaigns/${cid}/units/${unitId}/submissions`, { as: `${unitId}-liaison`, json: { ledger }, headers: { 'Idempotency-Key': key() } });
  expect(r.status, r.text).toBe(201);
  return r.body as { version: number; digest: string };
}

/** Submitted, signed and sealed (已报送). */
async function report(cid: string, unitId: string, ledger?: Ledger): Promise<number> {
  const { version, digest } = await submit(cid, unitId, ledger);
  const s = await c.req('POST', `/campaigns/${cid}/units/${unitId}/submissions/${version}/signoff`, { as: `${unitId}-head`, json: { digest } });
  expect(s.status, s.text).toBe(200);
  const p = await c.req('PUT', `/campaigns/${cid}/units/${unitId}/submissions/${version}/seal`, { as: `${unitId}-head`, body: PDF, headers: { 'content-type': 'application/pdf' } });
  expect(p.status, p.text).toBe(200);
  return version;
}

const review = (cid: string, unitId: string, v: number, as: string, body: unknown) =>
  c.req('POST', `/campaigns/${cid}/units/${unitId}/submissions/${v}/review`, { as, json: body });
const unit = async (cid: string, unitId: string, as = `${unitId}-liaison`) => (await c.req('GET', `/campaigns/${cid}/units/${unitId}`, { as })).body;

describe('two-level review (demo tree: edu supervises edu-s1..s3)', () => {
  it('office accept before endorsement is refused; the supervisor endorses; then the office accepts', async () => {
    const cid = await newCampaign(c);
    const v = await report(cid, 'edu-s1');
    expect((await unit(cid, 'edu-s1')).status).toBe('sealed');

    const early = await review(cid, 'edu-s1', v, OFFICE_ADMIN, { decision: 'accept', reasons: [] });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_STATE');
    expect(early.body.message).toMatch(/主管部门/);

    // Another department's supervisor, the unit's own liaison and a supervisor "accepting" are refused.
    expect((await review(cid, 'edu-s1', v, 'health-supervisor', { decision: 'endorse', reasons: [] })).status).toBe(403);
    expect((await review(cid, 'edu-s1', v, 'edu-s1-liaison', { decision: 'endorse', reasons: [] })).status).toBe(403);
    expect((await review(cid, 'edu-s1', v, 'edu-supervisor', { decision: 'accept', reasons: [] })).status).toBe(403);

    const e = await review(cid, 'edu-s1', v, 'edu-supervisor', { decision: 'endorse', reasons: [] });
    expect(e.status, e.text).toBe(200);
    expect(e.body.status).toBe('endorsed');
    expect(e.body.review).toMatchObject({ decision: 'endorse', userId: 'edu-supervisor' });
    expect((await unit(cid, 'edu-s1')).status).toBe('endorsed');
    // The same endorsement again (a retry whose answer was lost) answers with the first one, never a second entry.
    const again = await review(cid, 'edu-s1', v, 'edu-supervisor', { decision: 'endorse', reasons: [] });
    expect(again.status, again.text).toBe(200);
    expect(again.body.review).toEqual(e.body.review);
    const trail = await c.req('GET', `/campaigns/${cid}/audit?category=change`, { as: OFFICE_ADMIN });
    expect(trail.body.entries.filter((x: { action: string; unitId: string }) => x.action === 'review.endorse' && x.unitId === 'edu-s1')).toHaveLength(1);

    const prog = await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN });
    const row = prog.body.units.find((u: { unitId: string }) => u.unitId === 'edu-s1');
    expect(row.status).toBe('endorsed');
    expect(row.endorsedAt).toBe(e.body.review.at);
    expect(row.reported).toBe(true);

    const a = await review(cid, 'edu-s1', v, OFFICE_ADMIN, { decision: 'accept', reasons: [] });
    expect(a.status, a.text).toBe(200);
    expect(a.body.status).toBe('accepted');
    const after = (await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN })).body.units.find((u: { unitId: string }) => u.unitId === 'edu-s1');
    expect(after.endorsedAt).toBe(e.body.review.at);

    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    const actions = audit.body.entries.filter((x: { unitId: string }) => x.unitId === 'edu-s1').map((x: { action: string; role: string }) => `${x.action}:${x.role}`);
    expect(actions).toContain('review.endorse:supervisor');
    expect(actions).toContain('review.accept:office');
  });

  it('endorse needs a sealed version; a unit without a supervising ancestor goes straight to the office', async () => {
    const cid = await newCampaign(c);
    const { version } = await submit(cid, 'edu-s2');
    const e = await review(cid, 'edu-s2', version, 'edu-supervisor', { decision: 'endorse', reasons: [] });
    expect(e.status).toBe(409);
    expect(e.body.code).toBe('INVALID_STATE');

    // The department itself (edu) has no supervising ancestor: sealed → office.
    const v = await report(cid, 'edu');
    expect((await review(cid, 'edu', v, 'edu-supervisor', { decision: 'endorse', reasons: [] })).status).toBe(409);
    const a = await review(cid, 'edu', v, OFFICE_ADMIN, { decision: 'accept', reasons: [] });
    expect(a.status, a.text).toBe(200);
    expect(a.body.status).toBe('accepted');
  });

  it('return by the supervisor carries reasons and notes pinned to cells; the liaison sees them', async () => {
    const cid = await newCampaign(c);
    const ledger = unitLedger(4, 6, '示范县实验小学');
    const v = await report(cid, 'edu-s2', ledger);
    const r0 = ledger.roster!.rows[0];
    const r2 = ledger.roster!.rows[2];
    const notes = [
      { sheet: SHEET_ROSTER, row: r0.row, column: '岗位名称', text: '岗位名称与实际不符' },
      { sheet: SHEET_ROSTER, row: r2.row, column: null, text: '此人已离职，请核实' },
    ];
    const bad = await review(cid, 'edu-s2', v, 'edu-supervisor', { decision: 'return', reasons: ['请核实'], notes: [{ ...notes[0], row: 9999 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const badColumn = await review(cid, 'edu-s2', v, 'edu-supervisor', { decision: 'return', reasons: ['请核实'], notes: [{ ...notes[0], column: '不存在的列' }] });
    expect(badColumn.status).toBe(400);

    const r = await review(cid, 'edu-s2', v, 'edu-supervisor', { decision: 'return', reasons: ['请核实标注的人员'], notes });
    expect(r.status, r.text).toBe(200);
    expect(r.body.status).toBe('returned');
    const view = await unit(cid, 'edu-s2');
    expect(view.status).toBe('returned');
    expect(view.returnReasons).toEqual(['请核实标注的人员']);
    expect(view.returnNotes).toEqual([
      expect.objectContaining({ ...notes[0], idNumber: r0.values.idNumber, name: r0.values.name, version: v }),
      expect.objectContaining({ ...notes[1], idNumber: r2.values.idNumber, name: r2.values.name, version: v }),
    ]);
    // The office cannot accept a returned version; the liaison submits a new one, which starts over.
    expect((await review(cid, 'edu-s2', v, OFFICE_ADMIN, { decision: 'accept', reasons: [] })).status).toBe(409);
    const v2 = await report(cid, 'edu-s2', ledger);
    expect(v2).toBe(v + 1);
    const again = await unit(cid, 'edu-s2');
    expect(again.status).toBe('sealed');
    // The notes of the returned version stay visible on the next version (to show what changed).
    expect(again.returnNotes.map((n: { version: number }) => n.version)).toEqual([v, v]);
    expect((await review(cid, 'edu-s2', v2, OFFICE_ADMIN, { decision: 'accept', reasons: [] })).status).toBe(409);
  });

  it('the office may return at either step (sealed, or endorsed)', async () => {
    const cid = await newCampaign(c);
    const v = await report(cid, 'edu-s3');
    const r1 = await review(cid, 'edu-s3', v, OFFICE_ADMIN, { decision: 'return', reasons: ['缺少附件'] });
    expect(r1.status, r1.text).toBe(200);
    expect(r1.body.status).toBe('returned');
    const v2 = await report(cid, 'edu-s3');
    expect((await review(cid, 'edu-s3', v2, 'edu-supervisor', { decision: 'endorse', reasons: [] })).body.status).toBe('endorsed');
    const r2 = await review(cid, 'edu-s3', v2, OFFICE_ADMIN, { decision: 'return', reasons: ['与社保名单不符'], notes: [] });
    expect(r2.status, r2.text).toBe(200);
    expect((await unit(cid, 'edu-s3')).returnReasons).toEqual(['与社保名单不符']);
  });

  it('supervisorReview: false → sealed goes straight to the office', async () => {
    const cid = await newCampaign(c);
    const body = { ...demoCampaign(new Date().toISOString().slice(0, 10)), supervisorReview: false };
    expect((await c.req('PUT', `/campaigns/${cid}`, { as: OFFICE_ADMIN, json: body })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}`, { as: OFFICE_ADMIN })).body.supervisorReview).toBe(false);
    const v = await report(cid, 'health-h1');
    expect((await review(cid, 'health-h1', v, 'health-supervisor', { decision: 'endorse', reasons: [] })).status).toBe(409);
    expect((await review(cid, 'health-h1', v, OFFICE_ADMIN, { decision: 'accept', reasons: [] })).body.status).toBe('accepted');
  });

  it('milestone requires: endorsed is done at the endorsement (or at reporting where there is no supervisor step)', async () => {
    const cid = await newCampaign(c);
    const today = new Date().toISOString().slice(0, 10);
    const body = { ...demoCampaign(today), milestones: [{ id: 'sup', title: '主管部门审核', due: today, requires: 'endorsed' }] };
    expect((await c.req('PUT', `/campaigns/${cid}`, { as: OFFICE_ADMIN, json: body })).status).toBe(200);
    const v = await report(cid, 'agri-a1');
    expect((await unit(cid, 'agri-a1')).milestones[0]).toMatchObject({ requires: 'endorsed', doneAt: null });
    const e = await review(cid, 'agri-a1', v, 'agri-supervisor', { decision: 'endorse', reasons: [] });
    expect((await unit(cid, 'agri-a1')).milestones[0]).toMatchObject({ doneAt: e.body.review.at, state: 'done_on_time' });
    await report(cid, 'agri');
    expect((await unit(cid, 'agri')).milestones[0].doneAt).not.toBeNull();
  });
});

describe('nested supervisors: the nearest supervising ancestor endorses', () => {
  it('county bureau → district office → school', async () => {
    const cid = `t-${randomUUID().slice(0, 8)}`;
    expect((await c.req('PUT', `/campaigns/${cid}`, { as: OFFICE_ADMIN, json: demoCampaign(new Date().toISOString().slice(0, 10)) })).status).toBe(200);
    const units = [
      { unitId: 'bureau', name: '县教育局', parentId: null },
      { unitId: 'district', name: '城区学区', parentId: 'bureau' },
      { unitId: 'school', name: '城区小学', parentId: 'district' },
    ];
    const members = [
      { userId: 'bureau-supervisor', name: '教育局督导', role: 'supervisor', unitId: 'bureau' },
      { userId: 'district-supervisor', name: '学区督导', role: 'supervisor', unitId: 'district' },
      ...units.flatMap((u) => [
        { userId: `${u.unitId}-liaison`, name: '联络员', role: 'liaison', unitId: u.unitId },
        { userId: `${u.unitId}-head`, name: '负责人', role: 'head', unitId: u.unitId },
      ]),
    ];
    expect((await c.req('PUT', `/campaigns/${cid}/units`, { as: OFFICE_ADMIN, json: { units, members } })).status).toBe(200);

    const vs = await report(cid, 'school');
    const far = await review(cid, 'school', vs, 'bureau-supervisor', { decision: 'endorse', reasons: [] });
    expect(far.status).toBe(403);
    expect(far.body.message).toMatch(/学区督导|城区学区/);
    expect((await review(cid, 'school', vs, 'district-supervisor', { decision: 'endorse', reasons: [] })).body.status).toBe('endorsed');
    expect((await review(cid, 'school', vs, OFFICE_ADMIN, { decision: 'accept', reasons: [] })).body.status).toBe('accepted');

    // The district's own ledger is endorsed by the bureau; the district's supervisor cannot endorse itself.
    const vd = await report(cid, 'district');
    expect((await review(cid, 'district', vd, 'district-supervisor', { decision: 'endorse', reasons: [] })).status).toBe(403);
    expect((await review(cid, 'district', vd, OFFICE_ADMIN, { decision: 'accept', reasons: [] })).status).toBe(409);
    expect((await review(cid, 'district', vd, 'bureau-supervisor', { decision: 'endorse', reasons: [] })).body.status).toBe('endorsed');
    // The bureau's supervisor sees both in its queue filter (progress, subtree).
    const p = await c.req('GET', `/campaigns/${cid}/progress`, { as: 'bureau-supervisor' });
    expect(p.body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(['bureau', 'district', 'school']);
    expect(p.body.units.find((u: { unitId: string }) => u.unitId === 'district').reviewer).toEqual({ unitId: 'bureau', userIds: ['bureau-supervisor'] });
  });
});

describe('hostile review bodies', () => {
  it('unknown decision, too many notes, a note without text → 400', async () => {
    const cid = await newCampaign(c);
    const v = await report(cid, 'agri-a2');
    for (const body of [
      { decision: 'approve', reasons: [] },
      { decision: 'return', reasons: ['x'], notes: Array.from({ length: 1001 }, () => ({ sheet: SHEET_ROSTER, row: 4, column: null, text: 'x' })) },
      { decision: 'return', reasons: ['x'], notes: [{ sheet: SHEET_ROSTER, row: 4, column: null, text: '' }] },
      { decision: 'return', reasons: ['x'], notes: [{ sheet: '别的表', row: 4, column: null, text: 'x' }] },
      { decision: 'endorse', reasons: [], notes: [{ sheet: SHEET_ROSTER, row: 4, column: null, text: 'x' }] },
    ]) {
      const r = await review(cid, 'agri-a2', v, 'agri-supervisor', body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
