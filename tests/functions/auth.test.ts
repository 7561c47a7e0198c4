// Identity and roles: every 401 (missing, expired, bad signature, wrong audience) and 403 (wrong
// role or wrong unit, supervisor outside its subtree) case, over HTTP.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET, demoMembers, demoUnits, OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { CampaignRepository } from '../../functions/src/storage/campaigns';
import { createStorage } from '../../functions/src/storage/tables';
import { Client, key, newCampaign, PDF, startTestHost, testEnv } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
let digestA: string;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
  const s = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
    as: 'edu-s1-liaison',
    json: { ledger: unitLedger(1, 3, 'A') },
    headers: { 'Idempotency-Key': key() },
  });
  expect(s.status).toBe(201);
  digestA = s.body.digest;
  const s2 = await c.req('POST', `/campaigns/${cid}/units/health-h1/submissions`, {
    as: 'health-h1-liaison',
    json: { ledger: unitLedger(2, 3, 'B') },
    headers: { 'Idempotency-Key': key() },
  });
  expect(s2.status).toBe(201);
});
afterAll(async () => host?.close());

const sign = (claims: { sub?: string; aud?: string; iss?: string; exp?: number | string; secret?: string }) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? 'edu-s1-liaison')
    .setIssuer(claims.iss ?? 'taizhang-dev')
    .setAudience(claims.aud ?? 'api://taizhang-dev')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '1h')
    .sign(new TextEncoder().encode(claims.secret ?? DEMO_SECRET));

async function withToken(token: string | null, path = `/campaigns/${cid}/units/edu-s1`) {
  const headers: Record<string, string> = token === null ? {} : { authorization: token };
  const r = await fetch(`${host.api}${path}`, { headers });
  return { status: r.status, body: (await r.json()) as { code: string; message: string } };
}

