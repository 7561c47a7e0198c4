// Who took personal data: every read that returns persons' personal data appends an access entry
// (route, user, time, scope, names) listed by GET …/audit?category=access; reads without personal data
// leave none. The unit's 分管负责人 (leader) may read the unit's ledger, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
  for (const rows of [3, 4]) {
    const s = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger: unitLedger(1, rows, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s.status).toBe(201);
  }
});
afterAll(async () => host?.close());

interface Entry {
  action: string;
  userId: string;
  role: string;
  unitId: string | null;
  version: number | null;
  at: string;
  details: Record<string, unknown>;
}
const accessLog = async (): Promise<Entry[]> => {
  const r = await c.req('GET', `/campaigns/${cid}/audit?category=access`, { as: OFFICE_ADMIN });
  expect(r.status).toBe(200);
  return r.body.entries;
};

describe('access audit', () => {
  it('ledger, diff, aggregate and notice reads are each recorded with user, time, scope and names; nothing else is listed', async () => {
    const before = Date.now();
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s1/submissions/2`, { as: OFFICE_ADMIN })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s1/submissions/2/diff`, { as: 'edu-s1-head' })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/aggregate.xlsx`, { as: OFFICE_ADMIN })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/aggregate.xlsx`, { as: 'edu-supervisor' })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/notice.xlsx`, { as: OFFICE_ADMIN })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/notice.xlsx?names=full`, { as: OFFICE_ADMIN })).status).toBe(200);
    // No personal data: no access entry.
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: OFFICE_ADMIN })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN })).status).toBe(200);

    const log = await accessLog();
    expect(log.map((e) => e.action)).toEqual([
      'ledger.read',
      'diff.read',
      'aggregate.download',
      'aggregate.download',
      'notice.download',
      'notice.download',
    ]);
    for (const e of log) {
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(e.details.category).toBe('access');
    }
    expect(log[0]).toMatchObject({
      userId: OFFICE_ADMIN,
      role: 'office',
      unitId: 'edu-s1',
      version: 2,
      details: { scope: 'unit', names: 'full' },
    });
    expect(log[1]).toMatchObject({
      userId: 'edu-s1-head',
      role: 'head',
      unitId: 'edu-s1',
      version: 2,
      details: { scope: 'unit', names: 'full' },
    });
    expect(log[2]).toMatchObject({ userId: OFFICE_ADMIN, unitId: null, details: { scope: 'campaign', names: 'full' } });
    expect(log[3]).toMatchObject({
      userId: 'edu-supervisor',
      role: 'supervisor',
      unitId: 'edu',
      details: { scope: 'subtree', names: 'full' },
    });
    expect(log[4].details).toMatchObject({ scope: 'campaign', names: 'masked' });
    expect(log[5].details).toMatchObject({ scope: 'campaign', names: 'full' });
    // The change trail is still there unfiltered, with the access entries beside it.
    const all = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(all.body.entries.filter((e: Entry) => e.action === 'submission.create')).toHaveLength(2);
  });

  it('the unit leader (分管负责人) may read the unit ledger, and the read is recorded; refused reads are not', async () => {
    const r = await c.req('GET', `/campaigns/${cid}/units/edu-s1/submissions/1`, { as: 'edu-s1-leader' });
    expect(r.status).toBe(200);
    expect(r.body.ledger.roster.rows).toHaveLength(3);
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s1/submissions/1`, { as: 'edu-s2-leader' })).status).toBe(403);
    const log = await accessLog();
    const reads = log.filter((e) => e.action === 'ledger.read' && e.version === 1);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ userId: 'edu-s1-leader', role: 'leader', unitId: 'edu-s1' });
  });

  it("a stored version's history lists its changes, not who read it", async () => {
    const r = await c.req('GET', `/campaigns/${cid}/units/edu-s1/submissions/2`, { as: 'edu-s1-liaison' });
    expect(r.body.history.map((e: Entry) => e.action)).toEqual(['submission.create']);
  });
});
