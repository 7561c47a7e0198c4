// The paper trail's heavy work off the event loop (issue 9.4), over HTTP on Azurite: while a 300-dpi seal
// scan's QR code is decoded, or an evidence archive is rendered, /health is answered first; past the
// instance's capacity a seal upload gets 503 BUSY with Retry-After and nothing is stored; a second
// archive while one is being built gets 503 BUSY, and the slot is free again once the first is done or
// its download abandoned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, startTestHost } from '../functions/helpers';
import { rasterise } from './scans';

const UNITS = ['edu-s1', 'edu-s2', 'edu-s3', 'health-h1', 'health-h2', 'health-h3', 'agri-a1', 'agri-a2', 'agri-a3'];

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
const scans = new Map<string, { version: number; scan: Uint8Array }>();

beforeAll(async () => {
  // One thread and a queue of one: capacity is two scans at a time. A generous storage bound: this test
  // loads a 2-core machine, and storage faults are not its subject.
  host = await startTestHost({ WORK_THREADS: '1', WORK_QUEUE: '1', STORAGE_TIMEOUT_MS: '30000' });
  c = new Client(host.api);
  cid = await newCampaign(c);
  for (const [i, unit] of UNITS.entries()) {
    const s = await c.req('POST', `/campaigns/${cid}/units/${unit}/submissions`, {
      as: `${unit}-liaison`,
      json: { ledger: unitLedger(i + 1, 150, `单位${unit}`) },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s.status, s.text).toBe(201);
    const signed = await c.req('POST', `/campaigns/${cid}/units/${unit}/submissions/${s.body.version}/signoff`, {
      as: `${unit}-head`,
      json: { digest: s.body.digest },
    });
    expect(signed.status).toBe(200);
    const pdf = await fetch(`${host.api}/campaigns/${cid}/units/${unit}/submissions/${s.body.version}/signoff-sheet?format=pdf`, {
      headers: { authorization: `Bearer ${await c.token(`${unit}-head`)}` },
    });
    scans.set(unit, { version: s.body.version, scan: rasterise(new Uint8Array(await pdf.arrayBuffer()), 300, 'png') });
  }
  await c.token(OFFICE_ADMIN);
}, 300_000);
afterAll(async () => host?.close());

const seal = (unit: string) =>
  c.req('PUT', `/campaigns/${cid}/units/${unit}/submissions/${scans.get(unit)!.version}/seal`, {
    as: `${unit}-liaison`,
    body: scans.get(unit)!.scan,
    headers: { 'content-type': 'image/png' },
  });

const health = () => fetch(`${host.url}/api/health`).then((r) => r.status);

async function openArchive(): Promise<Response> {
  return fetch(`${host.api}/campaigns/${cid}/archive.zip`, { headers: { authorization: `Bearer ${await c.token(OFFICE_ADMIN)}` } });
}

async function drain(res: Response): Promise<number> {
  let n = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
  return n;
}

describe('paper work off the event loop', () => {
  it('while a 300-dpi scan is decoded, /health is answered first', async () => {
    await c.token('edu-s1-liaison');
    const order: string[] = [];
    const upload = seal('edu-s1').then((r) => {
      order.push('seal');
      return r;
    });
    await new Promise((r) => setTimeout(r, 150));
    const h = health().then((s) => {
      order.push('health');
      return s;
    });
    const [s, hs] = await Promise.all([upload, h]);
    expect(s.status, s.text).toBe(200);
    expect(s.body.seal.qr).toBe('matched');
    expect(hs).toBe(200);
    expect(order).toEqual(['health', 'seal']);
  }, 120_000);

  it('past capacity a seal upload gets 503 BUSY with Retry-After, and nothing is stored for it', async () => {
    const units = UNITS.slice(1, 6);
    for (const u of units) await c.token(`${u}-liaison`);
    const rs = await Promise.all(units.map((u) => seal(u)));
    const busy = rs.flatMap((r, i) => (r.status === 503 ? [units[i]] : []));
    expect(busy.length, rs.map((r) => r.status).join(',')).toBeGreaterThan(0);
    expect(rs.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    expect(rs.some((r) => r.status === 200)).toBe(true);
    for (const [i, r] of rs.entries()) {
      if (r.status !== 503) continue;
      expect(r.body.code).toBe('BUSY');
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      const unit = await c.req('GET', `/campaigns/${cid}/units/${units[i]}`, { as: OFFICE_ADMIN });
      expect(unit.body.latest.seal).toBeNull();
    }
  }, 120_000);

  it('while an archive is built, /health is answered at once and a second archive gets 503 BUSY; the slot comes back', async () => {
    const a = await openArchive();
    expect(a.status).toBe(200);
    const order: string[] = [];
    const done = drain(a).then((n) => {
      order.push('archive');
      return n;
    });
    await new Promise((r) => setTimeout(r, 100));
    const hs = await health();
    order.push('health');
    expect(hs).toBe(200);

    const second = await c.req('GET', `/campaigns/${cid}/archive.zip`, { as: OFFICE_ADMIN });
    expect(second.status).toBe(503);
    expect(second.body.code).toBe('BUSY');
    expect(second.body.message).toMatch(/证据包/);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);

    expect(await done).toBeGreaterThan(1000);
    expect(order).toEqual(['health', 'archive']);

    // A download abandoned after its first bytes gives the slot back too.
    const abandoned = await openArchive();
    expect(abandoned.status).toBe(200);
    const reader = abandoned.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect
      .poll(
        async () => {
          const r = await openArchive();
          if (r.status === 200) await drain(r);
          else await r.arrayBuffer();
          return r.status;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(200);
  }, 300_000);
});
