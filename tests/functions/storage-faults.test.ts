// Storage that stops answering, resets connections or loses responses, through a loopback proxy in
// front of Azurite: every storage call is bounded (503 STORAGE_UNAVAILABLE, never a hang or a 500), a
// submission past its deadline never commits, a retried sign-off or return answers as the first did,
// and a member list is replaced all-or-nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { demoMembers, demoUnits, OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, PDF, startTestHost } from './helpers';
import { portsOf, startStorageProxy, type StorageProxy } from './storageProxy';

let proxy: StorageProxy;
let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
beforeAll(async () => {
  proxy = await startStorageProxy(portsOf(inject('azuriteConnectionString')));
  host = await startTestHost({
    STORAGE_CONNECTION_STRING: proxy.connectionString,
    STORAGE_TIMEOUT_MS: '2000',
    SUBMISSION_DEADLINE_MS: '1000',
  });
  c = new Client(host.api);
});
afterEach(() => {
  proxy.rule = () => 'pass';
});
afterAll(async () => {
  await host?.close();
  await proxy?.close();
});

const isBatch = (r: { method: string; path: string }) => r.method === 'POST' && r.path.includes('$batch');
/** A request that must be answered; 20 s is far beyond every storage bound, so a hang fails the test. */
const bounded = () => ({ signal: AbortSignal.timeout(20_000) });

async function submitted(cid: string, unit = 'edu-s1', rows = 5) {
  const s = await c.req('POST', `/campaigns/${cid}/units/${unit}/submissions`, {
    as: `${unit}-liaison`,
    json: { ledger: unitLedger(1, rows, 'x') },
    headers: { 'Idempotency-Key': key() },
  });
  expect(s.status).toBe(201);
  return s.body as { digest: string; version: number };
}

describe('storage that stops answering', () => {
  it('a storage account that accepts connections but never answers: 503 STORAGE_UNAVAILABLE, not a hang', async () => {
    const cid = await newCampaign(c);
    await c.token('edu-s1-liaison');
    proxy.rule = () => 'hang';
    const r = await fetch(`${host.api}/campaigns/${cid}/units/edu-s1`, {
      headers: { authorization: `Bearer ${await c.token('edu-s1-liaison')}` },
      ...bounded(),
    });
    expect(r.status).toBe(503);
    const body = (await r.json()) as { code: string };
    expect(body.code).toBe('STORAGE_UNAVAILABLE');
    expect(r.headers.get('retry-after')).toBeTruthy();
  });

  it('connections reset mid-request (ECONNRESET / EPIPE on a large write): 503 STORAGE_UNAVAILABLE, not 500; nothing stored', async () => {
    const cid = await newCampaign(c);
    await c.token('edu-s1-liaison');
    proxy.rule = (r) => (isBatch(r) ? 'reset' : 'pass');
    const s = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger: unitLedger(1, 2000, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s.status).toBe(503);
    expect(s.body.code).toBe('STORAGE_UNAVAILABLE');
    proxy.rule = () => 'reset';
    const u = await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'edu-s1-liaison' });
    expect(u.status).toBe(503);
    expect(u.body.code).toBe('STORAGE_UNAVAILABLE');
    proxy.rule = () => 'pass';
    const after = await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'edu-s1-liaison' });
    expect(after.body.latest).toBeNull();
  });

  it('a submission that outlives its deadline (the caller gave up) never commits: no version whose receipt nobody holds', async () => {
    const cid = await newCampaign(c);
    await c.token('edu-s1-liaison');
    // Every storage call answers within its own bound (2 s), but together they outlast the
    // submission's deadline (1 s): the caller has given up by the time the commit could be written.
    proxy.rule = () => ({ delayMs: 500 });
    const s = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger: unitLedger(1, 5, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s.status).toBe(503);
    expect(s.body.code).toBe('STORAGE_UNAVAILABLE');
    proxy.rule = () => 'pass';
    await new Promise((r) => setTimeout(r, 3000)); // anything still in flight has landed by now
    const after = await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'edu-s1-liaison' });
    expect(after.body.latest).toBeNull();
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'submission.create')).toEqual([]);
  });
});

