// The evidence archive of a 20-unit campaign, streamed by GET /campaigns/{c}/archive.zip, verifies with
// `taizhang verify-archive` (exit 0); changing one byte of any file in it makes it exit 1 naming that
// file; a file that is no archive exits 2. Only the office may download it, and the download is audited.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { MANIFEST_PATH, ManifestSchema } from '../../shared/archive/manifest';
import { ReadBudget } from '../../shared/xlsx/limits';
import { readEntry, readZipDirectory } from '../../shared/xlsx/zip';
import { OFFICE_ADMIN, demoCampaign, unitLedger } from '../../fixtures/demoSeed';
import { main } from '../../cli/main';
import { Client, JPEG, key, startTestHost } from '../functions/helpers';
import { rasterise } from './scans';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
});
afterAll(async () => host?.close());

const dir = mkdtempSync(join(tmpdir(), 'tz-archive-'));
async function cli(bytes: Uint8Array, json = false) {
  const file = join(dir, `${randomUUID()}.zip`);
  writeFileSync(file, bytes);
  let out = '';
  let err = '';
  const code = await main(['verify-archive', file, ...(json ? ['--json'] : [])], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    cwd: dir,
  });
  return { code, out, err };
}

/** The zip's files in order, and the zip rebuilt from them (optionally one changed). */
function entries(zip: Uint8Array): [string, Uint8Array][] {
  return [...readZipDirectory(zip).values()].map((e) => [e.name, readEntry(zip, e, new ReadBudget())]);
}

