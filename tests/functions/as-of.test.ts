// The server checks a ledger as of the China day it receives it (X-Dev-Now in dev mode), not as of the
// 填报日期 the unit typed: a backdated date no longer hides who has passed retirement age since, and a
// 填报日期 after that day or more than 30 days before it is an error (FILING_DATE_OUT_OF_RANGE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanLedger } from '../../fixtures/sampleLedgers';
import { makeIdNumber } from '../../shared/id/idcard';
import { retirementDate } from '../../shared/retirement';
import { Client, key, newCampaign, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
});
afterAll(async () => host?.close());

const SERVER_DAY = '2026-03-20';
const FILED = '2026-03-01';
const ymd = (iso: string) => Number(iso.replaceAll('-', ''));
const iso = (n: number) => `${String(n).slice(0, 4)}-${String(n).slice(4, 6)}-${String(n).slice(6, 8)}`;
/** A man's birth date whose statutory retirement falls strictly between FILED and SERVER_DAY. */
function birthRetiringBetween(): string {
  for (let d = Date.parse('1964-01-01'); d < Date.parse('1968-01-01'); d += 86_400_000) {
    const b = ymd(new Date(d).toISOString().slice(0, 10));
    const r = retirementDate(b, 'male60');
    if (r > ymd(FILED) && r < ymd(SERVER_DAY)) return iso(b);
  }
  throw new Error('no birth date found');
}

const post = (unit: string, ledger: unknown, day: string) =>
  c.req('POST', `/campaigns/${cid}/units/${unit}/submissions`, {
    as: `${unit}-liaison`,
    json: { ledger },
    headers: { 'Idempotency-Key': key(), 'X-Dev-Now': `${day}T02:00:00Z` },
  });

describe('server as-of', () => {
  it('checks as of the day of receipt: someone who passed retirement age after the 填报日期 is reported', async () => {
    const birth = birthRetiringBetween().replaceAll('-', '');
    const ledger = cleanLedger([{ idNumber: makeIdNumber('110101', birth, 15, true), employmentForm: '劳务派遣' }], { filingDate: FILED });
    const r = await post('edu-s1', ledger, SERVER_DAY);
    expect(r.status).toBe(201);
    expect(r.body.issues.map((i: { code: string }) => i.code)).toContain('OVER_RETIREMENT_AGE');
    expect(r.body.issues.find((i: { code: string }) => i.code === 'OVER_RETIREMENT_AGE').message).toContain(SERVER_DAY);
  });

  it('a 填报日期 after the day of receipt, or more than 30 days before it, is FILING_DATE_OUT_OF_RANGE (422)', async () => {
    for (const filed of ['2026-03-21', '2026-02-17']) {
      const r = await post('edu-s2', cleanLedger([{}], { filingDate: filed }), SERVER_DAY);
      expect(r.status, filed).toBe(422);
      expect(
        r.body.details.issues.map((i: { code: string }) => i.code),
        filed,
      ).toContain('FILING_DATE_OUT_OF_RANGE');
    }
    // 30 days before is still fine.
    expect((await post('edu-s2', cleanLedger([{}], { filingDate: '2026-02-18' }), SERVER_DAY)).status).toBe(201);
  });
});
