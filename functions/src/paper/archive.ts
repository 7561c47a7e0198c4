// The campaign's evidence archive (GET /campaigns/{c}/archive.zip), streamed: per unit and version the
// ledger as a workbook (its digest recomputed from the workbook must equal the stored one), the sign-off
// page as PDF and the seal scan; the audit trail; manifest.json with every file's SHA-256 and every
// version's digest, then manifest.sha256. Files go into the zip as soon as a unit is ready, a few units
// read ahead; nothing but the current units and the manifest's lines is held in memory.
import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { ledgerDigest } from '../../../shared/ledger/canonical';
import { readLedgerFromXlsx } from '../../../shared/ledger/fromXlsx';
import { ARCHIVE_FORMAT, MANIFEST_HASH_PATH, MANIFEST_PATH, type ArchiveVersion, type Manifest } from '../../../shared/archive/manifest';
import type { Call } from '../services';
import { auditAction } from '../storage/audit';
import { authorizeCampaign } from '../domain/access';
import { routes } from '../../../shared/api/contract';
import { loadDirectory } from '../app/context';
import { versionStatus } from '../domain/lifecycle';
import { ledgerWorkbook } from './ledgerWorkbook';
import { signOffFacts } from './signoffModel';
import { renderSignOffPdf } from './signoffPdf';

const READ_AHEAD = 4;
const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };
const FIXED = new Date(Date.UTC(2026, 0, 1));

interface ArchiveFile {
  path: string;
  bytes: Uint8Array;
  /** Already compressed (xlsx, pdf, images): stored, not deflated again. */
  stored: boolean;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Authorises (office) and records the access before the first byte, then returns the stream. */
export async function openArchive(call: Call, campaignId: string, apiBase: string) {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.archive.auth, actor, dir);
  const states = (await call.s.submissions.listStates(campaignId))
    .filter((s) => dir.units.has(s.unitId))
    .sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
  await call.s.storage.table('campaigns').submitTransaction([
    auditAction(
      campaignId,
      {
        userId: actor.userId,
        role: 'office',
        action: 'archive.download',
        unitId: null,
        version: null,
        digest: null,
        details: { scope: 'campaign', names: 'full', units: states.length },
      },
      call.now,
    ),
  ]);
  const unitName = (u: string) => dir.units.get(u)?.name ?? u;
  const headName = (u: string) => dir.members.find((m) => m.unitId === u && m.role === 'head')?.name ?? '';
  const memberName = (id: string) => dir.members.find((m) => m.userId.toLowerCase() === id.toLowerCase())?.name;

