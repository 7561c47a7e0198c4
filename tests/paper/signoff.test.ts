// The sign-off page (签字盖章页): one A4 page in Chromium and as the server's PDF, for 0 findings and for
// every finding rule; its QR code decodes to the receipt number and the full digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, startTestHost } from '../functions/helpers';
import { CHROMIUM_ARGS } from '../e2e/harness';
import { FINDING_CODES, signOffFacts, type SignOffInput } from '../../functions/src/documents/signoffModel';
import { renderSignOffHtml } from '../../functions/src/documents/signoffHtml';
import { renderSignOffPdf } from '../../functions/src/documents/signoffPdf';
import { scanClaims } from '../../functions/src/documents/scan/scanCheck';
import { parseQrText } from '../../functions/src/documents/qr';
import { rasterise } from './scans';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let browser: Browser;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const pages = async (pdf: Uint8Array) => (await PDFDocument.load(pdf)).getPages();

/** Worst case: every finding rule hit, long names, SM3 present, superseded warning shown. */
function worstCase(apiBase: string): SignOffInput {
  return {
    campaignTitle: '示范县机关事业单位编外人员清理清退工作（第二批次·含所属事业单位及派出机构补充排查）',
    unitName: '示范县某某局所属某某某某中心（示范县某某某某综合行政执法大队及其派出机构）',
    unitId: 'unit-with-a-rather-long-identifier-01',
    creditCode: '12345678901234567X',
    receiptNo: 'TZ-20260301-unit-with-a-rather-long-identifier-01-V12-ABCDEF',
    version: 12,
    submittedAt: '2026-03-01T01:02:03.000Z',
    submitterName: '欧阳某某某（unit-with-a-rather-long-identifier-01-liaison）',
    summary: { rows: 1999, errors: 0, warnings: 345, findings: 99999 },
    digest: 'ab'.repeat(32),
    sm3: 'cd'.repeat(32),
    issues: FINDING_CODES.flatMap((code) => Array.from({ length: 1234 }, () => ({ code, severity: 'finding' as const }))),
    superseded: true,
    headName: '欧阳某某某',
    printedAt: new Date('2026-03-02T00:00:00Z'),
    apiBase,
  };
}

async function chromiumPdf(html: string, headers: Record<string, string> = {}, url?: string): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setExtraHTTPHeaders(headers);
    if (url) await page.goto(url);
    else await page.setContent(html, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await page.close();
  }
}

describe('sign-off page', () => {
  it('prints on exactly one A4 page from Chromium and from the server, for 0 findings, and carries a QR code with receipt and digest', async () => {
    const cid = await newCampaign(c);
    const U = 'edu-s1';
    const s = await c.req('POST', `/campaigns/${cid}/units/${U}/submissions`, {
      as: `${U}-liaison`,
      json: { ledger: unitLedger(1, 3, '示范县第一中学') },
      headers: { 'Idempotency-Key': key() },
    });
    expect(s.status).toBe(201);
    const url = `${host.api}/campaigns/${cid}/units/${U}/submissions/1/signoff-sheet`;
    const auth = { authorization: `Bearer ${await c.token(`${U}-head`)}` };

    const html = await c.req('GET', `/campaigns/${cid}/units/${U}/submissions/1/signoff-sheet`, { as: `${U}-head` });
    expect(html.text).toContain('data-testid="signoff-qr"');
    const printed = await chromiumPdf('', auth, url);
    const ps = await pages(printed);
    expect(ps).toHaveLength(1);
    expect(ps[0].getSize().width).toBeCloseTo(595.3, 0); // A4 portrait
    expect(ps[0].getSize().height).toBeCloseTo(841.9, 0);

    const pdf = await c.req('GET', `/campaigns/${cid}/units/${U}/submissions/1/signoff-sheet?format=pdf`, { as: `${U}-head` });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await (await fetch(`${url}?format=pdf`, { headers: auth })).arrayBuffer());
    expect(await pages(bytes)).toHaveLength(1);

    // Both renderings' QR codes (Chromium's print and the server's PDF, rasterised at 150 dpi) say the same.
    for (const doc of [printed, bytes]) {
      const claims = await scanClaims(rasterise(doc, 150, 'png'), 'image/png');
      expect(claims).toEqual([{ receiptNo: s.body.receiptNo, digest: s.body.digest }]);
    }
    // The QR text is the public verify page's URL on this host.
    const qrUrl = (await import('../../functions/src/documents/qr')).qrText(host.api, {
      receiptNo: s.body.receiptNo,
      digest: s.body.digest,
    });
    expect(parseQrText(qrUrl)).toEqual({ receiptNo: s.body.receiptNo, digest: s.body.digest });
    const phone = await fetch(qrUrl);
    expect(await phone.text()).toContain('核验通过');
    void OFFICE_ADMIN;
  });

  it('stays one A4 page with every finding rule hit, long names, SM3 and the superseded warning', async () => {
    const facts = signOffFacts(worstCase(host.api));
    expect(facts.findings.map((f) => f.code)).toEqual(FINDING_CODES);
    expect(facts.findings.every((f) => f.count === 1234)).toBe(true);
    const html = renderSignOffHtml(facts, host.api);
    expect(await pages(await chromiumPdf(html))).toHaveLength(1);
    const pdf = await renderSignOffPdf(facts, new Date('2026-03-02T00:00:00Z'));
    expect(await pages(pdf)).toHaveLength(1);
    // Deterministic: the same facts and date give the same bytes (the archive's manifest relies on it).
    expect(Buffer.compare(pdf, await renderSignOffPdf(facts, new Date('2026-03-02T00:00:00Z')))).toBe(0);
    const claims = await scanClaims(rasterise(pdf, 150, 'png'), 'image/png');
    expect(claims).toEqual([{ receiptNo: facts.receiptNo, digest: 'ab'.repeat(32) }]);
  });

  it('Chinese text in the server PDF uses the embedded Noto Sans SC subset (no missing glyphs)', async () => {
    const pdf = await renderSignOffPdf(signOffFacts(worstCase('http://x/api')), new Date(0));
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(text).toMatch(/\/FontFile2/);
  });
});
