// `taizhang verify-archive FILE.zip [--json]`: checks an evidence archive offline. Every file's SHA-256
// against manifest.json, manifest.json against manifest.sha256, and every version's ledger digest
// recomputed from the workbook in the archive against the digest the unit submitted and signed.
// Exit 0 all match; 1 something does not (each named); 2 not an archive (or the command is misused).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ManifestSchema, MANIFEST_HASH_PATH, MANIFEST_PATH, type Manifest } from '../shared/archive/manifest';
import { ledgerDigest } from '../shared/ledger/canonical';
import { readLedgerFromXlsx } from '../shared/ledger/fromXlsx';
import { nodeInflateRaw } from '../shared/node/inflate';
import { ReadBudget } from '../shared/xlsx/limits';
import { readEntry, readZipDirectory, type ZipEntry } from '../shared/xlsx/zip';

export interface Problem {
  path: string;
  code: 'MISSING' | 'DAMAGED' | 'HASH_MISMATCH' | 'DIGEST_MISMATCH' | 'UNLISTED' | 'MANIFEST_INVALID';
  message: string;
}

export type ArchiveCheck =
  | { kind: 'not_archive'; code: string; message: string }
  | { kind: 'checked'; files: number; versions: number; problems: Problem[]; manifest: Manifest | null };

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function checkArchive(bytes: Uint8Array): Promise<ArchiveCheck> {
  let dir: Map<string, ZipEntry>;
  try {
    dir = readZipDirectory(bytes);
  } catch {
    return { kind: 'not_archive', code: 'NOT_AN_ARCHIVE', message: '该文件不是 zip 压缩包（或已严重损坏），不是台账通证据包。' };
  }
  const entries = new Map([...dir.values()].map((e) => [e.name, e]));
  if (!entries.has(MANIFEST_PATH))
    return { kind: 'not_archive', code: 'NOT_AN_ARCHIVE', message: `压缩包中没有 ${MANIFEST_PATH}，不是台账通证据包。` };
  const problems: Problem[] = [];
  const read = (path: string): Uint8Array | null => {
    const e = entries.get(path);
    if (!e) {
      problems.push({ path, code: 'MISSING', message: `${path}：清单中列出的文件不在压缩包中` });
      return null;
    }
    try {
      return readEntry(bytes, e, new ReadBudget(), nodeInflateRaw); // each file on its own budget: an archive is many workbooks
    } catch {
      problems.push({ path, code: 'DAMAGED', message: `${path}：文件已损坏，无法解压` });
      return null;
    }
  };
  const manifestBytes = read(MANIFEST_PATH);
  const hashBytes = read(MANIFEST_HASH_PATH);
  if (manifestBytes && hashBytes) {
    const expected = new TextDecoder().decode(hashBytes).trim().split(/\s+/)[0];
    if (expected !== sha256(manifestBytes))
      problems.push({
        path: MANIFEST_PATH,
        code: 'HASH_MISMATCH',
        message: `${MANIFEST_PATH}：SHA-256 与 ${MANIFEST_HASH_PATH} 记录的不一致（${MANIFEST_PATH} 或 ${MANIFEST_HASH_PATH} 被改动）`,
      });
  }
  let manifest: Manifest | null = null;
  if (manifestBytes) {
    try {
      manifest = ManifestSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes)));
    } catch {
      // Already named when its hash did not match; else the manifest was written wrongly.
      if (!problems.some((p) => p.path === MANIFEST_PATH))
        problems.push({
          path: MANIFEST_PATH,
          code: 'MANIFEST_INVALID',
          message: `${MANIFEST_PATH}：清单内容无法读取（不是有效的证据包清单）`,
        });
    }
  }
  if (!manifest) return { kind: 'checked', files: 0, versions: 0, problems, manifest };

  const listed = new Set([MANIFEST_PATH, MANIFEST_HASH_PATH]);
  const contents = new Map<string, Uint8Array>();
  for (const f of manifest.files) {
    listed.add(f.path);
    if (f.path === MANIFEST_PATH) continue;
    const b = read(f.path);
    if (!b) continue;
    if (b.length !== f.bytes || sha256(b) !== f.sha256)
      problems.push({ path: f.path, code: 'HASH_MISMATCH', message: `${f.path}：SHA-256 与清单记录的不一致（文件被改动）` });
    else contents.set(f.path, b);
  }
  for (const name of entries.keys())
    if (!listed.has(name) && !name.endsWith('/'))
      problems.push({ path: name, code: 'UNLISTED', message: `${name}：文件不在清单中（被加入）` });
  for (const v of manifest.versions) {
    const xlsx = contents.get(v.ledger);
    if (!xlsx) continue; // already named above
    let digest: string | null = null;
    try {
      digest = await ledgerDigest(readLedgerFromXlsx(xlsx, { inflateRaw: nodeInflateRaw }));
    } catch {
      digest = null;
    }
    if (digest !== v.digest)
      problems.push({
        path: v.ledger,
        code: 'DIGEST_MISMATCH',
        message: `${v.ledger}：${v.unitName} 第 ${v.version} 版台账重新计算的摘要与报送时的摘要（回执号 ${v.receiptNo}）不一致`,
      });
  }
  return { kind: 'checked', files: manifest.files.length, versions: manifest.versions.length, problems, manifest };
}

export interface VerifyIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

/** Runs the command on parsed arguments; returns the exit code. */
export async function verifyArchiveCommand(file: string, json: boolean, io: VerifyIo): Promise<number> {
  const fail = (code: string, message: string) => {
    io.stderr(`${message}\n`);
    if (json) io.stdout(`${JSON.stringify({ ok: false, files: null, versions: null, problems: [], error: { code, message } })}\n`);
    return 2;
  };
  const path = resolve(io.cwd, file);
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory()) return fail('NOT_A_FILE', `“${path}”是一个文件夹，不是证据包。`);
    const buf = readFileSync(path);
    bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_NOT_READABLE',
      code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${code ?? (err as Error).message}`,
    );
  }
  const r = await checkArchive(bytes);
  if (r.kind === 'not_archive') return fail(r.code, r.message);
  const ok = r.problems.length === 0;
  if (json) io.stdout(`${JSON.stringify({ ok, files: r.files, versions: r.versions, problems: r.problems })}\n`);
  else if (ok) io.stdout(`核验通过：${r.files} 个文件的 SHA-256 与清单一致，${r.versions} 个台账版本的摘要与报送时一致。\n`);
  else io.stdout(`核验未通过，发现 ${r.problems.length} 处不一致：\n${r.problems.map((p) => `  - ${p.message}`).join('\n')}\n`);
  return ok ? 0 : 1;
}