  /** Every file of one unit: each version's ledger, sign-off PDF and scan, and the unit's audit trail. */
  async function unitFiles(state: (typeof states)[number]): Promise<{ files: ArchiveFile[]; versions: ArchiveVersion[] }> {
    const u = state.unitId;
    const files: ArchiveFile[] = [];
    const versions: ArchiveVersion[] = [];
    for (let v = 1; v <= state.latestVersion; v++) {
      const r = await call.s.submissions.getVersion(campaignId, u, v);
      if (!r) continue;
      const { ledger, issues } = await call.s.rows.read(campaignId, u, r.submissionId, { validate: false });
      const base = `units/${u}/v${v}`;
      const xlsx = await ledgerWorkbook(ledger);
      const facts = signOffFacts({
        campaignTitle: dir.campaign.title,
        unitName: unitName(u),
        unitId: u,
        creditCode: String(ledger.unit?.values.creditCode ?? ''),
        receiptNo: r.receiptNo,
        version: v,
        submittedAt: r.submittedAt,
        submitterName: memberName(r.submittedBy) ? `${memberName(r.submittedBy)}（${r.submittedBy}）` : r.submittedBy,
        summary: r.summary,
        digest: r.digest,
        sm3: r.sm3 ?? null,
        issues,
        superseded: v < state.latestVersion,
        headName: headName(u),
        printedAt: call.now,
        apiBase,
      });
      files.push(
        { path: `${base}/ledger.xlsx`, bytes: xlsx, stored: true },
        { path: `${base}/signoff.pdf`, bytes: new Uint8Array(await renderSignOffPdf(facts, FIXED)), stored: true },
      );
      let seal: string | null = null;
      if (r.seal) {
        seal = `${base}/seal.${EXT[r.seal.contentType] ?? 'bin'}`;
        const bytes = new Uint8Array(await call.s.seals.get(call.s.seals.blobName(campaignId, u, v, r.seal.sha256, r.seal.contentType)));
        files.push({ path: seal, bytes, stored: true });
      }
      versions.push({
        unitId: u,
        unitName: unitName(u),
        version: v,
        receiptNo: r.receiptNo,
        submittedAt: r.submittedAt,
        status: versionStatus(r),
        superseded: v < state.latestVersion,
        digest: r.digest,
        ledger: `${base}/ledger.xlsx`,
        signoff: `${base}/signoff.pdf`,
        seal,
        sealQr: r.seal ? (r.seal.qr ?? 'not_found') : null,
      });
    }
    const trail = await call.s.audit.listUnit(campaignId, u);
    files.push({ path: `units/${u}/audit.json`, bytes: new TextEncoder().encode(JSON.stringify(trail, null, 1)), stored: false });
    return { files, versions };
  }

  async function* stream(): AsyncGenerator<Uint8Array> {
    const out: Uint8Array[] = [];
    let failed: unknown = null;
    const zip = new Zip((err, chunk) => {
      if (err) failed = err;
      else out.push(chunk);
    });
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      campaignId,
      title: dir.campaign.title,
      createdAt: call.now.toISOString(),
      createdBy: actor.userId,
      files: [],
      versions: [],
    };
    const add = (f: ArchiveFile) => {
      const entry = f.stored ? new ZipPassThrough(f.path) : new ZipDeflate(f.path, { level: 6 });
      entry.mtime = FIXED;
      zip.add(entry);
      entry.push(f.bytes, true);
      manifest.files.push({ path: f.path, sha256: sha256(f.bytes), bytes: f.bytes.length });
    };
    const pending: Promise<Awaited<ReturnType<typeof unitFiles>>>[] = [];
    let next = 0;
    const more = () => {
      while (next < states.length && pending.length < READ_AHEAD) {
        const p = unitFiles(states[next++]);
        p.catch(() => undefined); // awaited below; avoid an unhandled rejection while queued
        pending.push(p);
      }
    };
    more();
    while (pending.length > 0) {
      const unit = await pending.shift()!;
      more();
      for (const f of unit.files) add(f);
      manifest.versions.push(...unit.versions);
      if (failed) throw failed;
      while (out.length) yield out.shift()!;
    }
    add({
      path: 'audit.json',
      bytes: new TextEncoder().encode(JSON.stringify(await call.s.audit.list(campaignId), null, 1)),
      stored: false,
    });
    const text = new TextEncoder().encode(JSON.stringify(manifest, null, 1));
    add({ path: MANIFEST_PATH, bytes: text, stored: false });
    const hash = new TextEncoder().encode(`${sha256(text)}  ${MANIFEST_PATH}\n`);
    const e = new ZipPassThrough(MANIFEST_HASH_PATH);
    e.mtime = FIXED;
    zip.add(e);
    e.push(hash, true);
    zip.end();
    if (failed) throw failed;
    while (out.length) yield out.shift()!;
  }

  return { filename: `证据包-${dir.campaign.title}-${campaignId}.zip`, units: states.length, stream };
}

/** Recomputes a workbook's digest as verify-archive does (used by tests and the benchmark). */
export async function workbookDigest(xlsx: Uint8Array): Promise<string> {
  return ledgerDigest(readLedgerFromXlsx(xlsx));
}
