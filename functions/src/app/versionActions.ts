// Use cases that change a stored version: the head's sign-off, the seal scan and the review (the
// supervising department's endorsement, the office's acceptance, returns with notes, reopening).
// Each checks the lifecycle table (domain/lifecycle.ts) inside the storage transaction's retry loop.
import { createHash } from 'node:crypto';
import {
  MAX_BODY_BYTES,
  routes,
  SEAL_CONTENT_TYPES,
  type Review,
  type ReviewBody,
  type ReviewNote,
  type Role,
  type Seal,
  type StoredReviewNote,
} from '../../../shared/api/contract';
import { resolveNote } from '../../../shared/ledger/reviewNotes';
import { AppError, notFound } from '../errors';
import type { Call } from '../services';
import { VersionNotFound, type Directory, type SubmissionRepository, type UnitState, type VersionRecord } from '../storage';
import { authorizeUnit, requireOffice, requireUnitRole, sameUser, type Actor } from '../domain/access';
import { reviewerMembership, reviewerOf, type UnitReviewer } from '../domain/reviewChain';
import { assertAllowed, versionStatus, type LifecycleAction } from '../domain/lifecycle';
import { sniffSealType } from '../domain/sealScan';
import { judgeClaims, ScanUnreadable, type ScanType } from '../documents/scan/verdict';
import { loadVersion, unitContext } from './context';

const MAX_UPLOAD_BYTES = MAX_BODY_BYTES;

/** Changes a version with its audit entry; `change` re-checks the state it is given (it may run again on a conflict). */
async function changeVersion(
  call: Call,
  campaignId: string,
  unitId: string,
  version: number,
  change: Parameters<SubmissionRepository['mutateVersion']>[3],
) {
  try {
    return await call.s.submissions.mutateVersion(campaignId, unitId, version, change, call.now);
  } catch (e) {
    if (e instanceof VersionNotFound) throw notFound('该版本');
    throw e;
  }
}

function assertCurrent(state: UnitState, version: number) {
  if (state.latestVersion !== version)
    throw new AppError(409, 'VERSION_SUPERSEDED', `第 ${version} 版已被第 ${state.latestVersion} 版取代，请对最新版本操作。`, {
      latestVersion: state.latestVersion,
    });
}

export async function signOff(call: Call, campaignId: string, unitId: string, version: number, digest: string) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = authorizeUnit(routes.signOff.auth, actor, dir, unitId);
  const [r0, current] = await Promise.all([
    loadVersion(call, campaignId, unitId, version),
    call.s.submissions.getState(campaignId, unitId),
  ]);
  // A retried sign-off (lost response) of the current version's digest by the same head answers as the first did.
  if (current?.latestVersion === version && r0.signOff?.digest === digest && sameUser(r0.signOff.userId, actor.userId))
    return { signOff: r0.signOff };
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    assertCurrent(state, version);
    // Our own first try landed but its answer was lost (the storage client retried): answer as it would have.
    if (r.signOff?.digest === digest && sameUser(r.signOff.userId, actor.userId)) return null;
    if (digest !== r.digest)
      throw new AppError(409, 'DIGEST_MISMATCH', '签字的摘要与该版本台账的摘要不一致：台账可能已变动，请核对后对最新版本签字。', {
        expected: r.digest,
      });
    assertAllowed(versionStatus(r), 'signOff', version);
    const signOff = { userId: actor.userId, name: who.name, at: call.now.toISOString(), digest };
    return {
      record: { ...r, signOff },
      // Signed after the scan was uploaded: the unit is reported now.
      state: r.seal ? { ...state, firstReportedAt: state.firstReportedAt ?? signOff.at } : state,
      audit: { userId: actor.userId, role: who.role, action: 'signoff', unitId, version, digest, details: { name: who.name } },
    };
  });
  return { signOff: record.signOff! };
}