describe('401', () => {
  it('answers 401 UNAUTHENTICATED for a missing, malformed, expired, badly signed or wrong-audience token', async () => {
    const cases: [string, string | null][] = [
      ['missing', null],
      ['not bearer', 'Basic abc'],
      ['garbage', 'Bearer not.a.jwt'],
      ['expired', `Bearer ${await sign({ exp: Math.floor(Date.now() / 1000) - 60 })}`],
      ['bad signature', `Bearer ${await sign({ secret: 'another-secret-another-secret-another-secret' })}`],
      ['wrong audience', `Bearer ${await sign({ aud: 'api://someone-else' })}`],
      ['wrong issuer', `Bearer ${await sign({ iss: 'evil' })}`],
    ];
    for (const [name, token] of cases) {
      const r = await withToken(token);
      expect(r.status, name).toBe(401);
      expect(r.body.code, name).toBe('UNAUTHENTICATED');
      expect(r.body.message, name).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A valid token passes the same route.
    expect((await withToken(`Bearer ${await sign({})}`)).status).toBe(200);
  });

  it('needs a token on every non-public route', async () => {
    const routes: [string, string][] = [
      ['PUT', `/campaigns/${cid}`],
      ['PUT', `/campaigns/${cid}/units`],
      ['POST', `/campaigns/${cid}/units/edu-s1/submissions`],
      ['POST', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff`],
      ['PUT', `/campaigns/${cid}/units/edu-s1/submissions/1/seal`],
      ['POST', `/campaigns/${cid}/units/edu-s1/submissions/1/review`],
      ['GET', `/campaigns/${cid}/progress`],
      ['GET', `/campaigns/${cid}/audit`],
      ['GET', `/campaigns/${cid}/reminders`],
    ];
    for (const [method, path] of routes) {
      const r = await fetch(`${host.api}${path}`, { method, body: method === 'GET' ? undefined : '{}' });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('403', () => {
  it('refuses a liaison of A acting on B, a head of A signing B, and a head submitting', async () => {
    const sub = await c.req('POST', `/campaigns/${cid}/units/health-h1/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger: unitLedger(1, 3, 'A') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(sub.status).toBe(403);
    expect(sub.body.code).toBe('FORBIDDEN');
    expect((await c.req('GET', `/campaigns/${cid}/units/health-h1`, { as: 'edu-s1-liaison' })).status).toBe(403);
    expect((await c.req('GET', `/campaigns/${cid}/units/health-h1/submissions/1`, { as: 'edu-s1-liaison' })).status).toBe(403);
    expect((await c.req('GET', `/campaigns/${cid}/units/health-h1/submissions/1/signoff-sheet`, { as: 'edu-s1-head' })).status).toBe(403);
    const h = await c.req('POST', `/campaigns/${cid}/units/health-h1/submissions/1/signoff`, {
      as: 'edu-s1-head',
      json: { digest: digestA },
    });
    expect(h.status).toBe(403);
    // Roles within the unit: a liaison cannot sign, a head cannot submit, a leader cannot seal.
    expect(
      (await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff`, { as: 'edu-s1-liaison', json: { digest: digestA } }))
        .status,
    ).toBe(403);
    expect(
      (
        await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
          as: 'edu-s1-head',
          json: { ledger: unitLedger(1, 3, 'A') },
          headers: { 'Idempotency-Key': key() },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await c.req('PUT', `/campaigns/${cid}/units/edu-s1/submissions/1/seal`, {
          as: 'edu-s1-leader',
          body: PDF,
          headers: { 'content-type': 'application/pdf' },
        })
      ).status,
    ).toBe(403);
    // Someone not in the campaign at all.
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'stranger' })).status).toBe(403);
  });

  it('lets a supervisor read its subtree only, and never act as office', async () => {
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'edu-supervisor' })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/units/edu`, { as: 'edu-supervisor' })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/units/health-h1`, { as: 'edu-supervisor' })).status).toBe(403);
    expect((await c.req('GET', `/campaigns/${cid}/units/health-h1/submissions/1`, { as: 'edu-supervisor' })).status).toBe(403);
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: 'edu-supervisor' });
    expect(audit.status).toBe(200);
    expect(audit.body.entries.length).toBeGreaterThan(0);
    expect(audit.body.entries.every((e: { unitId: string }) => e.unitId?.startsWith('edu'))).toBe(true);
    // Since v2 a supervisor reviews (endorse / return) its units first, but never accepts as the office does.
    expect(
      (
        await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/review`, {
          as: 'edu-supervisor',
          json: { decision: 'accept', reasons: [] },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await c.req('POST', `/campaigns/${cid}/units/health-h1/submissions/1/review`, {
          as: 'edu-supervisor',
          json: { decision: 'return', reasons: ['x'] },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await c.req('PUT', `/campaigns/${cid}/units/edu-s1/extension`, {
          as: 'edu-supervisor',
          json: { milestoneId: 'report', due: '2040-01-01' },
        })
      ).status,
    ).toBe(403);
    // A liaison cannot see progress, audit or reminders.
    for (const p of ['progress', 'audit', 'reminders'])
      expect((await c.req('GET', `/campaigns/${cid}/${p}`, { as: 'edu-s1-liaison' })).status).toBe(403);
  });

  it('takes roles from the member list, never from the body; office staff are office everywhere', async () => {
    // A liaison claiming to be office in the body is still a liaison (and unknown fields are refused).
    const r = await c.req('PUT', `/campaigns/${cid}`, { as: 'edu-s1-liaison', json: { title: 'x', templateVersion: '1', milestones: [] } });
    expect(r.status).toBe(403);
    const r2 = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/review`, {
      as: 'edu-s1-liaison',
      json: { decision: 'accept', role: 'office' },
    });
    expect([400, 403]).toContain(r2.status);
    // office-admin (OFFICE_ADMINS) and office-staff (member with role office) can both read progress.
    expect((await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/progress`, { as: 'office-staff' })).status).toBe(200);
    // Only OFFICE_ADMINS create campaigns.
    expect(
      (await c.req('PUT', `/campaigns/${cid}-new`, { as: 'office-staff', json: { title: 'x', templateVersion: '1', milestones: [] } }))
        .status,
    ).toBe(403);
    expect(
      (await c.req('PUT', `/campaigns/${cid}-new`, { as: OFFICE_ADMIN, json: { title: 'x', templateVersion: '1', milestones: [] } }))
        .status,
    ).toBe(200);
    // A numeric template version is taken as its text.
    const numeric = await c.req('PUT', `/campaigns/${cid}-num`, {
      as: OFFICE_ADMIN,
      json: { title: 'x', templateVersion: 1, milestones: [] },
    });
    expect(numeric.status).toBe(200);
    expect(numeric.body.templateVersion).toBe('1');
    const me = await c.req('GET', `/campaigns/${cid}/me`, { as: 'edu-s1-liaison' });
    expect(me.body).toMatchObject({ userId: 'edu-s1-liaison', office: false, memberships: [{ unitId: 'edu-s1', role: 'liaison' }] });
    // An office member belongs to no unit (the demo's office-staff): office everywhere, no unit to pick.
    const staff = await c.req('GET', `/campaigns/${cid}/me`, { as: 'office-staff' });
    expect(staff.body).toEqual({
      userId: 'office-staff',
      name: '县领导小组办公室',
      office: true,
      memberships: [{ unitId: null, unitName: '领导小组办公室', role: 'office' }],
    });
    expect(
      (
        await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
          as: 'office-staff',
          json: { ledger: unitLedger(1, 1, 'x') },
          headers: { 'Idempotency-Key': key() },
        })
      ).status,
    ).toBe(403);
  });

  it('membership and extension changes take effect at once, also when another instance writes them', async () => {
    const id = await newCampaign(c);
    const unit = `/campaigns/${id}/units/edu-s2`;
    expect((await c.req('GET', unit, { as: 'edu-s2-liaison' })).status).toBe(200); // this instance now holds the directory
    // Removed through this host: refused on the next request.
    const without = demoMembers().filter((m) => m.userId !== 'edu-s2-liaison');
    expect(
      (await c.req('PUT', `/campaigns/${id}/units`, { as: OFFICE_ADMIN, json: { units: demoUnits(), members: without } })).status,
    ).toBe(200);
    expect((await c.req('GET', unit, { as: 'edu-s2-liaison' })).status).toBe(403);
    // Restored, and a deadline extended, by another instance (its own repository and storage clients).
    const other = new CampaignRepository(createStorage(testEnv().STORAGE_CONNECTION_STRING, 'seals'));
    const entry = {
      userId: OFFICE_ADMIN,
      role: 'office' as const,
      action: 'units.put' as const,
      unitId: null,
      version: null,
      digest: null,
      details: {},
    };
    await other.putUnits(id, demoUnits(), demoMembers(), entry, new Date());
    expect((await c.req('GET', unit, { as: 'edu-s2-liaison' })).status).toBe(200);
    await other.putExtension(
      id,
      'edu-s2',
      'report',
      '2040-01-31',
      { ...entry, action: 'extension.put' as const, unitId: 'edu-s2' },
      new Date(),
    );
    const after = await c.req('GET', unit, { as: 'edu-s2-liaison' });
    expect(after.body.milestones.find((m: { id: string }) => m.id === 'report').due).toBe('2040-01-31');
  });

  it('404 for an unknown campaign, unit or version (after authentication)', async () => {
    expect((await c.req('GET', `/campaigns/nope-${cid}/progress`, { as: OFFICE_ADMIN })).body.code).toBe('NOT_FOUND');
    expect((await c.req('GET', `/campaigns/${cid}/units/nope`, { as: OFFICE_ADMIN })).status).toBe(404);
    expect((await c.req('GET', `/campaigns/${cid}/units/edu-s1/submissions/9`, { as: OFFICE_ADMIN })).status).toBe(404);
  });
});
