// PUT …/seal reads the QR code on the scan: scans of the printed sign-off page (PNG and JPEG at 150 and
// 300 dpi, rotated 90° and 3°, with noise, wrapped in a PDF, and the PDF itself) are `matched`; another
// version's or unit's page is refused with 422 SEAL_SCAN_MISMATCH naming it; a page without a QR code is
// accepted as `not_found` (需人工核对 on the progress table); files that are not what they claim → 422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import { Client, key, newCampaign, PNG, startTestHost } from '../functions/helpers';
import { imageToPdf, magick, rasterise } from './scans';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
});
afterAll(async () => host?.close());

const TYPES = { png: 'image/png', jpg: 'image/jpeg', pdf: 'application/pdf' } as const;

async function submitAndSign(cid: string, unit: string, n: number) {
  const s = await c.req('POST', `/campaigns/${cid}/units/${unit}/submissions`, {
    as: `${unit}-liaison`,
    json: { ledger: unitLedger(n, 2 + n, `单位${unit}`) },
    headers: { 'Idempotency-Key': key() },
  });
  expect(s.status).toBe(201);
  expect(
    (
      await c.req('POST', `/campaigns/${cid}/units/${unit}/submissions/${s.body.version}/signoff`, {
        as: `${unit}-head`,
        json: { digest: s.body.digest },
      })
    ).status,
  ).toBe(200);
  const pdf = await fetch(`${host.api}/campaigns/${cid}/units/${unit}/submissions/${s.body.version}/signoff-sheet?format=pdf`, {
    headers: { authorization: `Bearer ${await c.token(`${unit}-head`)}` },
  });
  return { ...s.body, sheet: new Uint8Array(await pdf.arrayBuffer()) } as {
    version: number;
    digest: string;
    receiptNo: string;
    sheet: Uint8Array;
  };
}

const seal = (cid: string, unit: string, v: number, body: Uint8Array, type: keyof typeof TYPES) =>
  c.req('PUT', `/campaigns/${cid}/units/${unit}/submissions/${v}/seal`, {
    as: `${unit}-liaison`,
    body,
    headers: { 'content-type': TYPES[type] },
  });

