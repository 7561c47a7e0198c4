// Issue explosion: a ledger of 20,000 rows holding one cell each makes ~280,000 issues. The server
// returns and stores the first 1,000 with exact counts per rule and severity (issuesTruncated,
// issueCounts); the pane and the CLI check locally and show everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitLedger } from '../../fixtures/demoSeed';
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

const MAX = 1000;
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('issue explosion', () => {
  it('20,000 one-cell rows: 422 with the first 1,000 issues and exact counts per rule and severity, in well under a megabyte', async () => {
    const ledger = unitLedger(3, 1, 'x');
    ledger.roster!.rows = Array.from({ length: 20_000 }, (_, i) => ({ row: 4 + i, values: { name: '张三' } }));
    const r = await c.req('POST', `/campaigns/${cid}/units/edu-s1/submissions`, {
      as: 'edu-s1-liaison',
      json: { ledger },
      headers: { 'Idempotency-Key': key() },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('LEDGER_INVALID');
    const d = r.body.details;
    expect(d.issues).toHaveLength(MAX);
    expect(d.issuesTruncated).toBe(true);
    const { summary, issueCounts } = d;
    expect(issueCounts.bySeverity).toEqual({ error: summary.errors, warning: summary.warnings, finding: summary.findings });
    expect(summary.errors).toBeGreaterThan(100_000);
    expect(total(issueCounts.byRule)).toBe(summary.errors + summary.warnings + summary.findings);
    // The returned issues are the first ones, in the checker's order.
    expect(d.issues[0].row).toBeLessThanOrEqual(d.issues[MAX - 1].row);
    expect(r.text.length).toBeLessThan(1_000_000);
  });

  it('a valid ledger with more than 1,000 findings: 201 and the stored version carry the first 1,000 and the exact counts', async () => {
    const r = await c.req('POST', `/campaigns/${cid}/units/edu-s2/submissions`, {
      as: 'edu-s2-liaison',
      json: { ledger: unitLedger(4, 2000, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(r.status).toBe(201);
    const all = r.body.summary.errors + r.body.summary.warnings + r.body.summary.findings;
    expect(all).toBeGreaterThan(MAX);
    expect(r.body.issues).toHaveLength(MAX);
    expect(r.body.issuesTruncated).toBe(true);
    expect(total(r.body.issueCounts.byRule)).toBe(all);
    const g = await c.req('GET', `/campaigns/${cid}/units/edu-s2/submissions/1`, { as: 'edu-s2-liaison' });
    expect(g.status).toBe(200);
    expect(g.body.issues).toEqual(r.body.issues);
    expect(g.body.issuesTruncated).toBe(true);
    expect(g.body.issueCounts).toEqual(r.body.issueCounts);
  });

  it('a small ledger is not truncated and counts still add up', async () => {
    const r = await c.req('POST', `/campaigns/${cid}/units/edu-s3/submissions`, {
      as: 'edu-s3-liaison',
      json: { ledger: unitLedger(5, 20, 'x') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(r.status).toBe(201);
    expect(r.body.issuesTruncated).toBe(false);
    expect(total(r.body.issueCounts.byRule)).toBe(r.body.issues.length);
  });
});