export async function uploadSeal(
  call: Call,
  campaignId: string,
  unitId: string,
  version: number,
  contentType: string,
  bytes: Uint8Array,
): Promise<{ seal: Seal }> {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = authorizeUnit(routes.seal.auth, actor, dir, unitId);
  if (!(SEAL_CONTENT_TYPES as readonly string[]).includes(contentType))
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '盖章扫描件只接受 PDF、PNG 或 JPEG 格式。', { accepted: SEAL_CONTENT_TYPES });
  if (bytes.length === 0) throw new AppError(400, 'VALIDATION_FAILED', '上传的扫描件是空文件。');
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError(413, 'PAYLOAD_TOO_LARGE', '扫描件超过 10 MB，请降低分辨率后重新上传。');
  if (sniffSealType(bytes) !== contentType)
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '文件内容与声明的格式不符，请上传真实的 PDF、PNG 或 JPEG 扫描件。');
  // Refuse early (before writing the blob) when the state does not allow a seal.
  const current = await call.s.submissions.getState(campaignId, unitId);
  const r0 = await loadVersion(call, campaignId, unitId, version);
  const checkState = (state: UnitState, r: VersionRecord) => {
    assertCurrent(state, version);
    // The scan may come before or after the digital sign-off; the unit is reported once both exist.
    assertAllowed(versionStatus(r), 'seal', version);
  };
  if (current) checkState(current, r0);
  const scan = await checkSealScan(call, bytes, contentType as ScanType, r0);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await call.s.seals.put(call.s.seals.blobName(campaignId, unitId, version, sha256, contentType), bytes, contentType, sha256);
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    checkState(state, r);
    const seal: Seal = {
      sha256,
      contentType: contentType as Seal['contentType'],
      bytes: bytes.length,
      at: call.now.toISOString(),
      userId: actor.userId,
      qr: scan.qr,
    };
    return {
      record: { ...r, seal },
      state: r.signOff ? { ...state, firstReportedAt: state.firstReportedAt ?? seal.at } : state,
      audit: {
        userId: actor.userId,
        role: who.role,
        action: 'seal',
        unitId,
        version,
        digest: r.digest,
        details: { sha256, contentType, bytes: bytes.length, qr: scan.qr, replaced: r.seal?.sha256 ?? null },
      },
    };
  });
  return { seal: record.seal! };
}

/** Decodes the scan and reads its QR code: 422 when unreadable or another version's; else matched / not_found. */
async function checkSealScan(call: Call, bytes: Uint8Array, type: ScanType, r: VersionRecord): Promise<{ qr: 'matched' | 'not_found' }> {
  let verdict;
  try {
    // On the worker pool (decoding a 300-dpi page is ~0.5 s of CPU); 503 BUSY when the pool is full.
    verdict = judgeClaims(await call.s.work.scanClaims(bytes, type), { receiptNo: r.receiptNo, digest: r.digest });
  } catch (e) {
    if (e instanceof ScanUnreadable)
      throw new AppError(422, 'SEAL_SCAN_UNREADABLE', `扫描件无法读取：${e.reason}请上传真实的 PDF、PNG 或 JPEG 扫描件。`);
    throw e;
  }
  if (verdict.qr === 'mismatch') {
    const whose = verdict.unitId === r.unitId ? `第 ${verdict.version} 版` : `单位 ${verdict.unitId} 的第 ${verdict.version} 版`;
    throw new AppError(
      422,
      'SEAL_SCAN_MISMATCH',
      `扫描件上的二维码属于${whose}台账（回执号 ${verdict.claim.receiptNo}），不是第 ${r.version} 版。请打印第 ${r.version} 版的签字盖章页，签字盖章后重新扫描上传。`,
      {
        receiptNo: verdict.claim.receiptNo,
        unitId: verdict.unitId,
        version: verdict.version,
        expectedReceiptNo: r.receiptNo,
      },
    );
  }
  return { qr: verdict.qr };
}

/**
 * POST …/review. The office accepts, returns or reopens; the unit's nearest supervising department
 * (domain/reviewChain.ts) endorses or returns a sealed version first, and then only an endorsed version
 * can be accepted (lifecycle action `acceptEndorsed`). A return may pin notes to rows or cells of the
 * version; each is stored with the person on that row, so later versions can tell whether it changed.
 */
