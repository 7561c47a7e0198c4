// The whole life of a unit's ledger over HTTP against a real Azurite: submit → sign → seal → return →
// resubmit → accept → locked → reopen, with the audit trail, idempotency, concurrency and deadlines.
// Long (~400 lines) because the first case walks one unit through its whole life step by step, each
// step asserting the state the next one starts from; splitting it would repeat that walk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalLedger, ledgerDigest } from '../../shared/ledger/canonical';
import { createHash } from 'node:crypto';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, PDF, PNG, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
});
afterAll(async () => host?.close());

const U = 'edu-s1';
const path = (cid: string, unit = U) => `/campaigns/${cid}/units/${unit}`;

describe('ledger lifecycle', () => {
  it('goes submitted → signed → sealed → returned → resubmitted → accepted → locked → reopened, one audit entry per action', async () => {
    // The one-level lifecycle: the supervising department's step is chain.http.test.ts's.
    const cid = await newCampaign(c, undefined, { supervisorReview: false });
    const ledger = unitLedger(1, 25, '示范县第一中学');
    const before = await c.req('GET', path(cid), { as: `${U}-liaison` });
    expect(before.status).toBe(200);
    expect(before.body.status).toBe('not_started');
    expect(before.body.latest).toBeNull();

    const s1 = await c.req('POST', `${path(cid)}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s1.status).toBe(201);
    expect(s1.body.version).toBe(1);
    expect(s1.body.digest).toBe(await ledgerDigest(ledger));
    expect(s1.body.digest).toBe(createHash('sha256').update(canonicalLedger(ledger)).digest('hex'));
    expect(s1.body.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(s1.body.receiptNo).toMatch(new RegExp(`^TZ-\\d{8}-${U}-V1-[0-9A-F]{6}$`));
    expect(s1.body.summary.rows).toBe(25);
    expect(s1.body.summary.errors).toBe(0);
    expect(s1.body.summary.findings).toBeGreaterThan(0); // findings never block
    // Where the time went, for devtools and the benchmark: every stage, in order, with a duration.
    const stages = [...(s1.headers.get('server-timing') ?? '').matchAll(/(\w+);dur=(\d+(?:\.\d+)?)/g)].map((m) => m[1]);
    expect(stages).toEqual(['receive', 'parse', 'check', 'wait', 'store', 'commit']);
    expect(s1.body.issues.filter((i: { severity: string }) => i.severity === 'finding').length).toBe(s1.body.summary.findings);

    expect((await c.req('GET', path(cid), { as: `${U}-head` })).body.status).toBe('submitted');

    const sheet = await c.req('GET', `${path(cid)}/submissions/1/signoff-sheet`, { as: `${U}-head` });
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('text/html');
    for (const s of [
      s1.body.receiptNo,
      s1.body.digest,
      '签字盖章页',
      '示范县第一中学',
      '25 人',
      '单位公章',
      '@media print',
      '（北京时间）',
      `李联络（${U}-liaison）`,
    ])
      expect(sheet.text).toContain(s);

    const sign = await c.req('POST', `${path(cid)}/submissions/1/signoff`, { as: `${U}-head`, json: { digest: s1.body.digest } });
    expect(sign.status).toBe(200);
    expect(sign.body.signOff).toMatchObject({ userId: `${U}-head`, digest: s1.body.digest });
    expect((await c.req('GET', path(cid), { as: `${U}-liaison` })).body.status).toBe('signed');

    const seal = await c.req('PUT', `${path(cid)}/submissions/1/seal`, {
      as: `${U}-liaison`,
      body: PDF,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(seal.status).toBe(200);
    expect(seal.body.seal).toMatchObject({
      contentType: 'application/pdf',
      bytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const sealed = await c.req('GET', path(cid), { as: `${U}-liaison` });
    expect(sealed.body).toMatchObject({ status: 'sealed', reported: true });
    expect(sealed.body.milestones.find((m: { id: string }) => m.id === 'report')).toMatchObject({ state: 'done_on_time', onTime: true });

    const ret = await c.req('POST', `${path(cid)}/submissions/1/review`, {
      as: OFFICE_ADMIN,
      json: { decision: 'return', reasons: ['第5行岗位名称不具体', '请补充审批文号'] },
    });
    expect(ret.status).toBe(200);
    expect(ret.body.status).toBe('returned');
    const seen = await c.req('GET', path(cid), { as: `${U}-liaison` });
    expect(seen.body.status).toBe('returned');
    expect(seen.body.returnReasons).toEqual(['第5行岗位名称不具体', '请补充审批文号']);
    // A return does not undo the on-time report.
    expect(seen.body.milestones.find((m: { id: string }) => m.id === 'report').state).toBe('done_on_time');

    const ledger2 = unitLedger(1, 26, '示范县第一中学');
    const s2 = await c.req('POST', `${path(cid)}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger: ledger2 },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s2.status).toBe(201);
    expect(s2.body.version).toBe(2);
    expect((await c.req('GET', path(cid), { as: `${U}-liaison` })).body).toMatchObject({ status: 'submitted', returnReasons: [] });

    // Signing the superseded version or a wrong digest is refused.
    const old = await c.req('POST', `${path(cid)}/submissions/1/signoff`, { as: `${U}-head`, json: { digest: s1.body.digest } });
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('VERSION_SUPERSEDED');
    const wrong = await c.req('POST', `${path(cid)}/submissions/2/signoff`, { as: `${U}-head`, json: { digest: s1.body.digest } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('DIGEST_MISMATCH');
    // The scan may be uploaded before the digital sign-off: not reported until the head signs.
    const early = await c.req('PUT', `${path(cid)}/submissions/2/seal`, {
      as: `${U}-head`,
      body: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(early.status).toBe(200);
    expect((await c.req('GET', path(cid), { as: `${U}-liaison` })).body.status).toBe('submitted');
    // Accepting a ledger that is not yet reported is refused.
    expect(
      (await c.req('POST', `${path(cid)}/submissions/2/review`, { as: OFFICE_ADMIN, json: { decision: 'accept', reasons: [] } })).status,
    ).toBe(409);

    const sign2 = await c.req('POST', `${path(cid)}/submissions/2/signoff`, { as: `${U}-head`, json: { digest: s2.body.digest } });
    expect(sign2.status).toBe(200);
    expect((await c.req('GET', path(cid), { as: `${U}-liaison` })).body.status).toBe('sealed');
    // A retried sign-off (lost response) answers as the first did and records nothing new.
    const again = await c.req('POST', `${path(cid)}/submissions/2/signoff`, { as: `${U}-head`, json: { digest: s2.body.digest } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(sign2.body);
    const acc = await c.req('POST', `${path(cid)}/submissions/2/review`, { as: OFFICE_ADMIN, json: { decision: 'accept' } });
    expect(acc.status).toBe(200);
    expect(acc.body.status).toBe('accepted');

    const locked = await c.req('POST', `${path(cid)}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger },
      headers: { 'Idempotency-Key': key() },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('SUBMISSION_LOCKED');

    const reopenNoReason = await c.req('POST', `${path(cid)}/submissions/2/review`, {
      as: OFFICE_ADMIN,
      json: { decision: 'reopen', reasons: [] },
    });
    expect(reopenNoReason.status).toBe(400);
    const reopen = await c.req('POST', `${path(cid)}/submissions/2/review`, {
      as: OFFICE_ADMIN,
      json: { decision: 'reopen', reasons: ['核查发现漏报一人'] },
    });
    expect(reopen.status).toBe(200);
    expect(reopen.body.status).toBe('sealed');
    const s3 = await c.req('POST', `${path(cid)}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger: unitLedger(1, 27, '示范县第一中学') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s3.status).toBe(201);
    expect(s3.body.version).toBe(3);

    // The stored version: the ledger as sent, its digest, and its own history.
    const v1 = await c.req('GET', `${path(cid)}/submissions/1`, { as: 'edu-supervisor' });
    expect(v1.status).toBe(200);
    expect(v1.body.ledger).toEqual(ledger);
    expect(v1.body).toMatchObject({ version: 1, digest: s1.body.digest, superseded: true, receiptNo: s1.body.receiptNo });
    expect(v1.body.history.map((e: { action: string }) => e.action)).toEqual(['submission.create', 'signoff', 'seal', 'review.return']);

    // Audit: exactly one entry per state change, in order, with who/role/version/digest (reads of
    // personal data are access entries, listed apart).
    const audit = await c.req('GET', `/campaigns/${cid}/audit?category=change`, { as: OFFICE_ADMIN });
    expect(audit.status).toBe(200);
    const unitEntries = audit.body.entries.filter((e: { unitId: string | null }) => e.unitId === U);
    expect(unitEntries.map((e: { action: string; version: number }) => `${e.action}@${e.version}`)).toEqual([
      'submission.create@1',
      'signoff@1',
      'seal@1',
      'review.return@1',
      'submission.create@2',
      'seal@2',
      'signoff@2',
      'review.accept@2',
      'review.reopen@2',
      'submission.create@3',
    ]);
    expect(unitEntries[1]).toMatchObject({ userId: `${U}-head`, role: 'head', digest: s1.body.digest });
    expect(unitEntries[3]).toMatchObject({ userId: OFFICE_ADMIN, role: 'office' });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'campaign.put')).toHaveLength(1);
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'units.put')).toHaveLength(1);
    // Refused actions left no entry; no route edits or deletes entries.
    expect((await c.req('DELETE', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN })).status).toBe(405);
    expect((await c.req('PUT', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN, json: {} })).status).toBe(405);
  });

  it('a retried submission with the same Idempotency-Key returns the same receipt and stores nothing new', async () => {
    const cid = await newCampaign(c);
    const ledger = unitLedger(2, 10, '示范县第一中学');
    const k = key();
    const send = () =>
      c.req('POST', `${path(cid)}/submissions`, { as: `${U}-liaison`, json: { ledger }, headers: { 'Idempotency-Key': k } });
    const a = await send();
    const b = await send();
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    // Concurrent retries too.
    const more = await Promise.all([send(), send(), send()]);
    for (const m of more) expect(m.body).toEqual(a.body);
    expect((await c.req('GET', path(cid), { as: `${U}-liaison` })).body.latest.version).toBe(1);
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'submission.create')).toHaveLength(1);
    // The same key for a different ledger is a client bug, not a retry.
    const other = await c.req('POST', `${path(cid)}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger: unitLedger(2, 11, 'x') },
      headers: { 'Idempotency-Key': k },
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('concurrent submissions for one unit get distinct versions and none is lost', async () => {
    const cid = await newCampaign(c);
    const n = 8;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        c.req('POST', `${path(cid)}/submissions`, {
          as: `${U}-liaison`,
          json: { ledger: unitLedger(3, 5 + i, '示范县第一中学') },
          headers: { 'Idempotency-Key': key() },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(201));
    const versions = results.map((r) => r.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    for (const r of results) {
      const v = await c.req('GET', `${path(cid)}/submissions/${r.body.version}`, { as: `${U}-liaison` });
      expect(v.body.digest).toBe(r.body.digest);
    }
    expect((await c.req('GET', path(cid), { as: `${U}-liaison` })).body.latest.version).toBe(n);
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'submission.create')).toHaveLength(n);
  });

  it('rejects a ledger with errors (422 with the issues) and stores nothing; warnings and findings pass', async () => {
    const cid = await newCampaign(c);
    const bad = unitLedger(4, 5, '示范县第一中学');
    bad.roster!.rows[2].values.idNumber = '110101199003150000';
    bad.roster!.rows[3].values.gender = '未知';
    const r = await c.req('POST', `${path(cid)}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger: bad },
      headers: { 'Idempotency-Key': key() },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('LEDGER_INVALID');
    const codes = r.body.details.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { code: string }) => i.code);
    expect(codes).toContain('ID_CHECKSUM');
    expect(codes).toContain('ENUM_INVALID');
    expect((await c.req('GET', path(cid), { as: `${U}-liaison` })).body.status).toBe('not_started');
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit.body.entries.filter((e: { unitId: string | null }) => e.unitId === U)).toHaveLength(0);
  });

  it('stores and returns a 2,000-row ledger intact', async () => {
    const cid = await newCampaign(c);
    const ledger = unitLedger(5, 2000, '示范县第一中学');
    const r = await c.req('POST', `${path(cid)}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger },
      headers: { 'Idempotency-Key': key() },
    });
    expect(r.status).toBe(201);
    expect(r.body.summary.rows).toBe(2000);
    const v = await c.req('GET', `${path(cid)}/submissions/1`, { as: `${U}-liaison` });
    expect(v.body.ledger).toEqual(ledger);
    expect(v.body.issues).toEqual(r.body.issues);
    expect(v.body.digest).toBe(await ledgerDigest(v.body.ledger));
  });
});

describe('deadlines and reminders', () => {
  it('tracks each milestone per unit (on time, late, overdue, extension) in GET unit and progress', async () => {
    const cid = await newCampaign(c, '2030-03-01'); // report due 2030-03-08, accept due 2030-03-22
    const at = (d: string) => ({ 'X-Dev-Now': `${d}T02:00:00Z` });
    const submitSignSeal = async (unit: string, day: string) => {
      const s = await c.req('POST', `${path(cid, unit)}/submissions`, {
        as: `${unit}-liaison`,
        json: { ledger: unitLedger(6, 3, unit, day) },
        headers: { 'Idempotency-Key': key(), ...at(day) },
      });
      expect(s.status).toBe(201);
      expect(
        (
          await c.req('POST', `${path(cid, unit)}/submissions/1/signoff`, {
            as: `${unit}-head`,
            json: { digest: s.body.digest },
            headers: at(day),
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await c.req('PUT', `${path(cid, unit)}/submissions/1/seal`, {
            as: `${unit}-head`,
            body: PDF,
            headers: { 'content-type': 'application/pdf', ...at(day) },
          })
        ).status,
      ).toBe(200);
    };
    await submitSignSeal('edu-s1', '2030-03-05');
    await submitSignSeal('edu-s2', '2030-03-10'); // 2 days late
    const ext = await c.req('PUT', `/campaigns/${cid}/units/edu-s3/extension`, {
      as: OFFICE_ADMIN,
      json: { milestoneId: 'report', due: '2030-03-12' },
    });
    expect(ext.status).toBe(200);
    await submitSignSeal('edu-s3', '2030-03-11'); // late without, on time with the extension
    expect(
      (
        await c.req('PUT', `/campaigns/${cid}/units/edu-s3/extension`, {
          as: OFFICE_ADMIN,
          json: { milestoneId: 'nope', due: '2030-03-12' },
        })
      ).body.code,
    ).toBe('UNKNOWN_MILESTONE');

    const p = await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN, headers: at('2030-03-13') });
    expect(p.status).toBe(200);
    expect(p.body.asOf).toBe('2030-03-13');
    const row = (id: string) => p.body.units.find((u: { unitId: string }) => u.unitId === id);
    const report = (id: string) => row(id).milestones.find((m: { id: string }) => m.id === 'report');
    expect(report('edu-s1')).toMatchObject({ state: 'done_on_time', onTime: true, overdueDays: 0 });
    expect(report('edu-s2')).toMatchObject({ state: 'done_late', onTime: false, overdueDays: 2 });
    expect(report('edu-s3')).toMatchObject({ state: 'done_on_time', due: '2030-03-12', extended: true });
    expect(report('health')).toMatchObject({ state: 'overdue', onTime: false, overdueDays: 5, doneAt: null });
    expect(row('health')).toMatchObject({ status: 'not_started', onTime: false, overdueDays: 5, rows: null });
    expect(row('edu-s1')).toMatchObject({ status: 'sealed', reported: true, version: 1, onTime: true, rows: 3, errors: 0 });
    expect(row('edu-s1').signedAt).toBe('2030-03-05T02:00:00.000Z');
    expect(p.body.units).toHaveLength(12);

    // A supervisor sees its subtree only.
    const sup = await c.req('GET', `/campaigns/${cid}/progress`, { as: 'health-supervisor' });
    expect(sup.body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(['health', 'health-h1', 'health-h2', 'health-h3']);
  });

  it('the reminders timer writes overdue / due-soon records once per unit, milestone and day', async () => {
    const cid = await newCampaign(c, '2031-05-01'); // report due 2031-05-08
    const run = (day: string) =>
      fetch(`${host.url}/admin/functions/reminders`, {
        method: 'POST',
        headers: { 'X-Dev-Now': `${day}T00:00:00Z` },
        body: JSON.stringify({ input: '' }),
      });
    // Unit edu-s1 reports on time; nobody else does.
    const s = await c.req('POST', `${path(cid, 'edu-s1')}/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger: unitLedger(7, 2, 'x', '2031-05-02') },
      headers: { 'Idempotency-Key': key(), 'X-Dev-Now': '2031-05-02T00:00:00Z' },
    });
    await c.req('POST', `${path(cid, 'edu-s1')}/submissions/1/signoff`, { as: 'edu-s1-head', json: { digest: s.body.digest } });
    await c.req('PUT', `${path(cid, 'edu-s1')}/submissions/1/seal`, {
      as: 'edu-s1-head',
      body: PDF,
      headers: { 'content-type': 'application/pdf', 'X-Dev-Now': '2031-05-02T00:00:00Z' },
    });

    expect((await run('2031-05-01')).status).toBe(202); // 7 days ahead: nothing
    expect((await c.req('GET', `/campaigns/${cid}/reminders`, { as: OFFICE_ADMIN })).body.reminders).toHaveLength(0);
    expect((await run('2031-05-06')).status).toBe(202); // 2 days ahead: due soon
    expect((await run('2031-05-06')).status).toBe(202); // re-run the same day: nothing new
    let list = (await c.req('GET', `/campaigns/${cid}/reminders`, { as: OFFICE_ADMIN })).body.reminders;
    expect(list).toHaveLength(11);
    expect(
      list.every((r: { kind: string; day: string; days: number }) => r.kind === 'due_soon' && r.day === '2031-05-06' && r.days === 2),
    ).toBe(true);
    expect(list.some((r: { unitId: string }) => r.unitId === 'edu-s1')).toBe(false);
    const one = list.find((r: { unitId: string }) => r.unitId === 'agri-a2');
    expect(one.recipients.map((x: { role: string }) => x.role).sort()).toEqual(['head', 'liaison']);

    await run('2031-05-10'); // 2 days overdue
    await run('2031-05-10');
    list = (await c.req('GET', `/campaigns/${cid}/reminders`, { as: OFFICE_ADMIN })).body.reminders;
    const overdue = list.filter((r: { kind: string }) => r.kind === 'overdue');
    expect(overdue).toHaveLength(11);
    expect(overdue[0].days).toBe(2);
    expect(list).toHaveLength(22);
    // Supervisor: its subtree only.
    const sup = await c.req('GET', `/campaigns/${cid}/reminders`, { as: 'agri-supervisor' });
    expect(new Set(sup.body.reminders.map((r: { unitId: string }) => r.unitId))).toEqual(
      new Set(['agri', 'agri-a1', 'agri-a2', 'agri-a3']),
    );
  });
});