describe('seal scan QR check', () => {
  it('matches scans of this version’s page made every usual way', async () => {
    const cid = await newCampaign(c);
    const v1 = await submitAndSign(cid, 'edu-s1', 1);
    const p150 = rasterise(v1.sheet, 150, 'png');
    const p300 = rasterise(v1.sheet, 300, 'png');
    const j300 = rasterise(v1.sheet, 300, 'jpeg');
    const scans: [string, Uint8Array, keyof typeof TYPES][] = [
      ['png 150 dpi', p150, 'png'],
      ['png 300 dpi', p300, 'png'],
      ['jpeg 150 dpi', rasterise(v1.sheet, 150, 'jpeg'), 'jpg'],
      ['jpeg 300 dpi', j300, 'jpg'],
      ['png 150 dpi rotated 90°', magick(p150, ['-rotate', '90'], 'png'), 'png'],
      [
        'jpeg 300 dpi rotated 3° with noise',
        magick(j300, ['-background', 'white', '-rotate', '3', '-attenuate', '0.6', '+noise', 'Gaussian', '-quality', '75'], 'jpg'),
        'jpg',
      ],
      [
        'png 150 dpi skewed, grey, noisy',
        magick(p150, ['-background', 'white', '-shear', '2x1', '-colorspace', 'Gray', '-attenuate', '0.5', '+noise', 'Gaussian'], 'png'),
        'png',
      ],
      ['jpeg 300 dpi in a PDF', await imageToPdf(j300), 'pdf'],
      ['png 150 dpi in a PDF', await imageToPdf(p150), 'pdf'],
      ['the server PDF itself', v1.sheet, 'pdf'],
    ];
    for (const [what, bytes, type] of scans) {
      const t0 = performance.now();
      const r = await seal(cid, 'edu-s1', v1.version, bytes, type);
      console.log(`${what}: ${(bytes.length / 1024).toFixed(0)} KiB, ${(performance.now() - t0).toFixed(0)} ms`);
      expect(r.status, `${what}: ${r.text}`).toBe(200);
      expect(r.body.seal.qr, what).toBe('matched');
    }
    // Every upload is audited with its QR result; each later one replaced the scan.
    const audit = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    const seals = audit.body.entries.filter((e: { action: string }) => e.action === 'seal');
    expect(seals).toHaveLength(scans.length);
    expect(seals.every((e: { details: { qr: string } }) => e.details.qr === 'matched')).toBe(true);
    const row = (await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN })).body.units.find(
      (u: { unitId: string }) => u.unitId === 'edu-s1',
    );
    expect(row).toMatchObject({ status: 'sealed', sealQr: 'matched' });
  }, 300_000);

  it('refuses another version’s or another unit’s page with 422 SEAL_SCAN_MISMATCH naming it, storing nothing', async () => {
    const cid = await newCampaign(c);
    const v1 = await submitAndSign(cid, 'edu-s2', 1);
    const v2 = await submitAndSign(cid, 'edu-s2', 2);
    const other = await submitAndSign(cid, 'edu-s3', 3);
    const old = await seal(cid, 'edu-s2', v2.version, rasterise(v1.sheet, 200, 'jpeg'), 'jpg');
    expect(old.status).toBe(422);
    expect(old.body.code).toBe('SEAL_SCAN_MISMATCH');
    expect(old.body.details).toMatchObject({ receiptNo: v1.receiptNo, unitId: 'edu-s2', version: 1, expectedReceiptNo: v2.receiptNo });
    expect(old.body.message).toContain('第 1 版');
    const foreign = await seal(cid, 'edu-s2', v2.version, other.sheet, 'pdf');
    expect(foreign.status).toBe(422);
    expect(foreign.body.details).toMatchObject({ unitId: 'edu-s3', version: 1 });
    expect(foreign.body.message).toContain('edu-s3');
    const unit = await c.req('GET', `/campaigns/${cid}/units/edu-s2`, { as: 'edu-s2-liaison' });
    expect(unit.body.status).toBe('signed');
    expect(unit.body.latest.seal).toBeNull();
    const ok = await seal(cid, 'edu-s2', v2.version, rasterise(v2.sheet, 150, 'png'), 'png');
    expect(ok.body.seal.qr).toBe('matched');
  }, 120_000);

  it('accepts a page without a QR code as not_found, shown to the office as needing a manual check', async () => {
    const cid = await newCampaign(c);
    const v = await submitAndSign(cid, 'health-h1', 1);
    const blank = magick(rasterise(v.sheet, 150, 'png'), ['-fill', 'white', '-draw', 'rectangle 1000,0 1241,330'], 'png'); // QR covered
    const r = await seal(cid, 'health-h1', v.version, blank, 'png');
    expect(r.status).toBe(200);
    expect(r.body.seal.qr).toBe('not_found');
    const row = (await c.req('GET', `/campaigns/${cid}/progress`, { as: OFFICE_ADMIN })).body.units.find(
      (u: { unitId: string }) => u.unitId === 'health-h1',
    );
    expect(row).toMatchObject({ status: 'sealed', sealQr: 'not_found' });
    expect((await seal(cid, 'health-h1', v.version, PNG, 'png')).body.seal.qr).toBe('not_found');
  }, 120_000);

  it('decodes the file: HTML sent as a PDF, a broken PNG or JPEG → 422 SEAL_SCAN_UNREADABLE', async () => {
    const cid = await newCampaign(c);
    const v = await submitAndSign(cid, 'agri-a1', 1);
    const enc = (s: string) => new TextEncoder().encode(s);
    const html = await seal(
      cid,
      'agri-a1',
      v.version,
      enc('%PDF-1.7\n<!doctype html><html><body><script>alert(1)</script></body></html>'),
      'pdf',
    );
    expect(html.status).toBe(422);
    expect(html.body.code).toBe('SEAL_SCAN_UNREADABLE');
    expect(html.body.message).toContain('PDF');
    const pngHead = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...enc('<html>not an image</html>')]);
    expect((await seal(cid, 'agri-a1', v.version, pngHead, 'png')).body.code).toBe('SEAL_SCAN_UNREADABLE');
    const jpegHead = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...enc('<html>not an image</html>')]);
    expect((await seal(cid, 'agri-a1', v.version, jpegHead, 'jpg')).body.code).toBe('SEAL_SCAN_UNREADABLE');
    // A PNG claiming 100,000 × 100,000 pixels is refused before anything is decoded.
    const huge = new Uint8Array(PNG);
    new DataView(huge.buffer).setUint32(16, 100_000);
    new DataView(huge.buffer).setUint32(20, 100_000);
    const bomb = await seal(cid, 'agri-a1', v.version, huge, 'png');
    expect(bomb.status).toBe(422);
    expect(bomb.body.message).toContain('像素过多');
    expect((await c.req('GET', `/campaigns/${cid}/units/agri-a1`, { as: 'agri-a1-liaison' })).body.latest.seal).toBeNull();
  }, 120_000);
});
