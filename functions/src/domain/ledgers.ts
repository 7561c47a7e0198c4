// A unit's ledger: submission (server-side re-check, digest, receipt number, idempotency, optimistic
// concurrency), the head's sign-off, the seal scan and the office's review.
import { createHash } from 'node:crypto';
import { MAX_BODY_BYTES, SEAL_CONTENT_TYPES, type Review, type Seal, type SubmissionView, type SubmitResult, type UnitView } from '../../../shared/api/contract';
import type { CheckResult, Issue, Ledger } from '../../../shared/ledger/schema';
import { checkLedger } from '../../../shared/rules/engine';
import { AppError, notFound } from '../errors';
import type { Call } from '../services';
import { VersionNotFound, type Directory, type SubmissionRepository, type UnitState, type VersionRecord } from '../storage';
import { jsonTexts } from '../storage/rows';
import { requireUnitRole, sameUser, type Actor } from './access';
import { loadDirectory } from './campaigns';
import { ledgerDigests, ledgerDigestsInTurns } from './digest';
import { capIssues } from './issueCap';
import type { Stages } from './stages';
import { isReported, unitMilestones, unitStatus, versionStatus } from './status';
import { chinaDay } from './time';

const MAX_UPLOAD_BYTES = MAX_BODY_BYTES;
/** Characters of JSON one roster row may take: far above any real row, well below a table entity's 1 MiB. */
const MAX_ROW_CHARS = 100_000;
const READ_ROLES = ['liaison', 'head', 'leader', 'supervisor', 'office'] as const;

async function unitContext(call: Call, campaignId: string, unitId: string): Promise<{ dir: Directory; actor: Actor }> {
  const ctx = await loadDirectory(call, campaignId);
  if (!ctx.dir.units.has(unitId)) throw notFound(`单位（${unitId}）`);
  return ctx;
}

const conflict = (code: 'SUBMISSION_LOCKED' | 'DIGEST_MISMATCH' | 'VERSION_SUPERSEDED' | 'INVALID_STATE' | 'IDEMPOTENCY_KEY_REUSED', message: string, details?: unknown) =>
  new AppError(409, code, message, details);

/** 回执号: TZ-{China date of submission}-{unitId}-V{version}-{first 6 hex of the digest}. */
export function receiptNumber(unitId: string, version: number, digest: string, at: Date): string {
  return `TZ-${chinaDay(at).replaceAll('-', '')}-${unitId}-V${version}-${digest.slice(0, 6).toUpperCase()}`;
}

function toResult(r: VersionRecord, issues: Issue[]): SubmitResult {
  return { version: r.version, digest: r.digest, sm3: r.sm3, receiptNo: r.receiptNo, submittedAt: r.submittedAt, summary: r.summary, ...capIssues(issues) };
}

/** The storage reads a submission starts with; see `prefetchSubmission`. */
export interface SubmissionPrefetch {
  keyHash: string;
  context: Promise<{ dir: Directory; actor: Actor }>;
  prior: Promise<{ version: number; digest: string } | null>;
  state: Promise<UnitState | null>;
}

/**
 * Starts the reads a submission needs (directory, idempotency record, unit state) so that they run
 * while the request body is parsed and checked. Results are only looked at in `submit`, in the same
 * order as before (access first), so errors and their precedence do not change.
 */
export function prefetchSubmission(call: Call, campaignId: string, unitId: string, idempotencyKey: string): SubmissionPrefetch {
  const keyHash = createHash('sha256').update(idempotencyKey).digest('hex');
  const p: SubmissionPrefetch = {
    keyHash,
    context: unitContext(call, campaignId, unitId),
    prior: call.s.submissions.findIdempotent(campaignId, unitId, keyHash),
    state: call.s.submissions.getState(campaignId, unitId),
  };
  // A request may fail (bad body) before awaiting these: never leave a rejection unhandled.
  for (const x of [p.context, p.prior, p.state]) x.catch(() => undefined);
  return p;
}

