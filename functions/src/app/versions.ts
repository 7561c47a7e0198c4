// Use cases that read a unit's versions: the unit's status view, one stored version, the data of the
// printable sign-off sheet.
import { routes, type RouteDef, type SubmissionView, type UnitView } from '../../../shared/api/contract';
import type { Call } from '../services';
import type { Directory, UnitState } from '../storage';
import { authorizeUnit, sameUser } from '../domain/access';
import { isReported, unitStatus } from '../domain/lifecycle';
import { unitMilestones } from '../domain/milestones';
import { chinaDay } from '../domain/time';
import { renderSignOffSheet } from '../documents/signOffSheet';
import { loadVersion, unitContext } from './context';

type RouteAuth = RouteDef['auth'];

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
  authorizeUnit(routes.getUnit.auth, actor, dir, unitId);
  const state = await call.s.submissions.getState(campaignId, unitId);
  return unitView(campaignId, dir, unitId, state, chinaDay(call.now));
}

/** A version for a reader of the unit, with the unit's state (to tell whether it is superseded). */
async function readVersion(call: Call, auth: RouteAuth, campaignId: string, unitId: string, version: number) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  authorizeUnit(auth, actor, dir, unitId);
  const [r, state] = await Promise.all([loadVersion(call, campaignId, unitId, version), call.s.submissions.getState(campaignId, unitId)]);
  return { dir, r, state };
}

export async function getSubmission(call: Call, campaignId: string, unitId: string, version: number): Promise<SubmissionView> {
  const { r, state } = await readVersion(call, routes.getSubmission.auth, campaignId, unitId, version);
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
    issues,
    ledger,
    signOff: r.signOff,
    seal: r.seal,
    reviews: r.reviews,
    history,
  };
}

const nameWithId = (name: string | undefined, userId: string) => (name ? `${name}（${userId}）` : userId);

/** The printable sign-off sheet (HTML). */
export async function signOffSheet(call: Call, campaignId: string, unitId: string, version: number): Promise<string> {
  return renderSignOffSheet(await signOffSheetData(call, campaignId, unitId, version));
}

/** Data for the printable sign-off sheet. */
export async function signOffSheetData(call: Call, campaignId: string, unitId: string, version: number) {
  const { dir, r, state } = await readVersion(call, routes.signOffSheet.auth, campaignId, unitId, version);
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
