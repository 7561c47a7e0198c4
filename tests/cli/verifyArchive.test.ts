// `taizhang verify-archive` on hostile and large files, as users run it (the built CLI in a subprocess):
// it reads the archive entry by entry from disk, so memory stays bounded whatever the archive's size;
// a file that is no zip, a truncated download or a zip without manifest exits 2 with a Chinese message;
// a zip bomb entry is refused while inflating and named (exit 1). The end-to-end archive of a campaign is
// in tests/paper/archive.test.ts.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { Zip, strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FORMAT, MANIFEST_HASH_PATH, MANIFEST_PATH, type Manifest } from '../../shared/archive/manifest';
import { ledgerDigest } from '../../shared/ledger/canonical';
import { makeLedger } from '../../fixtures/sampleLedgers';
import { ledgerWorkbook } from '../../functions/src/documents/ledgerWorkbook';
import { addMember, storedMember } from '../../functions/src/documents/zipEntry';
import { ROOT, runCli, tempDir } from '../xlsx/helpers';

const dir = tempDir('taizhang-verify-');
const sha256 = (chunks: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const c of chunks) h.update(c);
  return h.digest('hex');
};
const file = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

/** manifest.json and manifest.sha256 for the given files (and one version whose ledger is `ledger`). */
function manifestFor(files: Record<string, Uint8Array>, version: Manifest['versions'][number] | null): Record<string, Uint8Array> {
  const m: Manifest = {
    format: ARCHIVE_FORMAT,
    campaignId: 'c1',
    title: '测试',
    createdAt: '2026-03-01T00:00:00.000Z',
    createdBy: 'office-admin',
    files: Object.entries(files).map(([path, b]) => ({ path, sha256: sha256([b]), bytes: b.length })),
    versions: version ? [version] : [],
  };
  const text = strToU8(JSON.stringify(m));
  return { [MANIFEST_PATH]: text, [MANIFEST_HASH_PATH]: strToU8(`${sha256([text])}  ${MANIFEST_PATH}\n`) };
}

let good: Uint8Array;
beforeAll(async () => {
  const ledger = makeLedger(6);
  const xlsx = await ledgerWorkbook(ledger);
  const files = { 'units/u1/v1/ledger.xlsx': xlsx, 'units/u1/v1/signoff.pdf': strToU8('%PDF-1.4 test'), 'audit.json': strToU8('[]') };
  const version = {
    unitId: 'u1',
    unitName: '示范单位',
    version: 1,
    receiptNo: 'TZ-20260301-u1-V1-ABCDEF',
    submittedAt: '2026-03-01T00:00:00.000Z',
    status: 'submitted',
    superseded: false,
    digest: await ledgerDigest(ledger),
    ledger: 'units/u1/v1/ledger.xlsx',
    signoff: 'units/u1/v1/signoff.pdf',
    seal: null,
    sealQr: null,
  };
  good = zipSync({ ...files, ...manifestFor(files, version) });
});

const json = (stdout: string) => JSON.parse(stdout) as { ok: boolean; problems: { path: string; code: string; message: string }[] };

