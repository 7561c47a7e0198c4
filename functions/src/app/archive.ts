// The campaign's evidence archive (GET /campaigns/{c}/archive.zip), streamed: per unit and version the
// ledger as a workbook and the sign-off page as PDF (rendered by `render`, on the worker pool in the
// app) and the seal scan; the audit trail; manifest.json with every file's SHA-256 and every version's
// digest recomputed from the workbook in the archive, then manifest.sha256. Files go into the zip as
// soon as a unit is ready, a few units read ahead; nothing but those units and the manifest's lines is
// held in memory.
import { createHash } from 'node:crypto';
import { Zip } from 'fflate';
import { ARCHIVE_FORMAT, MANIFEST_HASH_PATH, MANIFEST_PATH, type ArchiveVersion, type Manifest } from '../../../shared/archive/manifest';
import type { Call } from '../services';
import { auditAction } from '../storage/audit';
import { authorizeCampaign } from '../domain/access';
import { routes } from '../../../shared/api/contract';
import { loadDirectory } from './context';
import type { Directory } from '../storage';
import type { AuditEntry } from '../../../shared/api/contract';
import type { Actor } from '../domain/access';
import type { ArchiveRenderer } from '../work/pool';
import { versionStatus } from '../domain/lifecycle';
import { addMember, deflatedMember, storedMember, type ZipMember } from '../documents/zipEntry';
import type { ArchiveVersionFiles, ArchiveVersionTask } from '../documents/archiveVersion';
import { signOffFacts } from '../documents/signoffModel';
import { inOrderAhead } from '../infra/inOrderAhead';

const READ_AHEAD = 4;
const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };
const FIXED = new Date(Date.UTC(2026, 0, 1));

interface ArchiveFile {
  path: string;
  member: ZipMember;
  sha256: string;
  bytes: number;
}

const sha256 = (chunks: readonly Uint8Array[]) => {
  const h = createHash('sha256');
  for (const c of chunks) h.update(c);
  return h.digest('hex');
};
const jsonFile = (path: string, value: unknown): ArchiveFile => {
  const bytes = new TextEncoder().encode(JSON.stringify(value, null, 1));
  return { path, member: deflatedMember(bytes), sha256: sha256([bytes]), bytes: bytes.length };
};

/**
 * Authorises (office), takes the instance's archive slot (503 BUSY while another archive is built) and
 * records the access before the first byte, then returns the stream. The versions' workbooks and PDFs
 * are rendered on the worker pool's archive thread; `inline` renders them in this thread (tests).
 */
export async function openArchive(call: Call, campaignId: string, apiBase: string, opts: { inline?: boolean } = {}) {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.archive.auth, actor, dir);
  const renderer = call.s.work.archiveRenderer();
  try {
    return await openAuthorised(call, campaignId, apiBase, dir, actor, renderer, opts.inline === true);
  } catch (e) {
    renderer.release();
    throw e;
  }
}

async function openAuthorised(
  call: Call,
  campaignId: string,
  apiBase: string,
  dir: Directory,
  actor: Actor,
  renderer: ArchiveRenderer,
  inline: boolean,
) {
  // Loaded only when rendering here: the request thread need not hold pdfkit, fontkit and ExcelJS.
  const here = async (task: ArchiveVersionTask) => (await import('../documents/archiveVersion')).renderArchiveVersion(task);
  const render = async (task: ArchiveVersionTask): Promise<ArchiveVersionFiles> => {
    if (inline) return here(task);
    try {
      return await renderer.render(task);
    } catch (e) {
      // Too big for the archive thread's small heap (pool.ts): this one version is rendered here.
      if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return here(task);
      throw e;
    }
  };
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
  // Every unit's trail in one query when the first unit needs it, not one query per unit.
  let trailsRead: Promise<Map<string, AuditEntry[]>> | undefined;
  const unitTrail = async (u: string) => (await (trailsRead ??= call.s.audit.listUnits(campaignId))).get(u) ?? [];
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
      const scan = r.seal
        ? call.s.seals.getChunks(call.s.seals.blobName(campaignId, u, v, r.seal.sha256, r.seal.contentType))
        : Promise.resolve(null);
      scan.catch(() => undefined); // awaited below, after the render
      const done = await render({ ledger, facts, createdAt: FIXED });
      // The workbook must give back exactly what was signed, or the archive would not verify.
      if (done.digest !== r.digest) throw new Error(`archive: ${u} v${v} workbook digest ${done.digest} ≠ signed ${r.digest}`);
      files.push({ path: `${base}/ledger.xlsx`, ...done.ledger }, { path: `${base}/signoff.pdf`, ...done.signoff });
      const chunks = await scan;
      const seal = r.seal && chunks ? `${base}/seal.${EXT[r.seal.contentType] ?? 'bin'}` : null;
      if (seal && chunks) {
        const member = storedMember(chunks);
        files.push({ path: seal, member, sha256: sha256(chunks), bytes: member.size });
      }
      versions.push({
        unitId: u,
        unitName: unitName(u),
        version: v,
        receiptNo: r.receiptNo,
        submittedAt: r.submittedAt,
        status: versionStatus(r),
        superseded: v < state.latestVersion,
        digest: done.digest,
        ledger: `${base}/ledger.xlsx`,
        signoff: `${base}/signoff.pdf`,
        seal,
        sealQr: r.seal ? (r.seal.qr ?? 'not_found') : null,
      });
    }
    files.push(jsonFile(`units/${u}/audit.json`, await unitTrail(u)));
    return { files, versions };
  }

  async function* stream(): AsyncGenerator<Uint8Array> {
    renderer.started();
    try {
      yield* zipStream();
    } finally {
      renderer.release();
    }
  }

  async function* zipStream(): AsyncGenerator<Uint8Array> {
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
      addMember(zip, f.path, f.member, FIXED);
      manifest.files.push({ path: f.path, sha256: f.sha256, bytes: f.bytes });
    };
    for await (const unit of inOrderAhead(states, READ_AHEAD, unitFiles)) {
      for (const f of unit.files) add(f);
      manifest.versions.push(...unit.versions);
      if (failed) throw failed;
      while (out.length) yield out.shift()!;
    }
    add(jsonFile('audit.json', await call.s.audit.list(campaignId)));
    const text = new TextEncoder().encode(JSON.stringify(manifest, null, 1));
    add({ path: MANIFEST_PATH, member: deflatedMember(text), sha256: sha256([text]), bytes: text.length });
    addMember(zip, MANIFEST_HASH_PATH, storedMember(new TextEncoder().encode(`${sha256([text])}  ${MANIFEST_PATH}\n`)), FIXED);
    zip.end();
    if (failed) throw failed;
    while (out.length) yield out.shift()!;
  }

  return { filename: `证据包-${dir.campaign.title}-${campaignId}.zip`, units: states.length, stream };
}
