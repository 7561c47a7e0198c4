// Which reminders a campaign's units are due on a day. Pure.
import type { Reminder, Role } from '../../../shared/api/contract';
import type { Directory, UnitState } from '../storage';
import { unitMilestones } from './milestones';
import { reviewerOf } from './reviewChain';
import { daysBetween } from '../../../shared/dates';

/** Days ahead of a deadline at which a `due_soon` reminder is written. */
export const DUE_SOON_DAYS = 3;
const RECIPIENT_ROLES: Role[] = ['liaison', 'head'];

/** The reminders due for one campaign on `today` (pure, for tests and the timer). */
export function remindersFor(dir: Directory, states: Map<string, UnitState>, today: string, now: Date): Reminder[] {
  const out: Reminder[] = [];
  for (const u of dir.units.values()) {
    const ms = unitMilestones(
      dir.campaign.milestones,
      dir.extensions.get(u.unitId),
      states.get(u.unitId) ?? null,
      today,
      reviewerOf(dir, u.unitId) !== null,
    );
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