describe('lost responses', () => {
  it('a sign-off whose storage response was lost, retried, answers 200 with the first result', async () => {
    const cid = await newCampaign(c);
    const { digest } = await submitted(cid);
    await c.token('edu-s1-head');
    let batches = 0;
    proxy.rule = (r) => (isBatch(r) && ++batches === 1 ? 'lose-response' : 'pass');
    const first = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff`, { as: 'edu-s1-head', json: { digest } });
    expect([200, 503]).toContain(first.status);
    proxy.rule = () => 'pass';
    const retry = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff`, { as: 'edu-s1-head', json: { digest } });
    expect(retry.status).toBe(200);
    if (first.status === 200) expect(retry.body).toEqual(first.body);
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'signoff')).toHaveLength(1);
  });

  it('a return whose response was lost, retried with the same reasons, answers 200 with the first review', async () => {
    const cid = await newCampaign(c);
    const { digest } = await submitted(cid);
    expect(
      (await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff`, { as: 'edu-s1-head', json: { digest } })).status,
    ).toBe(200);
    expect(
      (
        await c.req('PUT', `/campaigns/${cid}/units/edu-s1/submissions/1/seal`, {
          as: 'edu-s1-head',
          body: PDF,
          headers: { 'content-type': 'application/pdf' },
        })
      ).status,
    ).toBe(200);
    await c.token(OFFICE_ADMIN);
    const body = { decision: 'return', reasons: ['第 5 行身份证号码有误'] };
    let batches = 0;
    proxy.rule = (r) => (isBatch(r) && ++batches === 1 ? 'lose-response' : 'pass');
    const first = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/review`, { as: OFFICE_ADMIN, json: body });
    expect([200, 503]).toContain(first.status);
    proxy.rule = () => 'pass';
    const retry = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/review`, { as: OFFICE_ADMIN, json: body });
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('returned');
    if (first.status === 200) expect(retry.body).toEqual(first.body);
    // A return with other reasons is a different request: still refused.
    const other = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/review`, {
      as: OFFICE_ADMIN,
      json: { decision: 'return', reasons: ['别的原因'] },
    });
    expect(other.status).toBe(409);
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'review.return')).toHaveLength(1);
  });
});

describe('member lists', () => {
  it('PUT units failing midway changes nothing and records nothing; the retry applies all of it, audited once', async () => {
    const cid = await newCampaign(c);
    await c.token(OFFICE_ADMIN);
    // Drop edu-s2's liaison, add 250 members: several transactions' worth.
    const extra = Array.from({ length: 250 }, (_, i) => ({
      userId: `extra-${i}`,
      name: `新成员${i}`,
      role: 'leader' as const,
      unitId: 'agri',
    }));
    const members = [...demoMembers().filter((m) => m.userId !== 'edu-s2-liaison'), ...extra];
    let batches = 0;
    proxy.rule = (r) => (isBatch(r) && ++batches >= 2 ? 'reset' : 'pass');
    const failed = await c.req('PUT', `/campaigns/${cid}/units`, { as: OFFICE_ADMIN, json: { units: demoUnits(), members } });
    expect(failed.status).toBe(503);
    proxy.rule = () => 'pass';
    // Another directory change afterwards makes every instance re-read the member list from storage.
    expect(
      (
        await c.req('PUT', `/campaigns/${cid}/units/agri/extension`, {
          as: OFFICE_ADMIN,
          json: { milestoneId: 'report', due: '2030-01-01' },
        })
      ).status,
    ).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/me`, { as: 'edu-s2-liaison' })).status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/me`, { as: 'extra-0' })).status).not.toBe(200);
    const audit1 = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit1.body.entries.filter((e: { action: string }) => e.action === 'units.put')).toHaveLength(1); // newCampaign's

    const ok = await c.req('PUT', `/campaigns/${cid}/units`, { as: OFFICE_ADMIN, json: { units: demoUnits(), members } });
    expect(ok.status).toBe(200);
    expect((await c.req('GET', `/campaigns/${cid}/me`, { as: 'edu-s2-liaison' })).status).toBe(403);
    expect((await c.req('GET', `/campaigns/${cid}/me`, { as: 'extra-249' })).status).toBe(200);
    const audit2 = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(audit2.body.entries.filter((e: { action: string }) => e.action === 'units.put')).toHaveLength(2);
  });
});
