// Hostile workbooks on the raw-xlsx submission route (spec api.md "Limits on hostile input"): refused with
// 413 WORKBOOK_TOO_LARGE (entities: 400 WORKBOOK_UNREADABLE / CORRUPT_WORKBOOK) in bounded time; five at
// once leave /health answering and store nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_CONTENT_TYPE } from '../../shared/api/contract';
import { bombSet } from '../xlsx/bombs';
import { Client, key, newCampaign, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
const U = 'agri-a1';
const sub = () => `/campaigns/${cid}/units/${U}/submissions`;
const bombs = bombSet();

beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
});
afterAll(async () => host?.close());

const send = (bytes: Uint8Array) =>
  c.req('POST', sub(), { as: `${U}-liaison`, body: bytes, headers: { 'content-type': XLSX_CONTENT_TYPE, 'Idempotency-Key': key() } });

describe('hostile workbooks on POST …/submissions', () => {
  for (const b of bombs) {
    it(`${b.name} → ${b.code === 'WORKBOOK_TOO_LARGE' ? '413 WORKBOOK_TOO_LARGE' : '400 WORKBOOK_UNREADABLE'}`, async () => {
      expect(b.bytes.length).toBeLessThan(10 * 1024 * 1024);
      const r = await send(b.bytes);
      if (b.code === 'WORKBOOK_TOO_LARGE') {
        expect(r.status).toBe(413);
        expect(r.body.code).toBe('WORKBOOK_TOO_LARGE');
        expect(r.body.message).toMatch(/工作簿超出可处理的范围/);
      } else {
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ code: 'WORKBOOK_UNREADABLE', details: { reason: 'CORRUPT_WORKBOOK' } });
      }
    });
  }

  it('five bombs at once: /health keeps answering, nothing is stored', async () => {
    await c.req('GET', '/health'); // warm
    const five = bombs.slice(0, 5);
    let healthy = 0;
    let done = false;
    const probe = (async () => {
      while (!done) {
        const h = await fetch(`${host.api}/health`, { signal: AbortSignal.timeout(5_000) });
        if (h.status === 200) healthy++;
        await h.arrayBuffer();
      }
    })();
    const results = await Promise.all(five.map((b) => send(b.bytes)));
    done = true;
    await probe;
    expect(results.map((r) => r.status)).toEqual(five.map((b) => (b.code === 'WORKBOOK_TOO_LARGE' ? 413 : 400)));
    expect(healthy).toBeGreaterThan(0);
    expect((await fetch(`${host.api}/health`)).status).toBe(200);
    const unit = await c.req('GET', `/campaigns/${cid}/units/${U}`, { as: `${U}-liaison` });
    expect(unit.status).toBe(200);
    expect(unit.body.latest).toBeNull();
    expect(unit.body.status).toBe('not_started');
  });
});
