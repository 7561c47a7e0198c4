// Campaign overview for the office (all units) and supervisors (their subtree): progress, audit trail,
// reminders; and the daily reminder run that fills the outbox.
import type { AuditEntry, ProgressResponse, Reminder, Role } from '../../../shared/api/contract';
import type { Call, Services } from '../services';
import type { UnitState } from '../storage';
import type { Directory } from '../storage';
import { visibleUnits } from './access';
import { loadDirectory } from './campaigns';
import { isReported, overallTimeliness, unitMilestones, unitStatus } from './status';
import { chinaDay, daysBetween } from './time';
import { underReportCounts } from '../desk/accountability';

export async function progress(call: Call, campaignId: string): Promise<ProgressResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { units } = visibleUnits(actor, dir);
  const [stateList, under] = await Promise.all([call.s.submissions.listStates(campaignId), underReportCounts(call.s, campaignId)]);
  const states = new Map(stateList.map((s) => [s.unitId, s]));
  const today = chinaDay(call.now);
  const rows = [...dir.units.values()]
    .filter((u) => units.has(u.unitId))
    .map((u) => {
      const st = states.get(u.unitId) ?? null;
      const l = st?.latest ?? null;
      const status = unitStatus(st);
      const milestones = unitMilestones(dir.campaign.milestones, dir.extensions.get(u.unitId), st, today);
      const accept = l?.reviews.findLast((r) => r.decision === 'accept');
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
        acceptedAt: status === 'accepted' ? (accept?.at ?? null) : null,
        ...overallTimeliness(milestones),
        rows: l?.summary.rows ?? null,
        errors: l?.summary.errors ?? null,
        findings: l?.summary.findings ?? null,
        underReports: under.get(u.unitId) ?? 0,
        milestones,
      };
    });
  return { campaignId, asOf: today, milestones: dir.campaign.milestones, units: rows };
}

export async function auditTrail(call: Call, campaignId: string): Promise<{ entries: AuditEntry[] }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { role, units } = visibleUnits(actor, dir);
  const entries = await call.s.audit.list(campaignId);
  return { entries: role === 'office' ? entries : entries.filter((e) => e.unitId !== null && units.has(e.unitId)) };
}

export async function listReminders(call: Call, campaignId: string): Promise<{ reminders: Reminder[] }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { units } = visibleUnits(actor, dir);
  const all = await call.s.outbox.list(campaignId);
  return { reminders: all.filter((r) => units.has(r.unitId)) };
}

/** Days ahead of a deadline at which a `due_soon` reminder is written. */
export const DUE_SOON_DAYS = 3;
const RECIPIENT_ROLES: Role[] = ['liaison', 'head'];

/** The reminders due for one campaign on `today` (pure, for tests and the timer). */
export function remindersFor(dir: Directory, states: Map<string, UnitState>, today: string, now: Date): Reminder[] {
  const out: Reminder[] = [];
  for (const u of dir.units.values()) {
    const ms = unitMilestones(dir.campaign.milestones, dir.extensions.get(u.unitId), states.get(u.unitId) ?? null, today);
    for (const m of ms) {
      if (m.doneAt) continue;
      const left = daysBetween(today, m.due);
      const kind = m.state === 'overdue' ? 'overdue' : left >= 0 && left <= DUE_SOON_DAYS ? 'due_soon' : null;
      if (!kind) continue;
      out.push({
        unitId: u.unitId,
        milestoneId: m.id,
        day: today,
        kind,
        due: m.due,
        days: kind === 'overdue' ? m.overdueDays : left,
        recipients: dir.members
          .filter((x) => x.unitId === u.unitId && RECIPIENT_ROLES.includes(x.role))
          .map((x) => ({ userId: x.userId, name: x.name, role: x.role })),
        createdAt: now.toISOString(),
      });
    }
  }
  return out;
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