export async function review(call: Call, campaignId: string, unitId: string, version: number, body: ReviewBody) {
  const { decision, reasons } = body;
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const reviewer = reviewerOf(dir, unitId);
  const who = authorizeReview(actor, dir, unitId, decision, reviewer);
  const r0 = await loadVersion(call, campaignId, unitId, version);
  const notes = body.notes?.length ? await resolveNotes(call, campaignId, unitId, r0.submissionId, version, body.notes) : undefined;
  const action: LifecycleAction = decision === 'accept' && reviewer ? 'acceptEndorsed' : decision;
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    assertCurrent(state, version);
    // A retry of the decision that is already the version's last (same decision, reasons and reviewer):
    // its first response was lost; answer with that review instead of refusing the new state.
    const last = r.reviews.at(-1);
    if (
      last &&
      last.decision === decision &&
      sameUser(last.userId, actor.userId) &&
      JSON.stringify(last.reasons) === JSON.stringify(reasons)
    )
      return null;
    assertAllowed(versionStatus(r), action, version);
    const rv: Review = { decision, reasons, userId: actor.userId, name: who.name, at: call.now.toISOString(), ...(notes ? { notes } : {}) };
    return {
      record: { ...r, reviews: [...r.reviews, rv] },
      state: {
        ...state,
        firstAcceptedAt: decision === 'accept' ? (state.firstAcceptedAt ?? rv.at) : state.firstAcceptedAt,
        firstEndorsedAt: decision === 'endorse' ? (state.firstEndorsedAt ?? rv.at) : state.firstEndorsedAt,
      },
      audit: {
        userId: actor.userId,
        role: who.role,
        action: `review.${decision}`,
        unitId,
        version,
        digest: r.digest,
        details: { reasons, notes: notes?.length ?? 0 },
      },
    };
  });
  return { review: record.reviews.at(-1)!, status: versionStatus(record) };
}

/** Who may take `decision` on the unit: 403 (naming the reviewing department) or 409 when there is no such step. */
function authorizeReview(
  actor: Actor,
  dir: Directory,
  unitId: string,
  decision: Review['decision'],
  reviewer: UnitReviewer | null,
): { role: Role; name: string } {
  const asReviewer = reviewerMembership(actor, reviewer);
  const elsewhere = () =>
    new AppError(
      403,
      'FORBIDDEN',
      reviewer ? `该单位的台账由主管部门“${reviewer.name}”审核，您不能代为审核。` : '只有领导小组办公室可以审核该单位的台账。',
    );
  if (decision === 'endorse') {
    if (!reviewer) {
      // Only those who could review it learn why not.
      requireUnitRole(actor, dir, unitId, ['office', 'supervisor']);
      throw new AppError(409, 'INVALID_STATE', '该单位没有主管部门审核环节，台账直接报领导小组办公室审核。', { reviewer: null });
    }
    if (!asReviewer) throw elsewhere();
    return asReviewer;
  }
  if (decision === 'return') {
    if (actor.office) return requireOffice(actor);
    if (asReviewer) return asReviewer;
    throw elsewhere();
  }
  if (!actor.office)
    throw new AppError(
      403,
      'FORBIDDEN',
      decision === 'accept'
        ? '只有领导小组办公室可以审核通过；主管部门请选择“主管部门审核通过”。'
        : '只有领导小组办公室可以重新打开已审核通过的台账。',
    );
  return requireOffice(actor);
}

/** Notes resolved against the version's rows; 400 naming those that point nowhere. */
async function resolveNotes(
  call: Call,
  campaignId: string,
  unitId: string,
  submissionId: string,
  version: number,
  notes: ReviewNote[],
): Promise<StoredReviewNote[]> {
  const { ledger } = await call.s.rows.read(campaignId, unitId, submissionId, { validate: false });
  const out: StoredReviewNote[] = [];
  const bad: string[] = [];
  notes.forEach((n, i) => {
    const r = resolveNote(n, ledger, version);
    if (r === 'row') bad.push(`第 ${i + 1} 条标注：第 ${version} 版“${n.sheet}”没有第 ${n.row} 行`);
    else if (r === 'column') bad.push(`第 ${i + 1} 条标注：“${n.column}”不是该表的列`);
    else out.push({ ...r, sheet: n.sheet });
  });
  if (bad.length > 0)
    throw new AppError(400, 'VALIDATION_FAILED', `审核标注无效：${bad.slice(0, 5).join('；')}`, {
      fieldErrors: { notes: bad },
      formErrors: [],
    });
  return out;
}
