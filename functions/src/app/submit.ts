// Use case: a liaison submits a ledger — server-side re-check, digest, receipt number, idempotency and
// optimistic concurrency.
import { createHash } from 'node:crypto';
import { routes, type SubmitResult } from '../../../shared/api/contract';
import type { CheckResult, Issue, Ledger } from '../../../shared/ledger/schema';
import { checkLedger } from '../../../shared/rules/engine';
import { AppError } from '../errors';
import type { Call } from '../services';
import type { Directory, UnitState, VersionRecord } from '../storage';
import { jsonTexts } from '../storage/rows';
import { authorizeUnit, type Actor } from '../domain/access';
import { assertAllowed, unitStatus } from '../domain/lifecycle';
import { receiptNumber } from '../domain/receipt';
import { chinaDay } from '../../../shared/dates';
import { capIssues } from '../domain/issueCap';
import { ledgerDigests, ledgerDigestsInTurns } from '../infra/digest';
import type { Stages } from '../infra/serverTiming';
import { unitContext } from './context';

/** Characters of JSON one roster row may take: far above any real row, well below a table entity's 1 MiB. */
const MAX_ROW_CHARS = 100_000;

function toResult(r: VersionRecord, issues: Issue[]): SubmitResult {
  return {
    version: r.version,
    digest: r.digest,
    sm3: r.sm3,
    receiptNo: r.receiptNo,
    submittedAt: r.submittedAt,
    summary: r.summary,
    ...capIssues(issues),
  };
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

/** Reads and checks an uploaded workbook on the worker pool, as of the China day of the request. */
export function checkSubmittedWorkbook(call: Call, bytes: Uint8Array) {
  return call.s.work.checkWorkbook(bytes, chinaDay(call.now));
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
  const who = authorizeUnit(routes.submit.auth, actor, dir, unitId);
  const tooLong = rowTexts.findIndex((t) => t.length > MAX_ROW_CHARS);
  if (tooLong >= 0 || JSON.stringify(ledger.unit ?? {}).length > MAX_ROW_CHARS)
    throw new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      tooLong >= 0
        ? `第 ${ledger.roster!.rows[tooLong].row} 行内容过长，无法保存，请检查是否误粘贴了大量文字。`
        : '单位基本情况内容过长，无法保存。',
    );

  // The digests: computed beside the rows write below, or here when a replay needs them first.
  let digests: { sha256: string; sm3: string | null } | null = null;
  // A retry of a stored submission: same body, nothing new stored.
  const replay = async (version: number, storedDigest: string) => {
    digests ??= ledgerDigests(ledger);
    if (storedDigest !== digests.sha256)
      throw new AppError(409, 'IDEMPOTENCY_KEY_REUSED', '该幂等键（Idempotency-Key）已用于另一份台账，请为新的报送使用新的键。');
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
    if (state) assertAllowed(unitStatus(state), 'submit', state.latestVersion);
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
    (r) => ({
      userId: actor.userId,
      role: who.role,
      action: 'submission.create',
      unitId,
      version: r.version,
      digest: r.digest,
      details: { receiptNo: r.receiptNo, rows: r.summary.rows, findings: r.summary.findings },
    }),
    call.now,
    // The state read above (no idempotency record then): the commit needs no second read unless it conflicts.
    { state },
  );
  stages?.mark('commit');
  if (!created) return replay(record.version, record.digest);
  return { status: 201, body: toResult(record, check.issues) };
}