export async function submit(
  call: Call,
  campaignId: string,
  unitId: string,
  ledger: Ledger,
  idempotencyKey: string,
  pre: SubmissionPrefetch = prefetchSubmission(call, campaignId, unitId, idempotencyKey),
  stages?: Stages,
  /** The check already made (on a worker thread, as of the same day), if any. */
  checked?: CheckResult,
): Promise<{ status: 200 | 201; body: SubmitResult }> {
  const { submissions, rows } = call.s;
  const { keyHash } = pre;
  // CPU work first, while the prefetched reads are in flight; none of it can fail on a validated ledger.
  const rowTexts = jsonTexts(ledger.roster?.rows ?? []);
  // Never trust the client's check: errors block, warnings and findings never do. As of the China day
  // the server receives the ledger, not the 填报日期 typed into it (FILING_DATE_OUT_OF_RANGE checks that).
  const asOf = chinaDay(call.now);
  const check = checked ?? checkLedger(ledger, { asOf });
  stages?.mark('check');
  const { dir, actor } = await pre.context;
  const who = requireUnitRole(actor, dir, unitId, ['liaison']);
  const tooLong = rowTexts.findIndex((t) => t.length > MAX_ROW_CHARS);
  if (tooLong >= 0 || JSON.stringify(ledger.unit ?? {}).length > MAX_ROW_CHARS)
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', tooLong >= 0 ? `第 ${ledger.roster!.rows[tooLong].row} 行内容过长，无法保存，请检查是否误粘贴了大量文字。` : '单位基本情况内容过长，无法保存。');

  // The digests: computed beside the rows write below, or here when a replay needs them first.
  let digests: { sha256: string; sm3: string | null } | null = null;
  // A retry of a stored submission: same body, nothing new stored.
  const replay = async (version: number, storedDigest: string) => {
    digests ??= ledgerDigests(ledger);
    if (storedDigest !== digests.sha256) throw conflict('IDEMPOTENCY_KEY_REUSED', '该幂等键（Idempotency-Key）已用于另一份台账，请为新的报送使用新的键。');
    const r = await submissions.getVersion(campaignId, unitId, version);
    if (!r) throw new Error('idempotent version missing');
    const { issues } = await rows.read(campaignId, unitId, r.submissionId);
    return { status: 200 as const, body: toResult(r, issues) };
  };
  const prior = await pre.prior;
  if (prior) return replay(prior.version, prior.digest);

  if (check.summary.errors > 0) {
    throw new AppError(422, 'LEDGER_INVALID', `台账有 ${check.summary.errors} 处错误，请修改后再报送（问题发现不影响报送）。`, {
      summary: check.summary,
      ...capIssues(check.issues),
    });
  }
  const lockedCheck = (state: UnitState | null) => {
    if (state && versionStatus(state.latest) === 'accepted')
      throw conflict('SUBMISSION_LOCKED', `第 ${state.latestVersion} 版已审核通过，台账已锁定；如需修改，请联系领导小组办公室重新打开。`);
  };
  const state = await pre.state;
  lockedCheck(state);
  stages?.mark('wait');

  // Rows first (invisible until the header exists), then the header as the commit point.
  const writing = rows.write(campaignId, unitId, ledger, check.issues, rowTexts);
  writing.catch(() => undefined); // awaited below; not "unhandled" while the digests are computed
  digests = await ledgerDigestsInTurns(ledger);
  const { sha256: digest, sm3 } = digests;
  const submissionId = await writing;
  stages?.mark('store');
  // The caller has given up by now (its client timed out): committing would make a version whose
  // receipt nobody holds. Its rows stay unreferenced; a retry with the same key starts afresh.
  if (Date.now() > (call.receivedAt ?? Date.now()) + call.s.settings.SUBMISSION_DEADLINE_MS)
    throw new AppError(503, 'STORAGE_UNAVAILABLE', '存储服务响应过慢，本次报送已放弃、未生效，请稍后重试。', { reason: 'DEADLINE' });
  const { record, created } = await submissions.commitVersion(
    campaignId,
    unitId,
    keyHash,
    (state) => {
      lockedCheck(state);
      const version = (state?.latestVersion ?? 0) + 1;
      return {
        campaignId,
        unitId,
        version,
        submissionId,
        digest,
        sm3,
        receiptNo: receiptNumber(unitId, version, digest, call.now),
        submittedAt: call.now.toISOString(),
        submittedBy: actor.userId,
        asOf,
        idempotencyKey,
        summary: check.summary,
        signOff: null,
        seal: null,
        reviews: [],
      };
    },
    (r) => ({ userId: actor.userId, role: who.role, action: 'submission.create', unitId, version: r.version, digest: r.digest, details: { receiptNo: r.receiptNo, rows: r.summary.rows, findings: r.summary.findings } }),
    call.now,
    // The state read above (no idempotency record then): the commit needs no second read unless it conflicts.
    { state },
  );
  stages?.mark('commit');
  if (!created) return replay(record.version, record.digest);
  return { status: 201, body: toResult(record, check.issues) };
}

