// Use cases of verifications (实地核查 / 举报) and the under-reporting (漏报/瞒报) they find.
import { randomUUID } from 'node:crypto';
import { routes, type Verification, type VerificationBody, type VerificationsResponse } from '../../../shared/api/contract';
import type { Ledger } from '../../../shared/ledger/schema';
import { AppError, notFound } from '../errors';
import type { Call, Services } from '../services';
import { authorizeCampaign, authorizeUnit } from '../domain/access';
import { buildVerification } from '../domain/verification';
import { chinaDay } from '../../../shared/dates';
import { loadDirectory } from './context';

/**
 * POST /campaigns/{c}/verifications. Office staff for any unit; a supervisor (主管部门负总责) for the
 * units of its subtree — both carry out on-site checks and receive tips. Persons not in the unit's
 * current ledger become under-reporting records against its head, leader in charge and liaison.
 */
export async function createVerification(call: Call, campaignId: string, body: VerificationBody): Promise<Verification> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  if (!dir.units.has(body.unitId)) throw notFound(`单位（${body.unitId}）`);
  const who = authorizeUnit(routes.verification.auth, actor, dir, body.unitId);
  const today = chinaDay(call.now);
  if (body.at > today)
    throw new AppError(400, 'VALIDATION_FAILED', `核查日期 ${body.at} 晚于今天（${today}）。`, {
      fieldErrors: { at: ['核查日期不能晚于今天'] },
      formErrors: [],
    });
  const bad = body.missingPersons.filter((p) => p.name.trim() === '' || p.idNumber.trim() === '');
  if (bad.length > 0)
    throw new AppError(400, 'VALIDATION_FAILED', `有 ${bad.length} 名核查发现人员缺少姓名或身份证号码。`, {
      fieldErrors: { missingPersons: ['姓名和身份证号码均须填写'] },
      formErrors: [],
    });
  const state = await call.s.submissions.getState(campaignId, body.unitId);
  let ledger: Ledger | null = null;
  if (state) ledger = (await call.s.rows.read(campaignId, body.unitId, state.latest.submissionId)).ledger;
  const v = buildVerification({
    verificationId: `VF-${today.replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`,
    campaignId,
    unitId: body.unitId,
    kind: body.kind,
    at: body.at,
    summary: body.summary.trim(),
    missingPersons: body.missingPersons,
    ledger,
    ledgerVersion: state?.latestVersion ?? null,
    members: dir.members,
    recordedBy: who.name === actor.userId ? actor.userId : `${who.name}（${actor.userId}）`,
    recordedAt: call.now.toISOString(),
  });
  await call.s.verifications.add(
    v,
    {
      userId: actor.userId,
      role: who.role,
      action: 'verification.create',
      unitId: body.unitId,
      version: v.ledgerVersion,
      digest: state?.latest.digest ?? null,
      details: {
        verificationId: v.verificationId,
        kind: v.kind,
        at: v.at,
        checked: v.checked,
        found: v.found,
        underReports: v.underReports.length,
      },
    },
    call.now,
  );
  return v;
}

/** GET /campaigns/{c}/verifications: office all, supervisors their subtree. */
export async function listVerifications(call: Call, campaignId: string): Promise<VerificationsResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { units } = authorizeCampaign(routes.listVerifications.auth, actor, dir);
  const all = await call.s.verifications.list(campaignId);
  return { verifications: all.filter((v) => units.has(v.unitId)) };
}

/** Under-reported persons (漏报/瞒报) per unit, over every verification of the campaign. */
export async function underReportCounts(s: Services, campaignId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const v of await s.verifications.list(campaignId)) out.set(v.unitId, (out.get(v.unitId) ?? 0) + v.underReports.length);
  return out;
}
