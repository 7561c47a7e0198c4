// Use cases that read a unit's versions: the unit's status view, one stored version, the data of the
// printable sign-off sheet.
import { capIssues } from '../domain/issueCap';
import { recordAccess } from './accessLog';
import { routes, type RouteDef, type StoredReviewNote, type SubmissionView, type UnitView } from '../../../shared/api/contract';
import { reviewerOf } from '../domain/reviewChain';
import type { Call } from '../services';
import type { Directory, UnitState, VersionRecord } from '../storage';
import { authorizeUnit, sameUser } from '../domain/access';
import { isReported, unitStatus } from '../domain/lifecycle';
import { unitMilestones } from '../domain/milestones';
import { chinaDay } from '../../../shared/dates';
import { loadVersion, unitContext } from './context';

type RouteAuth = RouteDef['auth'];

/**
 * The notes of the latest returned version: the latest version's, else (while the next version is under
 * way after a return) its predecessor's — `previous` is that version when the caller read it.
 */
export function returnNotesOf(state: UnitState | null, previous: VersionRecord | null): StoredReviewNote[] {
  const l = state?.latest;
  if (!l) return [];
  const last = l.reviews.at(-1);
  if (last?.decision === 'return') return last.notes ?? [];
  if (l.reviews.length > 0 || !previous) return []; // reviewed since (endorsed, accepted): the notes were dealt with
  const p = previous.reviews.at(-1);
  return p?.decision === 'return' ? (p.notes ?? []) : [];
}

export function unitView(
  campaignId: string,
  dir: Directory,
  unitId: string,
  state: UnitState | null,
  today: string,
  returnNotes: StoredReviewNote[] = [],
): UnitView {
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
    returnNotes,
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
    milestones: unitMilestones(dir.campaign.milestones, dir.extensions.get(unitId), state, today, reviewerOf(dir, unitId) !== null),
  };
}

export async function getUnit(call: Call, campaignId: string, unitId: string): Promise<UnitView> {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  authorizeUnit(routes.getUnit.auth, actor, dir, unitId);
  const state = await call.s.submissions.getState(campaignId, unitId);
  // Only a fresh, unreviewed version needs its predecessor (for the notes it was returned with).
  const l = state?.latest;
  const previous =
    l && l.version > 1 && l.reviews.length === 0 ? await call.s.submissions.getVersion(campaignId, unitId, l.version - 1) : null;
  return unitView(campaignId, dir, unitId, state, chinaDay(call.now), returnNotesOf(state, previous));
}

/** A version for a reader of the unit, with the unit's state (to tell whether it is superseded). */
async function readVersion(call: Call, auth: RouteAuth, campaignId: string, unitId: string, version: number) {
  const { dir, actor } = await unitContext(call, campaignId, unitId);
  const who = authorizeUnit(auth, actor, dir, unitId);
  const [r, state] = await Promise.all([loadVersion(call, campaignId, unitId, version), call.s.submissions.getState(campaignId, unitId)]);
  return { dir, r, state, who };
}

export async function getSubmission(call: Call, campaignId: string, unitId: string, version: number): Promise<SubmissionView> {
  const { r, state, who } = await readVersion(call, routes.getSubmission.auth, campaignId, unitId, version);
  const [{ ledger, issues }, history] = await Promise.all([
    call.s.rows.read(campaignId, unitId, r.submissionId),
    call.s.audit.listUnit(campaignId, unitId, version),
    recordAccess(call, campaignId, { action: 'ledger.read', role: who.role, scope: 'unit', unitId, version, names: 'full' }),
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

const nameWithId = (name: string | undefined, userId: string) => (name ? `${name}（${userId}）` : userId);

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
