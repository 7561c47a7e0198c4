// Storage unreachable: /health answers 503 at once, other routes a clear 503 STORAGE_UNAVAILABLE, and
// a write cut off by the outage leaves nothing visible once storage is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../functions/host/azurite';
import { unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, startTestHost } from './helpers';

let az: RunningAzurite;
let dir: string;
let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-down-'));
  az = await startAzurite({ location: dir });
  host = await startTestHost({ STORAGE_CONNECTION_STRING: az.connectionString });
  c = new Client(host.api);
});
afterAll(async () => {
  await host?.close();
  await az?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('storage outage', () => {
  it('503 on health and elsewhere while storage is down; state intact and consistent after it returns', async () => {
    const cid = await newCampaign(c);
    const s = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger: unitLedger(1, 5, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s.status).toBe(201);
    expect((await c.req('GET', '/health')).status).toBe(200);
    await c.token('edu-s1-head');

    await az.stop();
    const h = await c.req('GET', '/health');
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ ok: false, storage: 'unavailable', code: 'STORAGE_UNAVAILABLE' });
    const u = await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'edu-s1-liaison' });
    expect(u.status).toBe(503);
    expect(u.body.code).toBe('STORAGE_UNAVAILABLE');
    expect(u.body.message).toMatch(/存储/);
    const w = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff`, {
      as: 'edu-s1-head',
      json: { digest: s.body.digest },
    });
    expect(w.status).toBe(503);
    const x = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger: unitLedger(1, 6, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(x.status).toBe(503);

    az = await startAzurite({ location: dir, tablePort: az.tablePort, blobPort: az.blobPort });
    expect((await c.req('GET', '/health')).status).toBe(200);
    const after = await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'edu-s1-liaison' });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'submitted', latest: { version: 1, digest: s.body.digest, signOff: null } });
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: 'office-admin' });
    expect(audit.body.entries.filter((e: { unitId: string }) => e.unitId === 'edu-s1').map((e: { action: string }) => e.action)).toEqual([
      'submission.create',
    ]);
  });
});
