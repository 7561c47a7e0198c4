// `taizhang verify-archive FILE.zip [--json]`: checks an evidence archive offline. Every file's SHA-256
// against manifest.json, manifest.json against manifest.sha256, and every version's ledger digest
// recomputed from the workbook in the archive against the digest the unit submitted and signed.
// Exit 0 all match; 1 something does not (each named); 2 not an archive (or the command is misused).
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ManifestSchema, MANIFEST_HASH_PATH, MANIFEST_PATH, type Manifest } from '../shared/archive/manifest';
import { ledgerDigest } from '../shared/ledger/canonical';
import { readLedgerFromXlsx } from '../shared/ledger/fromXlsx';
import { nodeInflateRaw } from '../shared/node/inflate';
import { EntryUnreadable, NotAZip, ZipFile, type ZipFileEntry } from './zipFile';

export interface Problem {
  path: string;
  code: 'MISSING' | 'DAMAGED' | 'HASH_MISMATCH' | 'DIGEST_MISMATCH' | 'UNLISTED' | 'MANIFEST_INVALID';
  message: string;
}

export type ArchiveCheck =
  | { kind: 'not_archive'; code: string; message: string }
  | { kind: 'checked'; files: number; versions: number; problems: Problem[]; manifest: Manifest | null };

/** manifest.json of 500 units is ~0.5 MB; 10,000 times that is no honest archive. */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const MAX_MANIFEST_HASH_BYTES = 4096;
/** A ledger workbook is read whole to recompute its digest: a 200,000-row ledger is ~10 MB. */
const MAX_WORKBOOK_BYTES = 256 * 1024 * 1024;

const NOT_ZIP = '该文件不是 zip 压缩包，或已被截断、损坏（例如下载未完成），不是完整的台账通证据包。';

/**
 * Checks the archive at `path` entry by entry, reading each file from disk as it goes: memory stays
 * bounded by the manifest and one workbook, whatever the archive's size.
 */
export async function checkArchive(path: string): Promise<ArchiveCheck> {
  let zip: ZipFile;
  try {
    zip = await ZipFile.open(path);
  } catch (e) {
    if (e instanceof NotAZip) return { kind: 'not_archive', code: 'NOT_AN_ARCHIVE', message: NOT_ZIP };
    throw e;
  }
  try {
    return await checkZip(zip);
  } finally {
    await zip.close();
  }
}

async function checkZip(zip: ZipFile): Promise<ArchiveCheck> {
  const entries = zip.entries;
  if (!entries.has(MANIFEST_PATH))
    return { kind: 'not_archive', code: 'NOT_AN_ARCHIVE', message: `压缩包中没有 ${MANIFEST_PATH}，不是台账通证据包。` };
  const problems: Problem[] = [];
  const entryOf = (path: string): ZipFileEntry | null => {
    const e = entries.get(path);
    if (!e) problems.push({ path, code: 'MISSING', message: `${path}：清单中列出的文件不在压缩包中` });
    return e ?? null;
  };
  const damaged = (path: string, e: unknown) => {
    if (!(e instanceof EntryUnreadable)) throw e;
    problems.push({
      path,
      code: 'DAMAGED',
      message: e.bomb ? `${path}：${e.message}，未继续解压` : `${path}：文件已损坏，无法解压（${e.message}）`,
    });
  };
  const small = async (path: string, limit: number): Promise<Uint8Array | null> => {
    const e = entryOf(path);
    if (!e) return null;
    try {
      return await zip.bytes(e, limit);
    } catch (err) {
      damaged(path, err);
      return null;
    }
  };

  const manifestBytes = await small(MANIFEST_PATH, MAX_MANIFEST_BYTES);
  const hashBytes = await small(MANIFEST_HASH_PATH, MAX_MANIFEST_HASH_BYTES);
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

  // Each file streamed once: hashed, and a version's workbook also read back for its digest.
  const ledgers = new Map<string, Manifest['versions']>();
  for (const v of manifest.versions) ledgers.set(v.ledger, [...(ledgers.get(v.ledger) ?? []), v]);
  const listed = new Set([MANIFEST_PATH, MANIFEST_HASH_PATH]);
  const digestProblems: Problem[] = [];
  for (const f of manifest.files) {
    listed.add(f.path);
    if (f.path === MANIFEST_PATH) continue;
    const e = entryOf(f.path);
    if (!e) continue;
    const changed = () =>
      problems.push({ path: f.path, code: 'HASH_MISMATCH', message: `${f.path}：SHA-256 与清单记录的不一致（文件被改动）` });
    if (e.size !== f.bytes) {
      changed(); // not even inflated: its size already differs
      continue;
    }
    const versions = ledgers.get(f.path);
    const keep: Uint8Array[] | null = versions && f.bytes <= MAX_WORKBOOK_BYTES ? [] : null;
    const h = createHash('sha256');
    try {
      for await (const c of zip.chunks(e)) {
        h.update(c);
        keep?.push(c);
      }
    } catch (err) {
      damaged(f.path, err);
      continue;
    }
    if (h.digest('hex') !== f.sha256) {
      changed();
      continue;
    }
    if (!versions) continue;
    let digest: string | null = null;
    try {
      digest = keep ? await ledgerDigest(readLedgerFromXlsx(Buffer.concat(keep), { inflateRaw: nodeInflateRaw })) : null;
    } catch {
      digest = null;
    }
    for (const v of versions)
      if (digest !== v.digest)
        digestProblems.push({
          path: v.ledger,
          code: 'DIGEST_MISMATCH',
          message: `${v.ledger}：${v.unitName} 第 ${v.version} 版台账重新计算的摘要与报送时的摘要（回执号 ${v.receiptNo}）不一致`,
        });
  }
  for (const name of entries.keys())
    if (!listed.has(name) && !name.endsWith('/'))
      problems.push({ path: name, code: 'UNLISTED', message: `${name}：文件不在清单中（被加入）` });
  problems.push(...digestProblems);
  return { kind: 'checked', files: manifest.files.length, versions: manifest.versions.length, problems, manifest };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

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
  let r: ArchiveCheck;
  try {
    if (statSync(path).isDirectory()) return fail('NOT_A_FILE', `“${path}”是一个文件夹，不是证据包。`);
    r = await checkArchive(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    return fail(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_NOT_READABLE',
      code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${code ?? (err as Error).message}`,
    );
  }
  if (r.kind === 'not_archive') return fail(r.code, r.message);
  const ok = r.problems.length === 0;
  if (json) io.stdout(`${JSON.stringify({ ok, files: r.files, versions: r.versions, problems: r.problems })}\n`);
  else if (ok) io.stdout(`核验通过：${r.files} 个文件的 SHA-256 与清单一致，${r.versions} 个台账版本的摘要与报送时一致。\n`);
  else io.stdout(`核验未通过，发现 ${r.problems.length} 处不一致：\n${r.problems.map((p) => `  - ${p.message}`).join('\n')}\n`);
  return ok ? 0 : 1;
}
