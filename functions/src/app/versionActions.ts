// Use cases that change a stored version: the head's sign-off, the seal scan and the office's review.
// Each checks the lifecycle table (domain/lifecycle.ts) inside the storage transaction's retry loop.
import { createHash } from 'node:crypto';
import { MAX_BODY_BYTES, routes, SEAL_CONTENT_TYPES, type Review, type Seal } from '../../../shared/api/contract';
import { AppError, notFound } from '../errors';
import type { Call } from '../services';
import { VersionNotFound, type SubmissionRepository, type UnitState, type VersionRecord } from '../storage';
import { authorizeUnit, sameUser } from '../domain/access';
import { assertAllowed, versionStatus } from '../domain/lifecycle';
import { sniffSealType } from '../domain/sealScan';
import { checkScan, ScanUnreadable, type ScanType } from '../paper/scanCheck';
import { loadVersion, unitContext } from './context';

const MAX_UPLOAD_BYTES = MAX_BODY_BYTES;

/** Changes a version with its audit entry; `change` re-checks the state it is given (it may run again on a conflict). */
async function changeVersion(call: Call, campaignId: string, unitId: string, version: number, change: Parameters<SubmissionRepository['mutateVersion']>[3]) {
  try {
    return await call.s.submissions.mutateVersion(campaignId, unitId, version, change, call.now);
  } catch (e) {
    if (e instanceof VersionNotFound) throw notFound('该版本');
    throw e;
  }
}

function assertCurrent(state: UnitState, version: number) {
  if (state.latestVersion !== version)
    throw new AppError(409, 'VERSION_SUPERSEDED', `第 ${version} 版已被第 ${state.latestVersion} 版取代，请对最新版本操作。`, { latestVersion: state.latestVersion });
}

export async function signOff(call: Call, campaignId: string, unitId: string, version: number, digest: string) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = authorizeUnit(routes.signOff.auth, actor, dir, unitId);
  const [r0, current] = await Promise.all([loadVersion(call, campaignId, unitId, version), call.s.submissions.getState(campaignId, unitId)]);
  // A retried sign-off (lost response) of the current version's digest by the same head answers as the first did.
  if (current?.latestVersion === version && r0.signOff?.digest === digest && sameUser(r0.signOff.userId, actor.userId)) return { signOff: r0.signOff };
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    assertCurrent(state, version);
    if (digest !== r.digest) throw new AppError(409, 'DIGEST_MISMATCH', '签字的摘要与该版本台账的摘要不一致：台账可能已变动，请核对后对最新版本签字。', { expected: r.digest });
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

export async function uploadSeal(call: Call, campaignId: string, unitId: string, version: number, contentType: string, bytes: Uint8Array): Promise<{ seal: Seal }> {
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
  const scan = await checkSealScan(bytes, contentType as ScanType, r0);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await call.s.seals.put(call.s.seals.blobName(campaignId, unitId, version, sha256, contentType), bytes, contentType, sha256);
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    checkState(state, r);
    const seal: Seal = { sha256, contentType: contentType as Seal['contentType'], bytes: bytes.length, at: call.now.toISOString(), userId: actor.userId, qr: scan.qr };
    return {
      record: { ...r, seal },
      state: r.signOff ? { ...state, firstReportedAt: state.firstReportedAt ?? seal.at } : state,
      audit: { userId: actor.userId, role: who.role, action: 'seal', unitId, version, digest: r.digest, details: { sha256, contentType, bytes: bytes.length, qr: scan.qr, replaced: r.seal?.sha256 ?? null } },
    };
  });
  return { seal: record.seal! };
}

/** Decodes the scan and reads its QR code: 422 when unreadable or another version's; else matched / not_found. */
async function checkSealScan(bytes: Uint8Array, type: ScanType, r: VersionRecord): Promise<{ qr: 'matched' | 'not_found' }> {
  let verdict;
  try {
    verdict = await checkScan(bytes, type, { receiptNo: r.receiptNo, digest: r.digest });
  } catch (e) {
    if (e instanceof ScanUnreadable) throw new AppError(422, 'SEAL_SCAN_UNREADABLE', `扫描件无法读取：${e.reason}请上传真实的 PDF、PNG 或 JPEG 扫描件。`);
    throw e;
  }
  if (verdict.qr === 'mismatch') {
    const whose = verdict.unitId === r.unitId ? `第 ${verdict.version} 版` : `单位 ${verdict.unitId} 的第 ${verdict.version} 版`;
    throw new AppError(422, 'SEAL_SCAN_MISMATCH', `扫描件上的二维码属于${whose}台账（回执号 ${verdict.claim.receiptNo}），不是第 ${r.version} 版。请打印第 ${r.version} 版的签字盖章页，签字盖章后重新扫描上传。`, {
      receiptNo: verdict.claim.receiptNo,
      unitId: verdict.unitId,
      version: verdict.version,
      expectedReceiptNo: r.receiptNo,
    });
  }
  return { qr: verdict.qr };
}

export async function review(call: Call, campaignId: string, unitId: string, version: number, decision: Review['decision'], reasons: string[]) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = authorizeUnit(routes.review.auth, actor, dir, unitId);
  await loadVersion(call, campaignId, unitId, version);
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    assertCurrent(state, version);
    assertAllowed(versionStatus(r), decision, version);
    const rv: Review = { decision, reasons, userId: actor.userId, name: who.name, at: call.now.toISOString() };
    return {
      record: { ...r, reviews: [...r.reviews, rv] },
      state: { ...state, firstAcceptedAt: decision === 'accept' ? (state.firstAcceptedAt ?? rv.at) : state.firstAcceptedAt },
      audit: { userId: actor.userId, role: who.role, action: `review.${decision}`, unitId, version, digest: r.digest, details: { reasons } },
    };
  });
  return { review: record.reviews.at(-1)!, status: versionStatus(record) };
}