export function unitView(campaignId: string, dir: Directory, unitId: string, state: UnitState | null, today: string): UnitView {
  const unit = dir.units.get(unitId)!;
  const status = unitStatus(state);
  const l = state?.latest ?? null;
  const lastReturn = l?.reviews.findLast((r) => r.decision === 'return');
  return {
    campaignId,
    unitId,
    name: unit.name,
    parentId: unit.parentId,
    status,
    reported: isReported(status),
    returnReasons: status === 'returned' && lastReturn ? lastReturn.reasons : [],
    latest: l
      ? {
          version: l.version,
          digest: l.digest,
          receiptNo: l.receiptNo,
          submittedAt: l.submittedAt,
          submittedBy: l.submittedBy,
          summary: l.summary,
          signOff: l.signOff,
          seal: l.seal,
          review: l.reviews.at(-1) ?? null,
        }
      : null,
    milestones: unitMilestones(dir.campaign.milestones, dir.extensions.get(unitId), state, today),
  };
}

export async function getUnit(call: Call, campaignId: string, unitId: string): Promise<UnitView> {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  requireUnitRole(actor, dir, unitId, READ_ROLES);
  const state = await call.s.submissions.getState(campaignId, unitId);
  return unitView(campaignId, dir, unitId, state, chinaDay(call.now));
}

async function loadVersion(call: Call, campaignId: string, unitId: string, version: number) {
  const r = await call.s.submissions.getVersion(campaignId, unitId, version);
  if (!r) throw notFound(`第 ${version} 版`);
  return r;
}

/** A version for a reader of the unit, with the unit's state (to tell whether it is superseded). */
async function readVersion(call: Call, campaignId: string, unitId: string, version: number) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  requireUnitRole(actor, dir, unitId, READ_ROLES);
  const [r, state] = await Promise.all([loadVersion(call, campaignId, unitId, version), call.s.submissions.getState(campaignId, unitId)]);
  return { dir, r, state };
}

/** Changes a version with its audit entry; `change` re-checks the state it is given (it may run again on a conflict). */
async function changeVersion(call: Call, campaignId: string, unitId: string, version: number, change: Parameters<SubmissionRepository['mutateVersion']>[3]) {
  try {
    return await call.s.submissions.mutateVersion(campaignId, unitId, version, change, call.now);
  } catch (e) {
    if (e instanceof VersionNotFound) throw notFound('该版本');
    throw e;
  }
}

export async function getSubmission(call: Call, campaignId: string, unitId: string, version: number): Promise<SubmissionView> {
  const { r, state } = await readVersion(call, campaignId, unitId, version);
  const [{ ledger, issues }, history] = await Promise.all([
    call.s.rows.read(campaignId, unitId, r.submissionId),
    call.s.audit.listUnit(campaignId, unitId, version),
  ]);
  return {
    campaignId,
    unitId,
    version: r.version,
    digest: r.digest,
    sm3: r.sm3,
    receiptNo: r.receiptNo,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy,
    superseded: (state?.latestVersion ?? r.version) > r.version,
    summary: r.summary,
    ...capIssues(issues),
    ledger,
    signOff: r.signOff,
    seal: r.seal,
    reviews: r.reviews,
    history,
  };
}

function assertCurrent(state: UnitState, version: number) {
  if (state.latestVersion !== version)
    throw conflict('VERSION_SUPERSEDED', `第 ${version} 版已被第 ${state.latestVersion} 版取代，请对最新版本操作。`, { latestVersion: state.latestVersion });
}

export async function signOff(call: Call, campaignId: string, unitId: string, version: number, digest: string) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = requireUnitRole(actor, dir, unitId, ['head']);
  const [r0, current] = await Promise.all([loadVersion(call, campaignId, unitId, version), call.s.submissions.getState(campaignId, unitId)]);
  // A retried sign-off (lost response) of the current version's digest by the same head answers as the first did.
  if (current?.latestVersion === version && r0.signOff?.digest === digest && sameUser(r0.signOff.userId, actor.userId)) return { signOff: r0.signOff };
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    assertCurrent(state, version);
    // Our own first try landed but its answer was lost (the storage client retried): answer as it would have.
    if (r.signOff?.digest === digest && sameUser(r.signOff.userId, actor.userId)) return null;
    if (digest !== r.digest) throw conflict('DIGEST_MISMATCH', '签字的摘要与该版本台账的摘要不一致：台账可能已变动，请核对后对最新版本签字。', { expected: r.digest });
    const status = versionStatus(r);
    if (r.signOff || status !== 'submitted')
      throw conflict('INVALID_STATE', status === 'returned' ? '该版本已被退回，请重新报送后再签字。' : r.signOff ? '该版本已签字，无需重复签字。' : '该版本已审核，不能再签字。', { status });
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

