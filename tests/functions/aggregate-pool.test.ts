// The aggregated workbook is built on the work pool's thread (issue 9.4): over HTTP it downloads the very
// workbook the event loop would have built from the same storage (every part identical but the creation
// time), and with the pool full it answers 503 BUSY with Retry-After and records no access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { XLSX_CONTENT_TYPE } from '../../shared/api/contract';
import { todayInChina } from '../../shared/dates';
import { XlsxStreamWriter } from '../../shared/node/xlsxWriter';
import { getServices } from '../../functions/src/services';
import { aggregateInput } from '../../functions/src/app/workbooks';
import { writeAggregate } from '../../functions/src/documents/aggregate/write';
import { Client, key, newCampaign, startTestHost } from './helpers';
import { heavyWorkbook } from './heavyWorkbook';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
let heavy: Uint8Array;
// Noon in China today: the download and the in-process build see the same day.
const NOW = new Date(`${todayInChina()}T04:00:00.000Z`);

beforeAll(async () => {
  // Every row has an error: read and checked on the worker for a few seconds, then 422 (nothing stored).
  heavy = heavyWorkbook(20000, (_i, v) => ({ ...v, idNumber: '12345' }));
  host = await startTestHost({ WORK_THREADS: '1', WORK_QUEUE: '1', STORAGE_TIMEOUT_MS: '30000' });
  c = new Client(host.api);
  cid = await newCampaign(c);
  const s1 = unitLedger(1, 30, '示范县第一中学');
  const h1 = unitLedger(3, 12, '示范县人民医院');
  h1.roster!.rows[0].values = { ...s1.roster!.rows[0].values, seq: 1 }; // a cross-unit duplicate
  for (const [unitId, ledger] of [
    ['edu-s1', s1],
    ['edu-s2', unitLedger(2, 25, '示范县实验小学')],
    ['health-h1', h1],
  ] as const) {
    const r = await c.req('POST', `/campaigns/${cid}/units/${unitId}/submissions`, {
      as: `${unitId}-liaison`,
      json: { ledger },
      headers: { 'Idempotency-Key': key() },
    });
    expect(r.status, r.text).toBe(201);
  }
}, 120_000);
afterAll(async () => host?.close());

async function download(as: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers; body: string }> {
  const r = await fetch(`${host.api}/campaigns/${cid}/aggregate.xlsx`, {
    headers: { authorization: `Bearer ${await c.token(as)}`, 'X-Dev-Now': NOW.toISOString() },
  });
  const bytes = new Uint8Array(await r.arrayBuffer());
  return { status: r.status, bytes, headers: r.headers, body: r.status === 200 ? '' : new TextDecoder().decode(bytes) };
}

/** The same workbook built on this thread, as the route did before the pool. */
async function onEventLoop(userId: string): Promise<Uint8Array> {
  const { input } = await aggregateInput({ s: getServices(), userId, now: NOW }, cid);
  const parts: Uint8Array[] = [];
  const w = new XlsxStreamWriter((p) => parts.push(p));
  await writeAggregate(input, w);
  w.finish();
  return new Uint8Array(Buffer.concat(parts));
}

/** The package's parts, but docProps/core.xml (it carries the creation time). */
function parts(xlsx: Uint8Array): Record<string, string> {
  const files = unzipSync(xlsx);
  delete files['docProps/core.xml'];
  return Object.fromEntries(Object.entries(files).map(([name, b]) => [name, Buffer.from(b).toString('base64')]));
}

const aggregateReads = async () => {
  const r = await c.req('GET', `/campaigns/${cid}/audit?category=access`, { as: OFFICE_ADMIN });
  expect(r.status).toBe(200);
  return (r.body.entries as { action: string }[]).filter((e) => e.action === 'aggregate.download').length;
};

describe('aggregate on the work pool', () => {
  it('downloads the same workbook the event loop builds, for the office and for a supervisor', async () => {
    for (const who of [OFFICE_ADMIN, 'edu-supervisor']) {
      const got = await download(who);
      expect(got.status, got.body).toBe(200);
      expect(got.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
      expect(Number(got.headers.get('content-length'))).toBe(got.bytes.length);
      const want = parts(await onEventLoop(who));
      expect(Object.keys(want).length).toBeGreaterThan(8);
      expect(parts(got.bytes)).toEqual(want);
    }
  }, 60_000);

  it('with the pool full: 503 BUSY with Retry-After, and no access recorded for the refused downloads', async () => {
    const before = await aggregateReads();
    await c.token('edu-s2-liaison');
    // The one thread reads and checks a heavy workbook; then four downloads compete for the one queue slot.
    const submission = c.req('POST', `/campaigns/${cid}/units/edu-s2/submissions`, {
      as: 'edu-s2-liaison',
      body: heavy,
      headers: { 'content-type': XLSX_CONTENT_TYPE, 'Idempotency-Key': key() },
    });
    await new Promise((r) => setTimeout(r, 300));
    const rs = await Promise.all(Array.from({ length: 4 }, () => download(OFFICE_ADMIN)));
    expect((await submission).status).toBe(422);
    const refused = rs.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const body = JSON.parse(r.body) as { code: string; message: string };
      expect(body.code).toBe('BUSY');
      expect(body.message).toContain('汇总工作簿未生成');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(rs.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    const served = rs.filter((r) => r.status === 200);
    for (const r of served) expect(unzipSync(r.bytes)['xl/workbook.xml']).toBeDefined();
    expect((await aggregateReads()) - before).toBe(served.length);
  }, 120_000);
});