describe('evidence archive', () => {
  it('streams a 20-unit campaign that verify-archive accepts, and names any file changed by one byte', async () => {
    const cid = `t-${randomUUID().slice(0, 8)}`;
    const units = Array.from({ length: 20 }, (_, i) => ({
      unitId: `u${String(i + 1).padStart(2, '0')}`,
      name: `示范县第${i + 1}单位`,
      parentId: null,
    }));
    const members = units.flatMap((u) => [
      { userId: `${u.unitId}-liaison`, name: `${u.name}联络员`, role: 'liaison', unitId: u.unitId },
      { userId: `${u.unitId}-head`, name: `${u.name}负责人`, role: 'head', unitId: u.unitId },
    ]);
    expect(
      (await c.req('PUT', `/campaigns/${cid}`, { as: OFFICE_ADMIN, json: demoCampaign(addDays(new Date().toISOString().slice(0, 10), 0)) }))
        .status,
    ).toBe(200);
    expect((await c.req('PUT', `/campaigns/${cid}/units`, { as: OFFICE_ADMIN, json: { units, members } })).status).toBe(200);
    for (const [i, u] of units.entries()) {
      const versions = i % 5 === 0 ? 2 : 1; // some units have a superseded version
      for (let v = 1; v <= versions; v++) {
        const s = await c.req('POST', `/campaigns/${cid}/units/${u.unitId}/submissions`, {
          as: `${u.unitId}-liaison`,
          json: { ledger: unitLedger(i * 3 + v, 4 + v, u.name) },
          headers: { 'Idempotency-Key': key() },
        });
        expect(s.status, s.text).toBe(201);
        if (i % 4 === 3) continue; // not signed yet: no seal
        expect(
          (
            await c.req('POST', `/campaigns/${cid}/units/${u.unitId}/submissions/${v}/signoff`, {
              as: `${u.unitId}-head`,
              json: { digest: s.body.digest },
            })
          ).status,
        ).toBe(200);
        let scan: Uint8Array = JPEG;
        if (i < 2) {
          const pdf = await fetch(`${host.api}/campaigns/${cid}/units/${u.unitId}/submissions/${v}/signoff-sheet?format=pdf`, {
            headers: { authorization: `Bearer ${await c.token(`${u.unitId}-head`)}` },
          });
          scan = rasterise(new Uint8Array(await pdf.arrayBuffer()), 150, 'jpeg');
        }
        expect(
          (
            await c.req('PUT', `/campaigns/${cid}/units/${u.unitId}/submissions/${v}/seal`, {
              as: `${u.unitId}-liaison`,
              body: scan,
              headers: { 'content-type': 'image/jpeg' },
            })
          ).status,
        ).toBe(200);
      }
    }

    expect((await c.req('GET', `/campaigns/${cid}/archive.zip`, { as: 'u01-head' })).status).toBe(403);
    const res = await fetch(`${host.api}/campaigns/${cid}/archive.zip`, {
      headers: { authorization: `Bearer ${await c.token(OFFICE_ADMIN)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-length')).toBeNull(); // streamed, not built first
    const zip = new Uint8Array(await res.arrayBuffer());

    const files = entries(zip);
    const manifest = ManifestSchema.parse(JSON.parse(new TextDecoder().decode(files.find(([n]) => n === MANIFEST_PATH)![1])));
    expect(manifest.versions).toHaveLength(24);
    expect(manifest.versions.filter((v) => v.seal)).toHaveLength(18);
    expect(manifest.versions.filter((v) => v.sealQr === 'matched').map((v) => v.unitId)).toEqual(['u01', 'u01', 'u02']);
    const names = files.map(([n]) => n);
    for (const p of [
      'units/u01/v1/ledger.xlsx',
      'units/u01/v1/signoff.pdf',
      'units/u01/v1/seal.jpg',
      'units/u01/v2/ledger.xlsx',
      'units/u01/audit.json',
      'units/u04/v1/signoff.pdf',
      'audit.json',
      'manifest.json',
      'manifest.sha256',
    ])
      expect(names).toContain(p);
    expect(names).not.toContain('units/u04/v1/seal.jpg');
    // Each unit's trail is its own partition's, oldest first: two versions submitted, signed and sealed.
    const u01Trail = JSON.parse(new TextDecoder().decode(files.find(([n]) => n === 'units/u01/audit.json')![1])) as {
      unitId: string;
      action: string;
      version: number;
      at: string;
    }[];
    expect(u01Trail.map((e) => `${e.action} v${e.version}`)).toEqual([
      'submission.create v1',
      'signoff v1',
      'seal v1',
      'submission.create v2',
      'signoff v2',
      'seal v2',
    ]);
    expect(u01Trail.every((e) => e.unitId === 'u01')).toBe(true);

    const ok = await cli(zip);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain('核验通过');
    expect(JSON.parse((await cli(zip, true)).out)).toMatchObject({ ok: true, files: manifest.files.length, versions: 24, problems: [] });

    // One byte changed in each file in turn (the zip rebuilt around it): exit 1 naming exactly that file.
    for (const [i, [name, content]] of files.entries()) {
      const changed = new Uint8Array(content);
      const at = Math.floor(changed.length / 2);
      changed[at] = changed[at] ^ 0x01;
      const tampered = zipSync(Object.fromEntries(files.map(([n, b], k) => [n, k === i ? changed : b])));
      const r = await cli(tampered, true);
      expect(r.code, name).toBe(1);
      const problems: { path: string; message: string }[] = JSON.parse(r.out).problems;
      if (name.startsWith('manifest.')) {
        // The manifest and its hash vouch for each other: the pair is named (a changed digest line may name its file too).
        expect(problems[0].path, name).toBe('manifest.json');
        expect(problems[0].message, name).toContain(name);
      } else
        expect(
          problems.map((p) => p.path),
          name,
        ).toEqual([name]);
    }
    // A byte flipped in the zip itself, inside a compressed entry: that file is named as damaged or changed.
    const audit = [...readZipDirectory(zip).values()].find((e) => e.name === 'audit.json')!;
    const raw = new Uint8Array(zip);
    raw[audit.localOffset + 30 + audit.name.length + 10] ^= 0xff;
    const flipped = await cli(raw, true);
    expect(flipped.code).toBe(1);
    expect(JSON.parse(flipped.out).problems.map((p: { path: string }) => p.path)).toEqual(['audit.json']);

    // Not an archive at all → 2 with a Chinese message.
    const notZip = await cli(new TextEncoder().encode('<html>不是压缩包</html>'));
    expect(notZip.code).toBe(2);
    expect(notZip.err).toContain('不是');
    const otherZip = await cli(zipSync({ 'a.txt': new Uint8Array([1]) }));
    expect(otherZip.code).toBe(2);

    // The download is in the audit trail (who took the personal data).
    const trail = await c.req('GET', `/campaigns/${cid}/audit`, { as: OFFICE_ADMIN });
    expect(trail.body.entries.filter((e: { action: string }) => e.action === 'archive.download')).toHaveLength(1);
  }, 600_000);
});
