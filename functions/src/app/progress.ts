// Use cases of the campaign overview for the office (all units) and supervisors (their subtree):
// progress, audit trail, reminders; and the daily reminder run that fills the outbox.
import { ACCESS_ACTIONS, routes, type AuditEntry, type ProgressResponse, type Reminder } from '../../../shared/api/contract';
import type { Call, Services } from '../services';
import { authorizeCampaign } from '../domain/access';
import { isReported, unitStatus } from '../domain/lifecycle';
import { overallTimeliness, unitMilestones } from '../domain/milestones';
import { remindersFor } from '../domain/reminders';
import { chinaDay } from '../../../shared/dates';
import { loadDirectory } from './context';
import { underReportCounts } from './verifications';
import { suspectedUnreportedCounts } from './leads';
import { reviewerOf } from '../domain/reviewChain';

export async function progress(call: Call, campaignId: string): Promise<ProgressResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { units } = authorizeCampaign(routes.progress.auth, actor, dir);
  const [stateList, under] = await Promise.all([call.s.submissions.listStates(campaignId), underReportCounts(call.s, campaignId)]);
  const suspected = await suspectedUnreportedCounts(call.s, campaignId, dir, stateList);
  const states = new Map(stateList.map((s) => [s.unitId, s]));
  const today = chinaDay(call.now);
  const rows = [...dir.units.values()]
    .filter((u) => units.has(u.unitId))
    .map((u) => {
      const st = states.get(u.unitId) ?? null;
      const l = st?.latest ?? null;
      const status = unitStatus(st);
      const reviewer = reviewerOf(dir, u.unitId);
      const milestones = unitMilestones(dir.campaign.milestones, dir.extensions.get(u.unitId), st, today, reviewer !== null);
      const accept = l?.reviews.findLast((r) => r.decision === 'accept');
      const endorse = l?.reviews.findLast((r) => r.decision === 'endorse');
      return {
        unitId: u.unitId,
        name: u.name,
        parentId: u.parentId,
        status,
        reported: isReported(status),
        version: l?.version ?? null,
        submittedAt: l?.submittedAt ?? null,
        signedAt: l?.signOff?.at ?? null,
        sealedAt: l?.seal?.at ?? null,
        sealQr: l?.seal ? (l.seal.qr ?? 'not_found') : null,
        endorsedAt: endorse?.at ?? null,
        acceptedAt: status === 'accepted' ? (accept?.at ?? null) : null,
        reviewer: reviewer ? { unitId: reviewer.unitId, userIds: reviewer.userIds } : null,
        ...overallTimeliness(milestones),
        rows: l?.summary.rows ?? null,
        errors: l?.summary.errors ?? null,
        findings: l?.summary.findings ?? null,
        underReports: under.get(u.unitId) ?? 0,
        suspectedUnreported: suspected.get(u.unitId) ?? 0,
        milestones,
      };
    });
  return { campaignId, asOf: today, milestones: dir.campaign.milestones, units: rows };
}

export async function auditTrail(call: Call, campaignId: string, category?: 'access' | 'change'): Promise<{ entries: AuditEntry[] }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { role, units } = authorizeCampaign(routes.audit.auth, actor, dir);
  const all = await call.s.audit.list(campaignId);
  const isAccess = (e: AuditEntry) => (ACCESS_ACTIONS as readonly string[]).includes(e.action);
  const entries = category === undefined ? all : all.filter((e) => isAccess(e) === (category === 'access'));
  return { entries: role === 'office' ? entries : entries.filter((e) => e.unitId !== null && units.has(e.unitId)) };
}

export async function listReminders(call: Call, campaignId: string): Promise<{ reminders: Reminder[] }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { units } = authorizeCampaign(routes.reminders.auth, actor, dir);
  const all = await call.s.outbox.list(campaignId);
  return { reminders: all.filter((r) => units.has(r.unitId)) };
}

/** The daily run: for every campaign, write today's reminders to the outbox (idempotent per unit, milestone, day). */
export async function runReminders(s: Services, now: Date): Promise<{ campaigns: number; written: number; skipped: number }> {
  const today = chinaDay(now);
  const ids = await s.campaigns.listIds();
  let written = 0;
  let skipped = 0;
  for (const id of ids) {
    const dir = await s.campaigns.getDirectory(id);
    if (!dir) continue;
    const states = new Map((await s.submissions.listStates(id)).map((x) => [x.unitId, x]));
    for (const r of remindersFor(dir, states, today, now)) {
      if (await s.outbox.add(id, r)) written++;
      else skipped++;
    }
  }
  return { campaigns: ids.length, written, skipped };
}