describe('taizhang verify-archive', () => {
  it('accepts an intact archive (exit 0)', () => {
    const r = runCli(['verify-archive', file('good.zip', good)]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('核验通过');
  });

  it('not a zip, a truncated download, a zip without manifest: exit 2 with a Chinese message', () => {
    const notZip = runCli(['verify-archive', file('page.zip', strToU8('<html>登录已过期</html>'))]);
    expect(notZip.status).toBe(2);
    expect(notZip.stderr).toMatch(/不是 zip 压缩包/);
    expect(notZip.stderr).not.toMatch(/\n\s+at /);

    const truncated = runCli(['verify-archive', file('truncated.zip', good.subarray(0, Math.floor(good.length * 0.7)))]);
    expect(truncated.status).toBe(2);
    expect(truncated.stderr).toMatch(/截断/);

    const bare = runCli(['verify-archive', file('bare.zip', zipSync({ 'a.txt': strToU8('x') })), '--json']);
    expect(bare.status).toBe(2);
    expect(JSON.parse(bare.stdout).error).toMatchObject({ code: 'NOT_AN_ARCHIVE', message: expect.stringContaining('manifest.json') });

    const empty = runCli(['verify-archive', file('empty.zip', new Uint8Array(0))]);
    expect(empty.status).toBe(2);
  });

  it('a listed entry that inflates far past its declared size (zip bomb) is named and not inflated further', () => {
    // 256 MB of zeros deflate to ~250 KB; the directory and the manifest claim 1,000 bytes.
    const payload = deflateRawSync(new Uint8Array(256 * 1024 * 1024));
    const small = new Uint8Array(1000);
    const files = { 'units/u1/v1/seal.png': small, 'audit.json': strToU8('[]') };
    const zip = zipSync({ ...files, ...manifestFor(files, null) }, { level: 0 });
    // Swap the entry's stored bytes for the bomb, marking it deflated; sizes and CRC stay as declared.
    const bomb = spliceEntry(zip, 'units/u1/v1/seal.png', payload);
    const r = runCliMeasured(['verify-archive', file('bomb.zip', bomb), '--json']);
    expect(r.status, r.stderr).toBe(1);
    const problems = json(r.stdout).problems;
    expect(problems.map((p) => p.path)).toEqual(['units/u1/v1/seal.png']);
    expect(problems[0].code).toBe('DAMAGED');
    expect(problems[0].message).toMatch(/压缩炸弹/);
    expect(r.maxRssMb).toBeLessThan(150);
  });

  it('checks a 512 MB archive with bounded memory (the file is never read whole)', async () => {
    const path = join(dir, 'large.zip');
    const block = new Uint8Array(1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const scan = Array.from({ length: 128 }, () => block); // 128 MB, one buffer referenced 128 times
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`units/u${i}/v1/seal.jpg`, scan]));
    const m: Manifest = {
      format: ARCHIVE_FORMAT,
      campaignId: 'c1',
      title: '大证据包',
      createdAt: '2026-03-01T00:00:00.000Z',
      createdBy: 'office-admin',
      files: Object.keys(files).map((p) => ({ path: p, sha256: sha256(scan), bytes: 128 * 1024 * 1024 })),
      versions: [],
    };
    const text = strToU8(JSON.stringify(m));
    const out = createWriteStream(path);
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      out.write(chunk);
    });
    const when = new Date(Date.UTC(2026, 0, 1));
    for (const [p, chunks] of Object.entries(files)) addMember(zip, p, storedMember(chunks), when);
    addMember(zip, MANIFEST_PATH, storedMember(text), when);
    addMember(zip, MANIFEST_HASH_PATH, storedMember(strToU8(`${sha256([text])}  ${MANIFEST_PATH}\n`)), when);
    zip.end();
    await new Promise<void>((r) => out.end(() => r()));

    const r = runCliMeasured(['verify-archive', path, '--json']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(json(r.stdout).ok).toBe(true);
    expect(r.maxRssMb).toBeLessThan(200); // the old reader held the whole 512 MB file
  }, 120_000);
});

/** The CLI run under GNU time, for its peak RSS. */
function runCliMeasured(args: string[]) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'bin/taizhang.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (!rss) throw new Error(`no peak RSS from /usr/bin/time: ${r.stderr}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, maxRssMb: Number(rss[1]) / 1024 };
}

/** The zip with one stored entry's data replaced by `deflated` (method 8), everything else as it was. */
function spliceEntry(zip: Uint8Array, name: string, deflated: Uint8Array): Uint8Array {
  const b = Buffer.from(zip);
  const u16 = (o: number) => b.readUInt16LE(o);
  const u32 = (o: number) => b.readUInt32LE(o);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  const count = u16(eocd + 10);
  let p = u32(eocd + 16);
  for (let n = 0; n < count; n++) {
    const nameLen = u16(p + 28);
    const extra = u16(p + 30) + u16(p + 32);
    if (b.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const local = u32(p + 42);
      const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
      const oldLen = u32(p + 20);
      const delta = deflated.length - oldLen;
      const out = Buffer.concat([b.subarray(0, dataStart), deflated, b.subarray(dataStart + oldLen)]);
      // Local header: method 8, compressed size. Central entry (shifted by delta): the same.
      out.writeUInt16LE(8, local + 8);
      out.writeUInt32LE(deflated.length, local + 18);
      const cd = p + delta;
      out.writeUInt16LE(8, cd + 10);
      out.writeUInt32LE(deflated.length, cd + 20);
      // Later local headers and the directory moved by delta.
      let q = u32(eocd + 16) + delta;
      for (let k = 0; k < count; k++) {
        const off = out.readUInt32LE(q + 42);
        if (off > local) out.writeUInt32LE(off + delta, q + 42);
        q += 46 + out.readUInt16LE(q + 28) + out.readUInt16LE(q + 30) + out.readUInt16LE(q + 32);
      }
      out.writeUInt32LE(u32(eocd + 16) + delta, eocd + delta + 16);
      return new Uint8Array(out);
    }
    p += 46 + nameLen + extra;
  }
  throw new Error(`${name} not in zip`);
}
