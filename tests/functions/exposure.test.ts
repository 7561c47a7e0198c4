// What outsiders can learn: HTML answers carry a Content-Security-Policy and nosniff; an unknown
// campaign id and an existing one the caller has no part in answer alike (no enumeration).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
let other: string;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
  other = await newCampaign(c);
  const s = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
    as: 'edu-s1-liaison',
    json: { ledger: unitLedger(1, 3, 'x') },
    headers: { 'Idempotency-Key': key() },
  });
  expect(s.status).toBe(201);
});
afterAll(async () => host?.close());

describe('exposure', () => {
  it('the sign-off sheet (HTML) carries a CSP without script and X-Content-Type-Options: nosniff', async () => {
    const r = await c.req('GET', `/campaigns/${cid}/units/edu-s1/submissions/1/signoff-sheet`, { as: 'edu-s1-head' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    // JSON answers are not sniffed either.
    const j = await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: 'edu-s1-head' });
    expect(j.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('an unknown campaign and an existing one the caller is not part of answer alike, on every kind of route', async () => {
    // A member of `cid` only is an outsider of a campaign whose unit list does not name them.
    const strangers = await c.req('PUT', `/campaigns/${other}/units`, {
      as: 'office-admin',
      json: { units: [{ unitId: 'zz', name: '某单位', parentId: null }], members: [] },
    });
    expect(strangers.status).toBe(200);
    const paths = (id: string) => [
      `/campaigns/${id}`,
      `/campaigns/${id}/me`,
      `/campaigns/${id}/units/edu-s1`,
      `/campaigns/${id}/units/no-such-unit`,
      `/campaigns/${id}/units/edu-s1/submissions/1`,
      `/campaigns/${id}/progress`,
      `/campaigns/${id}/audit`,
    ];
    const unknown = `t-nope-${Date.now()}`;
    for (const [i, p] of paths(unknown).entries()) {
      const a = await c.req('GET', p, { as: 'edu-s1-liaison' });
      const b = await c.req('GET', paths(other)[i], { as: 'edu-s1-liaison' });
      expect({ path: p, status: a.status, body: a.text.replaceAll(unknown, 'X') }).toEqual({
        path: p,
        status: b.status,
        body: b.text.replaceAll(other, 'X'),
      });
      expect([403, 404]).toContain(a.status);
    }
  });
});