/** The media type the bytes really are, by magic number. */
export function sniffSealType(bytes: Uint8Array): (typeof SEAL_CONTENT_TYPES)[number] | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

export async function uploadSeal(call: Call, campaignId: string, unitId: string, version: number, contentType: string, bytes: Uint8Array): Promise<{ seal: Seal }> {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = requireUnitRole(actor, dir, unitId, ['liaison', 'head']);
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
    const status = versionStatus(r);
    if (status === 'accepted' || status === 'returned') throw conflict('INVALID_STATE', '该版本已审核，不能再更换盖章扫描件。', { status });
  };
  if (current) checkState(current, r0);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await call.s.seals.put(call.s.seals.blobName(campaignId, unitId, version, sha256, contentType), bytes, contentType, sha256);
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    checkState(state, r);
    const seal: Seal = { sha256, contentType: contentType as Seal['contentType'], bytes: bytes.length, at: call.now.toISOString(), userId: actor.userId };
    return {
      record: { ...r, seal },
      state: r.signOff ? { ...state, firstReportedAt: state.firstReportedAt ?? seal.at } : state,
      audit: { userId: actor.userId, role: who.role, action: 'seal', unitId, version, digest: r.digest, details: { sha256, contentType, bytes: bytes.length } },
    };
  });
  return { seal: record.seal! };
}

export async function review(call: Call, campaignId: string, unitId: string, version: number, decision: Review['decision'], reasons: string[]) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = requireUnitRole(actor, dir, unitId, ['office']);
  await loadVersion(call, campaignId, unitId, version);
  const { record } = await changeVersion(call, campaignId, unitId, version, (state, r) => {
    assertCurrent(state, version);
    // A retry of the decision that is already the version's last (same decision, reasons and reviewer):
    // its first response was lost; answer with that review instead of refusing the new state.
    const last = r.reviews.at(-1);
    if (last && last.decision === decision && sameUser(last.userId, actor.userId) && JSON.stringify(last.reasons) === JSON.stringify(reasons)) return null;
    const status = versionStatus(r);
    if (decision === 'accept' && status !== 'sealed')
      throw conflict('INVALID_STATE', '只能审核通过已签字盖章（已报送）的台账。', { status });
    if (decision === 'return' && !['submitted', 'signed', 'sealed'].includes(status))
      throw conflict('INVALID_STATE', status === 'returned' ? '该版本已退回。' : '已审核通过的台账须先重新打开。', { status });
    if (decision === 'reopen' && status !== 'accepted') throw conflict('INVALID_STATE', '只有审核通过的台账可以重新打开。', { status });
    const rv: Review = { decision, reasons, userId: actor.userId, name: who.name, at: call.now.toISOString() };
    return {
      record: { ...r, reviews: [...r.reviews, rv] },
      state: { ...state, firstAcceptedAt: decision === 'accept' ? (state.firstAcceptedAt ?? rv.at) : state.firstAcceptedAt },
      audit: { userId: actor.userId, role: who.role, action: `review.${decision}`, unitId, version, digest: r.digest, details: { reasons } },
    };
  });
  return { review: record.reviews.at(-1)!, status: versionStatus(record) };
}

const nameWithId = (name: string | undefined, userId: string) => (name ? `${name}（${userId}）` : userId);

/** Data for the printable sign-off sheet. */
export async function signOffSheetData(call: Call, campaignId: string, unitId: string, version: number) {
  const { dir, r, state } = await readVersion(call, campaignId, unitId, version);
  const { ledger, issues } = await call.s.rows.read(campaignId, unitId, r.submissionId);
  const head = dir.members.find((m) => m.unitId === unitId && m.role === 'head');
  return {
    campaign: dir.campaign,
    unit: dir.units.get(unitId)!,
    record: r,
    superseded: (state?.latestVersion ?? version) > version,
    ledger,
    issues,
    headName: head?.name ?? (typeof ledger.unit?.values.headName === 'string' ? ledger.unit.values.headName : ''),
    submitterName: nameWithId(dir.members.find((m) => sameUser(m.userId, r.submittedBy))?.name, r.submittedBy),
    printedAt: call.now,
  };
}
