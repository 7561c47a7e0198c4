// Bad input never gets a 500: malformed JSON, wrong types, unknown fields, oversize bodies, wrong media
// types, unreadable workbooks; plus raw .xlsx submission, CORS preflight and the dev-only routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemplateWorkbook } from '../../shared/node/templateWorkbook';
import { XLSX_CONTENT_TYPE } from '../../shared/api/contract';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { fillTemplate } from '../../fixtures/sampleWorkbooks';
import { todayInChina } from '../../shared/dates';
import { ADDIN_ORIGIN, Client, JPEG, key, newCampaign, PDF, PNG, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
const U = 'agri-a1';
const sub = () => `/campaigns/${cid}/units/${U}/submissions`;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
});
afterAll(async () => host?.close());

describe('bad input', () => {
  it('malformed JSON → 400 BAD_JSON; wrong types / unknown fields → 400 VALIDATION_FAILED with z.flattenError', async () => {
    const bad = await c.req('PUT', `/campaigns/${cid}`, {
      as: OFFICE_ADMIN,
      body: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BAD_JSON');
    // Invalid UTF-8 (a lone continuation byte, an encoded surrogate) is BAD_JSON; a leading BOM is dropped.
    const submitBytes = (bytes: Uint8Array) =>
      c.req('POST', sub(), { as: `${U}-liaison`, body: bytes, headers: { 'content-type': 'application/json', 'Idempotency-Key': key() } });
    const okText = JSON.stringify({ ledger: unitLedger(9, 1, '示范县第一中学') });
    for (const junk of [[0x80], [0xed, 0xa0, 0x80]]) {
      const r = await submitBytes(new Uint8Array([...Buffer.from(okText.slice(0, -2)), ...junk, ...Buffer.from(okText.slice(-2))]));
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('BAD_JSON');
    }
    expect((await submitBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(okText)]))).status).toBe(201);
    const types = await c.req('PUT', `/campaigns/${cid}`, { as: OFFICE_ADMIN, json: { title: 5, templateVersion: '1', milestones: 'no' } });
    expect(types.status).toBe(400);
    expect(types.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(types.body.details.fieldErrors).sort()).toEqual(['milestones', 'title']);
    const unknown = await c.req('PUT', `/campaigns/${cid}/units/${U}/extension`, {
      as: OFFICE_ADMIN,
      json: { milestoneId: 'report', due: '2030-01-01', hacker: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.details.formErrors.join('')).toContain('hacker');
    const badDate = await c.req('PUT', `/campaigns/${cid}/units/${U}/extension`, {
      as: OFFICE_ADMIN,
      json: { milestoneId: 'report', due: '2030-02-30' },
    });
    expect(badDate.status).toBe(400);
    const ledgerExtra = await c.req('POST', sub(), {
      as: `${U}-liaison`,
      json: { ledger: { ...unitLedger(1, 1, 'x'), extra: 1 } },
      headers: { 'Idempotency-Key': key() },
    });
    expect(ledgerExtra.status).toBe(400);
    expect(ledgerExtra.body.code).toBe('VALIDATION_FAILED');
    const noKey = await c.req('POST', sub(), { as: `${U}-liaison`, json: { ledger: unitLedger(1, 1, 'x') } });
    expect(noKey.body.code).toBe('MISSING_IDEMPOTENCY_KEY');
    expect(noKey.body).toHaveProperty('details', null); // the error body always has code, message and details
    const badParam = await c.req('GET', `/campaigns/${cid}/units/${U}/submissions/abc`, { as: OFFICE_ADMIN });
    expect(badParam.status).toBe(400);
    const badId = await c.req('PUT', `/campaigns/${encodeURIComponent('a|b')}`, {
      as: OFFICE_ADMIN,
      json: { title: 'x', templateVersion: '1', milestones: [] },
    });
    expect(badId.status).toBe(400);
    const tree = await c.req('PUT', `/campaigns/${cid}/units`, {
      as: OFFICE_ADMIN,
      json: {
        units: [
          { unitId: 'a', name: 'A', parentId: 'b' },
          { unitId: 'b', name: 'B', parentId: 'a' },
        ],
        members: [],
      },
    });
    expect(tree.status).toBe(400);
    expect(tree.body.code).toBe('INVALID_UNIT_TREE');
    // Only office staff may have no unit.
    const unitless = await c.req('PUT', `/campaigns/${cid}/units`, {
      as: OFFICE_ADMIN,
      json: {
        units: [{ unitId: 'a', name: 'A', parentId: null }],
        members: [{ userId: 'x', name: '某人', role: 'liaison', unitId: null }],
      },
    });
    expect(unitless.status).toBe(400);
    expect(unitless.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(unitless.body.details)).toContain('须填写所在单位');
    const reasons = await c.req('POST', `${sub()}/1/review`, { as: OFFICE_ADMIN, json: { decision: 'return', reasons: [] } });
    expect(reasons.status).toBe(400);
  });

  it('oversize bodies → 413 PAYLOAD_TOO_LARGE', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x20);
    const r = await c.req('POST', sub(), {
      as: `${U}-liaison`,
      body: big,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': key() },
    });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a row too long to store → 413 before anything is written', async () => {
    const ledger = unitLedger(1, 3, 'x');
    ledger.roster!.rows[1].values.remarks = '很长'.repeat(60_000);
    const r = await c.req('POST', sub(), { as: `${U}-liaison`, json: { ledger }, headers: { 'Idempotency-Key': key() } });
    expect(r.status).toBe(413);
    expect(r.body.message).toContain('第 5 行');
  });

  it('raw .xlsx submission is parsed on the server; an unreadable workbook → 400 WORKBOOK_UNREADABLE', async () => {
    const bytes = await fillTemplate(await buildTemplateWorkbook(), 30, undefined, { filingDate: todayInChina() });
    const r = await c.req('POST', sub(), {
      as: `${U}-liaison`,
      body: bytes,
      headers: { 'content-type': XLSX_CONTENT_TYPE, 'Idempotency-Key': key() },
    });
    expect(r.status).toBe(201);
    expect(r.body.summary.rows).toBe(30);
    const stored = await c.req('GET', `${sub()}/${r.body.version}`, { as: `${U}-liaison` });
    expect(stored.body.ledger.roster.rows).toHaveLength(30);
    expect(stored.body.digest).toBe(r.body.digest);

    for (const [body, reason] of [
      [new Uint8Array(0), 'EMPTY_FILE'],
      [new TextEncoder().encode('姓名,身份证号码\n张三,1\n'), 'CSV_FILE'],
      [PNG, 'NOT_A_WORKBOOK'],
      [bytes.slice(0, 2000), 'CORRUPT_WORKBOOK'],
    ] as const) {
      const x = await c.req('POST', sub(), {
        as: `${U}-liaison`,
        body,
        headers: { 'content-type': XLSX_CONTENT_TYPE, 'Idempotency-Key': key() },
      });
      expect(x.status, reason).toBe(400);
      expect(x.body.code).toBe('WORKBOOK_UNREADABLE');
      expect(x.body.details.reason, reason).toBe(reason);
    }
    const wrongType = await c.req('POST', sub(), {
      as: `${U}-liaison`,
      body: 'x',
      headers: { 'content-type': 'text/csv', 'Idempotency-Key': key() },
    });
    expect(wrongType.status).toBe(415);
  });

  it('seal: 415 for other types or bytes that lie about their type, 413 over 10 MB, PNG/JPEG accepted', async () => {
    const s = await c.req('POST', sub(), {
      as: `${U}-liaison`,
      json: { ledger: unitLedger(8, 2, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    const v = s.body.version;
    expect((await c.req('POST', `${sub()}/${v}/signoff`, { as: `${U}-head`, json: { digest: s.body.digest } })).status).toBe(200);
    const seal = (body: Uint8Array, type: string) =>
      c.req('PUT', `${sub()}/${v}/seal`, { as: `${U}-liaison`, body, headers: { 'content-type': type } });
    const gif = await seal(new TextEncoder().encode('GIF89a....'), 'image/gif');
    expect(gif.status).toBe(415);
    expect(gif.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await seal(PNG, 'application/pdf')).status).toBe(415);
    expect((await seal(new TextEncoder().encode('hello'), 'image/jpeg')).status).toBe(415);
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set(PDF);
    const tooBig = await seal(big, 'application/pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await seal(JPEG, 'image/jpeg')).status).toBe(200);
    const again = await seal(PNG, 'image/png'); // a better scan replaces the first before review
    expect(again.status).toBe(200);
    expect(again.body.seal.contentType).toBe('image/png');
  });

  it('unknown routes → 404 and wrong methods → 405, both as JSON with a code', async () => {
    const a = await c.req('GET', '/nothing/here', { as: OFFICE_ADMIN });
    expect(a.status).toBe(404);
    expect(a.body.code).toBe('NOT_FOUND');
    const b = await c.req('DELETE', `/campaigns/${cid}`, { as: OFFICE_ADMIN });
    expect(b.status).toBe(405);
    expect(b.body.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('host behaviour', () => {
  it('answers CORS preflight for the add-in origin only, and tags responses', async () => {
    const pre = await fetch(`${host.api}${sub()}`, {
      method: 'OPTIONS',
      headers: {
        Origin: ADDIN_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,idempotency-key',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ADDIN_ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const other = await fetch(`${host.api}${sub()}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${host.api}/health`, { headers: { Origin: ADDIN_ORIGIN } });
    expect(get.headers.get('access-control-allow-origin')).toBe(ADDIN_ORIGIN);
  });

  it('serves the template and the dev token route; runs timers on the admin route only for known names', async () => {
    const t = await fetch(`${host.api}/template.xlsx`);
    expect(t.status).toBe(200);
    expect(t.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(
      Buffer.from(await t.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await fetch(`${host.url}/admin/functions/nope`, { method: 'POST', body: '{"input":""}' })).status).toBe(404);
    expect((await fetch(`${host.api}/dev/token`, { method: 'POST', body: '{"userId":"a|b"}' })).status).toBe(400);
  });
});
