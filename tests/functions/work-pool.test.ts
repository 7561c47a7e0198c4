// Heavy work off the event loop: a raw workbook is read and checked on a worker thread, so /health and
// other requests are answered meanwhile; past the instance's capacity (threads + queue) a submission
// gets 503 BUSY with Retry-After at once and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_CONTENT_TYPE } from '../../shared/api/contract';
import { Client, key, newCampaign, startTestHost } from './helpers';
import { heavyWorkbook } from './heavyWorkbook';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
let valid: Uint8Array;
let invalid: Uint8Array;
beforeAll(async () => {
  // Built first: generating blocks this process, and idle keep-alive sockets to the host would go stale.
  valid = heavyWorkbook(1500);
  // Every row has an error (an ID number that cannot be one): 422, so nothing after the check yields.
  invalid = heavyWorkbook(20000, (_i, v) => ({ ...v, idNumber: '12345' }));
  // A generous storage bound: this test loads a 2-core machine, and storage faults are not its subject.
  host = await startTestHost({ WORK_THREADS: '1', WORK_QUEUE: '1', STORAGE_TIMEOUT_MS: '30000' });
  c = new Client(host.api);
  cid = await newCampaign(c);
}, 120_000);
afterAll(async () => host?.close());

const post = (unit: string, bytes: Uint8Array) =>
  c.req('POST', `/campaigns/${cid}/units/${unit}/submissions`, {
    as: `${unit}-liaison`,
    body: bytes,
    headers: { 'content-type': XLSX_CONTENT_TYPE, 'Idempotency-Key': key() },
  });

describe('work pool', () => {
  it('while a heavy workbook is read and checked, /health is answered first', async () => {
    await c.token('edu-s1-liaison');
    const order: string[] = [];
    const heavy = post('edu-s1', invalid).then((r) => {
      order.push('submission');
      return r;
    });
    await new Promise((r) => setTimeout(r, 150));
    const health = fetch(`${host.url}/api/health`).then(async (r) => {
      order.push('health');
      return r.status;
    });
    const [s, h] = await Promise.all([heavy, health]);
    expect(s.status).toBe(422);
    expect(s.body.code).toBe('LEDGER_INVALID');
    expect(h).toBe(200);
    expect(order).toEqual(['health', 'submission']);
  }, 60_000);

  it('beyond capacity: 503 BUSY with Retry-After, nothing stored for those; the others are stored', async () => {
    await c.token('edu-s2-liaison');
    const rs = await Promise.all(Array.from({ length: 5 }, () => post('edu-s2', valid)));
    const statuses = rs.map((r) => r.status).sort();
    const busy = rs.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const b of busy) {
      expect(b.body.code, JSON.stringify(b.body)).toBe('BUSY');
      expect(b.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(Number(b.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    const created = rs.filter((r) => r.status === 201).length;
    expect(created).toBeGreaterThan(0);
    const u = await c.req('GET', `/campaigns/${cid}/units/edu-s2`, { as: 'edu-s2-liaison' });
    expect(u.body.latest.version).toBe(created);
  }, 120_000);
});
